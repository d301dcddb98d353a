import type { EventRow, Status } from '../store/events.js';
import { epochDay, localDay, type Day } from './dates.js';

/**
 * The notes an import gives the status events it takes from the roadmap file
 * (`[x]`, an export's "_(in progress)_"): such a status is the file's, not
 * the learner's, so a later import may change it and it is no day of study.
 */
export const FROM_FILE = { checked: 'checked in the roadmap file', noted: 'noted in the roadmap file' } as const;

export function isFromFile(e: Pick<EventRow, 'type' | 'note'>): boolean {
  return e.type === 'status' && (e.note === FROM_FILE.checked || e.note === FROM_FILE.noted);
}

export interface ItemState {
  status: Status;
  /** When the current status was set (ISO), null for never-touched items. */
  since: string | null;
  /** The current status was taken from the roadmap file by an import, not set by the learner. */
  byFile: boolean;
  /** The local day it was set on. */
  sinceDay: Day | null;
  /** The learner's own estimate (`estimate ITEM 6h`), overriding the roadmap's. */
  estimateHours: number | null;
  minutesLogged: number;
}

export interface OpenClock {
  eventId: number;
  itemId: number | null;
  at: string;
}

/**
 * Current state derived from the event log: per item, and per day in
 * aggregate, so that it stays small however long the history grows.
 */
export interface DerivedState {
  items: Map<number, ItemState>;
  /** Study minutes per local day. */
  minutesByDay: Map<Day, number>;
  /**
   * Days with study logged (a session, or an item started or finished), as
   * days since 1970-01-01 (epochDay): the chain asks about every day of a
   * history, and five years of days as text took 3-5 ms to convert.
   */
  studyDays: Set<number>;
  sessionCount: number;
  totalMinutes: number;
  openClock: OpenClock | null;
  /** The last event this state includes. */
  lastEventId: number;
}

/** The part of a derived state that is about days, not items: all that `streak` and `calendar` need. */
export type DayState = Pick<DerivedState, 'minutesByDay' | 'studyDays' | 'sessionCount' | 'totalMinutes' | 'openClock' | 'lastEventId'>;

/**
 * What the plan's views need of a state besides the plan (src/plan/table.ts):
 * each item's status, the day each done item was finished, and the days.
 * At 10,000 items it is read without the items' whole state (loadTracking).
 */
export interface Tracking {
  /** By item id; an item not in it is to do. */
  status: ReadonlyMap<number, Status>;
  /** The local day each done item was finished, by item id. */
  doneOn: ReadonlyMap<number, Day>;
  days: DayState;
}

export function emptyState(): DerivedState {
  return { items: new Map(), minutesByDay: new Map(), studyDays: new Set(), sessionCount: 0, totalMinutes: 0, openClock: null, lastEventId: 0 };
}

/** An item no event has touched, or one known only by its status (`status`). */
export function untouchedItem(status: Status = 'todo'): ItemState {
  return { status, since: null, byFile: false, sinceDay: null, estimateHours: null, minutesLogged: 0 };
}

/** The local day an event counts for: recorded with it, or (older rows) from its time. */
const dayOfEvent = (e: EventRow): Day => e.day ?? localDay(new Date(e.at));

/**
 * Applies events in order to a state, skipping those in `undone`. The events
 * must not contain undos of events already applied: replaying an undo needs
 * the whole log (see deriveState). What an event does to the days (minutes,
 * study days, sessions, the clock) depends on the event alone, never on an
 * item's earlier state: loadDays (src/store/snapshots.ts) applies events to
 * a state that has the days but no items.
 */
export function applyEvents(state: DerivedState, events: readonly EventRow[], undone: ReadonlySet<number> = new Set()): DerivedState {
  const itemState = (id: number): ItemState => {
    let s = state.items.get(id);
    if (!s) {
      s = untouchedItem();
      state.items.set(id, s);
    }
    return s;
  };
  for (const e of events) {
    state.lastEventId = Math.max(state.lastEventId, e.id);
    if (e.type === 'undo' || undone.has(e.id)) continue;
    switch (e.type) {
      case 'status':
        if (e.itemId !== null && e.status) {
          const s = itemState(e.itemId);
          s.status = e.status;
          s.since = e.at;
          s.byFile = isFromFile(e);
          s.sinceDay = dayOfEvent(e);
          // Importing a file with ticked boxes is no study: only the learner's own changes count.
          if ((e.status === 'doing' || e.status === 'done') && !s.byFile) state.studyDays.add(epochDay(s.sinceDay));
        }
        break;
      case 'session': {
        const minutes = e.minutes ?? 0;
        const day = dayOfEvent(e);
        state.sessionCount++;
        state.totalMinutes += minutes;
        state.minutesByDay.set(day, (state.minutesByDay.get(day) ?? 0) + minutes);
        state.studyDays.add(epochDay(day));
        if (e.itemId !== null) itemState(e.itemId).minutesLogged += minutes;
        if (e.ref !== null && state.openClock?.eventId === e.ref) state.openClock = null;
        break;
      }
      case 'estimate':
        if (e.itemId !== null && e.minutes !== null) itemState(e.itemId).estimateHours = e.minutes / 60;
        break;
      case 'clock':
        // One clock at a time: a new one replaces any still running.
        state.openClock = { eventId: e.id, itemId: e.itemId, at: e.at };
        break;
      default:
        break; // notes stay in the log; nothing derived from them
    }
  }
  return state;
}

/** The ids of events reversed by an `undo`. */
export function undoneIds(events: readonly EventRow[]): Set<number> {
  const undone = new Set<number>();
  for (const e of events) if (e.type === 'undo' && e.ref !== null) undone.add(e.ref);
  return undone;
}

/**
 * Replays a whole event log into current state. The log is never rewritten:
 * an undo is an event that cancels another.
 */
export function deriveState(events: readonly EventRow[]): DerivedState {
  return applyEvents(emptyState(), events, undoneIds(events));
}
