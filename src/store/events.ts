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
  /** Local calendar day (YYYY-MM-DD) a session counts for. */
  day: string | null;
  note: string | null;
  /** The event an undo reverses, or the clock a session closes. */
  ref: number | null;
  /** ISO 8601 time it was recorded. */
  at: string;
}

export type NewEvent = Omit<EventRow, 'id' | 'batch' | 'at' | 'itemId' | 'status' | 'minutes' | 'day' | 'note' | 'ref'> &
  Partial<Pick<EventRow, 'itemId' | 'status' | 'minutes' | 'day' | 'note' | 'ref'>>;

/**
 * Appends the events of one command as a batch, so that `undo` can reverse
 * the command as a whole. Must run inside the command's transaction.
 */
export function appendBatch(db: DB, roadmapId: number, events: readonly NewEvent[], at: string): number {
  if (events.length === 0) return 0;
  const row = db.prepare('SELECT coalesce(max(batch), 0) + 1 AS next FROM events').get() as { next: number };
  const insert = db.prepare(
    `INSERT INTO events (roadmap_id, batch, item_id, type, status, minutes, day, note, ref, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of events) {
    insert.run(roadmapId, row.next, e.itemId ?? null, e.type, e.status ?? null, e.minutes ?? null, e.day ?? null, e.note ?? null, e.ref ?? null, at);
  }
  return row.next;
}

export function loadEvents(db: DB, roadmapId: number): EventRow[] {
  return db
    .prepare(
      `SELECT id, batch, item_id AS itemId, type, status, minutes, day, note, ref, at
       FROM events WHERE roadmap_id = ? ORDER BY id`,
    )
    .all(roadmapId) as EventRow[];
}
