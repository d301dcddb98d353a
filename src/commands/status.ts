import type { Context, Invocation } from '../context.js';
import { formatMinutes } from '../core/duration.js';
import { localDay } from '../core/dates.js';
import type { DerivedState } from '../core/state.js';
import type { NewEvent, Status } from '../store/events.js';
import type { StoredItem } from '../store/items.js';
import { loadTracking } from '../store/snapshots.js';
import { appendEvents, itemFinder, printJson, requireRoadmap, stamp, transaction, withDatabase } from './_store.js';

const TARGET: Record<string, Status> = { done: 'done', start: 'doing', skip: 'skipped', reset: 'todo' };
const VERB: Record<Status, string> = { done: 'Done', doing: 'Started', skipped: 'Skipped', todo: 'Back to do' };

/** Minutes a running clock has counted by `now`, at least one. */
export function clockMinutes(startedAt: string, now: Date): number {
  return Math.max(1, Math.round((now.getTime() - Date.parse(startedAt)) / 60_000));
}

/** The session that closes a running clock, if one runs on `item` (or on anything, when item is null). */
export function closeClock(state: Pick<DerivedState, 'openClock'>, now: Date, item: StoredItem | null, note?: string): NewEvent | null {
  const clock = state.openClock;
  if (!clock || (item && clock.itemId !== item.id)) return null;
  return { type: 'session', itemId: clock.itemId, minutes: clockMinutes(clock.at, now), day: localDay(now), ref: clock.eventId, note: note ?? null };
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const status = TARGET[inv.name]!;
  const refs = (inv.args[0] as string[]).map(String);
  const result = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      // What the change checks: each item's status and the running clock, not the items' whole state.
      const roadmap = requireRoadmap(db);
      const { status: statuses, days } = loadTracking(db, roadmap.id);
      const find = itemFinder(db, roadmap.id);
      const items = [...new Map(refs.map((r) => find(r)).map((item) => [item.id, item])).values()];
      const events: NewEvent[] = [];
      const changed: StoredItem[] = [];
      const unchanged: StoredItem[] = [];
      let clockStop: NewEvent | null = null;
      let clockStarted = false;
      for (const item of items) {
        if ((statuses.get(item.id) ?? 'todo') === status) {
          unchanged.push(item);
          continue;
        }
        // Starting closes whatever clock runs; finishing, skipping or resetting closes the item's own.
        const running = closeClock(days, ctx.now, status === 'doing' ? null : item);
        clockStop ??= running;
        events.push({ type: 'status', itemId: item.id, status });
        if (status === 'doing' && !clockStarted) {
          events.push({ type: 'clock', itemId: item.id });
          clockStarted = true;
        }
        changed.push(item);
      }
      appendEvents(db, roadmap.id, clockStop ? [clockStop, ...events] : events, stamp(ctx));
      return { changed, unchanged, clockStop };
    }),
  );
  if (inv.opts.json) {
    return printJson(ctx, {
      status,
      changed: result.changed.map((i) => ({ number: i.number, text: i.text })),
      unchanged: result.unchanged.map((i) => ({ number: i.number, text: i.text })),
    });
  }
  if (result.clockStop) ctx.out(`Logged ${formatMinutes(result.clockStop.minutes ?? 0)} from the running clock.`);
  for (const item of result.changed) ctx.out(`${VERB[status]}: #${item.number} ${item.text}`);
  for (const item of result.unchanged) ctx.out(`#${item.number} is already ${status === 'todo' ? 'to do' : status}: ${item.text}`);
  if (status === 'doing' && result.changed.length) ctx.out('The clock is running: `ai-learn stop` logs the time, `ai-learn done` finishes the item.');
}
