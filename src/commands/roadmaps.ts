import type { Context, Invocation } from '../context.js';
import { currentRoadmap, listRoadmaps } from '../store/roadmaps.js';
import { percentDone } from '../core/progress.js';
import { statusesByRow } from '../plan/table.js';
import { loadStatuses } from '../store/snapshots.js';
import { loadPlanTable } from './_plan.js';
import { fit, plural } from '../render/style.js';
import { printJson, viewOf, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  // Each roadmap's percentage needs its plan table and statuses (not its days, chain or forecast):
  // computed once per change, like the other read views.
  const rows = withDatabase(ctx, 'read', (db) =>
    viewOf(db, ctx, 'roadmaps', () => {
      const current = currentRoadmap(db)?.id;
      // A transaction per roadmap: a table made and kept for one holds the write lock only while it is stored.
      return listRoadmaps(db).map((r) =>
        db.transaction(() => {
          const table = loadPlanTable(db, ctx, r);
          const percent = percentDone(table, statusesByRow(table, loadStatuses(db, r.id).status));
          return { name: r.name, title: r.title, current: r.id === current, items: table.id.length, percent, source: r.source, importedAt: r.importedAt };
        })(),
      );
    }),
  );
  if (inv.opts.json) return printJson(ctx, rows);
  if (rows.length === 0) return ctx.out('No roadmaps yet: `ai-learn init --demo` or `ai-learn import FILE`.');
  // Names run to 40 characters: the columns after them start where the longest one ends, and the
  // title, last, is what gives way to the terminal's width.
  const width = Math.max(...rows.map((r) => r.name.length));
  const counts = rows.map((r) => plural(r.items, 'item'));
  const countWidth = Math.max(...counts.map((c) => c.length));
  rows.forEach((r, k) =>
    ctx.out(fit(`${r.current ? '*' : ' '} ${r.name.padEnd(width)} ${String(r.percent).padStart(5)}%  ${counts[k]!.padEnd(countWidth)}  ${r.title}`, ctx.style.width)),
  );
}
