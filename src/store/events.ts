import type { DB } from './db.js';

export type Status = 'todo' | 'doing' | 'done' | 'skipped';
export type EventType = 'status' | 'session' | 'note' | 'estimate' | 'clock' | 'undo';

/** One entry of the append-only log. */
export interface EventRow {
  id: number;
  batch: number;
  itemId: number | null;
  type: EventType;
  status: Status | null;
  minutes: number | null;
  /** Local calendar day (YYYY-MM-DD) the event counts for. */
  day: string | null;
  note: string | null;
  /** The event an undo reverses, or the clock a session closes. */
  ref: number | null;
  /** ISO 8601 time it was recorded. */
  at: string;
}

export type NewEvent = Pick<EventRow, 'type'> & Partial<Pick<EventRow, 'itemId' | 'status' | 'minutes' | 'day' | 'note' | 'ref'>>;

/** When a command happened: the instant, and the local day it counts for. */
export interface Stamp {
  at: string;
  day: string;
}

const COLUMNS = 'id, batch, item_id AS itemId, type, status, minutes, day, note, ref, at';

/**
 * Appends the events of one command as a batch, so that `undo` can reverse
 * the command as a whole. Must run inside the command's transaction; the
 * caller then refreshes the roadmap's snapshot.
 */
export function appendBatch(db: DB, roadmapId: number, events: readonly NewEvent[], when: Stamp): number {
  if (events.length === 0) return 0;
  const row = db.prepare('SELECT coalesce(max(batch), 0) + 1 AS next FROM events').get() as { next: number };
  const insert = db.prepare(
    `INSERT INTO events (roadmap_id, batch, item_id, type, status, minutes, day, note, ref, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of events) {
    insert.run(roadmapId, row.next, e.itemId ?? null, e.type, e.status ?? null, e.minutes ?? null, e.day ?? when.day, e.note ?? null, e.ref ?? null, when.at);
  }
  return row.next;
}

/** The log of a roadmap in order, all of it or what came after an event. */
export function loadEvents(db: DB, roadmapId: number, after = 0): EventRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM events WHERE roadmap_id = ? AND id > ? ORDER BY id`).all(roadmapId, after) as EventRow[];
}

const NOT_UNDONE = `id NOT IN (SELECT ref FROM events WHERE roadmap_id = @roadmapId AND type = 'undo' AND ref IS NOT NULL)`;

/**
 * The learner's estimates not undone, in hours by item id (each item's
 * latest): what the derived state holds as estimateHours (src/core/state.ts),
 * read through the index on types instead of the whole state. A dated plan
 * needs nothing else of the state; at 10,000 items decoding it was a tenth
 * of the first read after a change to the plan. `ORDER BY +id`, not `id`:
 * ordered by the id itself, SQLite walked the roadmap's index in id order
 * through all 100,000 events of the benchmark (14 ms) rather than sort the
 * few estimates the index on types finds (0.04 ms).
 */
export function loadEstimates(db: DB, roadmapId: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT item_id, minutes FROM events
       WHERE roadmap_id = @roadmapId AND type = 'estimate' AND item_id IS NOT NULL AND minutes IS NOT NULL AND ${NOT_UNDONE} ORDER BY +id`,
    )
    .raw()
    .all({ roadmapId }) as [number, number][];
  const hours = new Map<number, number>();
  for (const [id, minutes] of rows) hours.set(id, minutes / 60);
  return hours;
}

/** Sessions not undone, in day order, between two local days (inclusive) if given. */
export function loadSessions(db: DB, roadmapId: number, range?: { from: string; to: string }): EventRow[] {
  const within = range ? 'AND day BETWEEN @from AND @to' : '';
  return db
    .prepare(`SELECT ${COLUMNS} FROM events WHERE roadmap_id = @roadmapId AND type = 'session' ${within} AND ${NOT_UNDONE} ORDER BY day, id`)
    .all({ roadmapId, ...range }) as EventRow[];
}

/**
 * Sessions not undone, read one at a time in day order, then in the order
 * logged, for an export that writes them as it reads them: the dated ones
 * in the order of the index on their day (nothing to sort). ai-learn gives
 * every event its day, but a backup may hold a session without one: those,
 * read first, are given the UTC day of their time and go ahead of that
 * day's others.
 */
export function* eachSession(db: DB, roadmapId: number): Generator<EventRow & { day: string }> {
  type Dated = EventRow & { day: string };
  const sessions = `SELECT ${COLUMNS} FROM events WHERE roadmap_id = @roadmapId AND type = 'session' AND ${NOT_UNDONE}`;
  const undated = (db.prepare(`${sessions} AND day IS NULL ORDER BY substr(at, 1, 10), id`).all({ roadmapId }) as EventRow[]).map(
    (e): Dated => ({ ...e, day: e.at.slice(0, 10) }),
  );
  let next = 0;
  for (const e of db.prepare(`${sessions} AND day IS NOT NULL ORDER BY day, id`).iterate({ roadmapId }) as IterableIterator<Dated>) {
    while (next < undated.length && undated[next]!.day <= e.day) yield undated[next++]!;
    yield e;
  }
  yield* undated.slice(next);
}

/** The events of the latest command that can still be undone, or null. */
export function lastUndoableBatch(db: DB, roadmapId: number): EventRow[] | null {
  const last = db
    .prepare(`SELECT batch FROM events WHERE roadmap_id = @roadmapId AND type != 'undo' AND ${NOT_UNDONE} ORDER BY id DESC LIMIT 1`)
    .get({ roadmapId }) as { batch: number } | undefined;
  if (!last) return null;
  return db
    .prepare(`SELECT ${COLUMNS} FROM events WHERE roadmap_id = @roadmapId AND batch = @batch AND type != 'undo' AND ${NOT_UNDONE} ORDER BY id`)
    .all({ roadmapId, batch: last.batch }) as EventRow[];
}
