import type { Context, Invocation } from '../context.js';
import { localDay } from '../core/dates.js';
import { computeProgress, type ProgressData } from '../core/progress.js';
import { renderProgress } from '../render/progress.js';
import { loadTracked, printJson, withDatabase } from './_store.js';

export function progressData(ctx: Context, nextCount = 3): ProgressData {
  return withDatabase(ctx, 'existing', (db) => {
    const t = loadTracked(db);
    const input = { name: t.roadmap.name, title: t.roadmap.title, items: t.items, state: t.state, today: localDay(ctx.now), nextCount };
    return computeProgress(input, (iso) => localDay(new Date(iso)));
  });
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const data = progressData(ctx);
  if (inv.opts.json) printJson(ctx, data);
  else ctx.out(renderProgress(data, ctx.style));
}
