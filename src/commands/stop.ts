import type { Context, Invocation } from '../context.js';
import { formatMinutes, parseDuration } from '../core/duration.js';
import { UserError, UsageError } from '../errors.js';
import { closeClock } from './status.js';
import { loadItemById } from '../store/items.js';
import { loadDays } from '../store/snapshots.js';
import { appendEvents, checkDayRoom, requireRoadmap, stamp, transaction, withDatabase } from './_store.js';

/** A clock left running longer than this was probably forgotten. */
const MAX_CLOCK_MINUTES = 12 * 60;

export async function run(ctx: Context, inv: Invocation<{ message?: string }>): Promise<void> {
  const given = inv.args[0] === undefined ? null : parseDuration(String(inv.args[0]));
  const session = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      // The running clock is all it checks: the days, not the items' state.
      const roadmap = requireRoadmap(db);
      const days = loadDays(db, roadmap.id);
      const session = closeClock(days, ctx.now, null, inv.opts.message);
      if (!session) throw new UserError('No clock is running; `ai-learn start ITEM` starts one, `ai-learn log 45m` logs time directly.');
      if (given !== null) session.minutes = given;
      else if ((session.minutes ?? 0) > MAX_CLOCK_MINUTES) {
        throw new UsageError(`The clock has run for ${formatMinutes(session.minutes ?? 0)}; say how long you studied, e.g. \`ai-learn stop 2h\`.`);
      }
      checkDayRoom(days.minutesByDay, session.day ?? '', session.minutes ?? 0);
      appendEvents(db, roadmap.id, [session], stamp(ctx));
      const item = typeof session.itemId === 'number' ? loadItemById(db, session.itemId) : undefined;
      return { minutes: session.minutes ?? 0, item };
    }),
  );
  ctx.out(`Logged ${formatMinutes(session.minutes)}${session.item ? ` on #${session.item.number} ${session.item.text}` : ''}.`);
}
