import type { Context, Invocation } from '../context.js';
import { localDay } from '../core/dates.js';
import { heatmapRange, renderHeatmap } from '../render/heatmap.js';
import { loadTracked, printJson, withDatabase } from './_store.js';

/** A year of logged study minutes as a heatmap, or the minutes per day as JSON. */
export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const minutesByDay = withDatabase(ctx, 'existing', (db) => loadTracked(db).state.minutesByDay);
  const today = localDay(ctx.now);
  if (inv.opts.json) {
    const { from, to } = heatmapRange(today);
    const days = [...minutesByDay]
      .filter(([day, minutes]) => day >= from && day <= to && minutes > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, minutes]) => ({ day, minutes }));
    return printJson(ctx, { from, to, days });
  }
  ctx.out(renderHeatmap(minutesByDay, today, ctx.style));
}
