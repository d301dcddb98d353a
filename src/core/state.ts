import type { EventRow, Status } from '../store/events.js';

export interface ItemState {
  status: Status;
  /** When the current status was set (ISO), null for never-touched items. */
  since: string | null;
  notes: { at: string; text: string }[];
  /** The learner's own estimate (`estimate ITEM 6h`), overriding the roadmap's. */
  estimateHours: number | null;
  minutesLogged: number;
}

export interface Session {
  id: number;
  itemId: number | null;
  minutes: number;
  day: string;
  note: string | null;
  at: string;
}

export interface DerivedState {
  items: Map<number, ItemState>;
  sessions: Session[];
  /** Status changes that count as study, with the local day they happened on. */
  statusChanges: { itemId: number; status: Status; at: string }[];
  openClock: { eventId: number; itemId: number | null; at: string } | null;
}

/** The ids of events reversed by an `undo`. */
function undoneIds(events: readonly EventRow[]): Set<number> {
  const undone = new Set<number>();
  for (const e of events) if (e.type === 'undo' && e.ref !== null) undone.add(e.ref);
  return undone;
}

/**
 * Replays the event log into current state. The log is never rewritten:
 * an undo is an event that cancels another.
 */
export function deriveState(events: readonly EventRow[]): DerivedState {
  const undone = undoneIds(events);
  const items = new Map<number, ItemState>();
  const sessions: Session[] = [];
  const statusChanges: DerivedState['statusChanges'] = [];
  let openClock: DerivedState['openClock'] = null;
  const itemState = (id: number): ItemState => {
    let s = items.get(id);
    if (!s) {
      s = { status: 'todo', since: null, notes: [], estimateHours: null, minutesLogged: 0 };
      items.set(id, s);
    }
    return s;
  };
  for (const e of events) {
    if (e.type === 'undo' || undone.has(e.id)) continue;
    switch (e.type) {
      case 'status':
        if (e.itemId !== null && e.status) {
          const s = itemState(e.itemId);
          s.status = e.status;
          s.since = e.at;
          statusChanges.push({ itemId: e.itemId, status: e.status, at: e.at });
        }
        break;
      case 'session':
        sessions.push({ id: e.id, itemId: e.itemId, minutes: e.minutes ?? 0, day: e.day ?? e.at.slice(0, 10), note: e.note, at: e.at });
        if (e.itemId !== null) itemState(e.itemId).minutesLogged += e.minutes ?? 0;
        if (e.ref !== null && openClock?.eventId === e.ref) openClock = null;
        break;
      case 'note':
        if (e.itemId !== null && e.note) itemState(e.itemId).notes.push({ at: e.at, text: e.note });
        break;
      case 'estimate':
        if (e.itemId !== null && e.minutes !== null) itemState(e.itemId).estimateHours = e.minutes / 60;
        break;
      case 'clock':
        // One clock at a time: a new one replaces any still running.
        openClock = { eventId: e.id, itemId: e.itemId, at: e.at };
        break;
    }
  }
  return { items, sessions, statusChanges, openClock };
}

/** The events of the latest command that can still be undone, or null. */
export function lastUndoableBatch(events: readonly EventRow[]): EventRow[] | null {
  const undone = undoneIds(events);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'undo' || undone.has(e.id)) continue;
    return events.filter((x) => x.batch === e.batch && x.type !== 'undo' && !undone.has(x.id));
  }
  return null;
}
