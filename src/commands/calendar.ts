import type { Context, Invocation } from '../context.js';
import { localDay } from '../core/dates.js';
import { heatmapRange, renderHeatmap } from '../render/heatmap.js';
import { loadDays } from '../store/snapshots.js';
import { printJson, requireRoadmap, viewOf, withDatabase } from './_store.js';

/** A year of logged study minutes as a heatmap, or the minutes per day as JSON. */
export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const today = localDay(ctx.now);
  const { from, to } = heatmapRange(today);
  // The heatmap's days with study logged, oldest first; older days are never shown.
  const days = withDatabase(ctx, 'read', (db) =>
    viewOf(db, ctx, 'calendar', () =>
      [...loadDays(db, requireRoadmap(db).id).minutesByDay]
        .filter(([day, minutes]) => day >= from && day <= to && minutes > 0)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([day, minutes]) => ({ day, minutes })),
    ),
  );
  if (inv.opts.json) return printJson(ctx, { from, to, days });
  ctx.out(renderHeatmap(new Map(days.map((d) => [d.day, d.minutes])), today, ctx.style));
}
