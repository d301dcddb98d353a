import type { Context, Invocation } from '../context.js';
import { formatMinutes, formatHours, parseDuration } from '../core/duration.js';
import { formatDay, localDay, parseDayArg } from '../core/dates.js';
import { loadDays } from '../store/snapshots.js';
import { appendEvents, checkDayRoom, itemFinder, requireRoadmap, stamp, transaction, withDatabase } from './_store.js';

/** Records a study session: how long, which day, optionally on which item. */
export async function run(ctx: Context, inv: Invocation<{ message?: string; date?: string }>): Promise<void> {
  const minutes = parseDuration(String(inv.args[0]));
  const day = inv.opts.date ? parseDayArg(inv.opts.date, ctx.now) : localDay(ctx.now);
  const ref = inv.args[1] === undefined ? undefined : String(inv.args[1]);
  const { item, total } = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      // A session checks nothing of the items' state: only the days are read, for the total.
      const roadmap = requireRoadmap(db);
      const item = ref === undefined ? null : itemFinder(db, roadmap.id)(ref);
      const days = loadDays(db, roadmap.id);
      checkDayRoom(days.minutesByDay, day, minutes);
      const total = days.totalMinutes + minutes;
      appendEvents(db, roadmap.id, [{ type: 'session', itemId: item?.id ?? null, minutes, day, note: inv.opts.message ?? null }], stamp(ctx));
      return { item, total };
    }),
  );
  const what = item ? ` on #${item.number} ${item.text}` : '';
  ctx.out(`Logged ${formatMinutes(minutes)} for ${formatDay(day)}${what}. ${formatHours(total / 60)} h logged in all.`);
}
