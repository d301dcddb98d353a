import type { Context, Invocation } from '../context.js';
import { localDay } from '../core/dates.js';
import { computeProgress } from '../core/progress.js';
import { deriveState } from '../core/state.js';
import { loadEvents } from '../store/events.js';
import { loadItems } from '../store/items.js';
import { currentRoadmap, listRoadmaps } from '../store/roadmaps.js';
import { printJson, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const rows = withDatabase(ctx, 'existing', (db) => {
    const current = currentRoadmap(db)?.id;
    return listRoadmaps(db).map((r) => {
      const items = loadItems(db, r.id);
      const p = computeProgress(
        { name: r.name, title: r.title, items, state: deriveState(loadEvents(db, r.id)), today: localDay(ctx.now), nextCount: 0 },
        (iso) => localDay(new Date(iso)),
      );
      return { name: r.name, title: r.title, current: r.id === current, items: items.length, percent: p.percent, source: r.source, importedAt: r.importedAt };
    });
  });
  if (inv.opts.json) return printJson(ctx, rows);
  if (rows.length === 0) return ctx.out('No roadmaps yet: `ai-learn init --demo` or `ai-learn import FILE`.');
  for (const r of rows) ctx.out(`${r.current ? '*' : ' '} ${r.name.padEnd(24)} ${String(r.percent).padStart(5)}%  ${r.items} items  ${r.title}`);
}
