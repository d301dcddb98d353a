import type { Day } from '../core/dates.js';
import { applyEvents, deriveState, emptyState, undoneIds, untouchedItem, type DayState, type DerivedState, type ItemState, type Tracking } from '../core/state.js';
import type { DB } from './db.js';
import { loadEvents, type EventRow, type Status } from './events.js';

/** Bump when the shape of the days or items changes: older snapshots are then rebuilt. */
const FORMAT = 4;
/** The same for the statuses column (5: with the days done items were finished). */
const STATUSES_FORMAT = 5;

/**
 * The snapshot's `days` column: one JSON object, so that any version of
 * ai-learn can parse it and see from `v` whether to rebuild the snapshot.
 */
interface DaysData {
  v: number;
  days: [day: string, minutes: number][];
  /** Days since 1970-01-01, as the state holds them. */
  study: number[];
  sessions: number;
  minutes: number;
  clock: DerivedState['openClock'];
}
/**
 * The `statuses` column: the items in progress, done and skipped (any other
 * is to do), which is all `next` needs to know of them, and the local day
 * each done item was finished (`doneOn[i]` for `done[i]`), which the
 * forecast needs.
 */
type StatusesData = { v: number; doneOn: (Day | null)[] } & Record<Exclude<Status, 'todo'>, number[]>;
const NOT_TODO = ['doing', 'done', 'skipped'] as const satisfies readonly Exclude<Status, 'todo'>[];
/**
 * In SQL, whether the statuses column is one loadStatuses can read (of this
 * format, with every list): it reads none other, and loadState counts a
 * snapshot without one as outdated, so that it is stored again.
 */
const STATUSES_READABLE = `CASE WHEN json_valid(statuses) THEN statuses ->> '$.v' = ${STATUSES_FORMAT} AND ${[...NOT_TODO, 'doneOn']
  .map((list) => `json_type(statuses, '$.${list}') = 'array'`)
  .join(' AND ')} ELSE 0 END`;
/**
 * The `items` column, apart from the days (schema 8) so that a read that
 * needs only days never has SQLite read it: nine tenths of the snapshot at
 * 10,000 items.
 */
type ItemsData = [id: number, status: Status, since: string | null, sinceDay: string | null, estimate: number | null, minutes: number, byFile: 0 | 1][];

function encode(s: DerivedState): { days: string; statuses: string; items: string } {
  const days: DaysData = {
    v: FORMAT,
    days: [...s.minutesByDay],
    study: [...s.studyDays],
    sessions: s.sessionCount,
    minutes: s.totalMinutes,
    clock: s.openClock,
  };
  const statuses: StatusesData = { v: STATUSES_FORMAT, doing: [], done: [], doneOn: [], skipped: [] };
  for (const [id, x] of s.items) {
    if (x.status === 'todo') continue;
    statuses[x.status].push(id);
    if (x.status === 'done') statuses.doneOn.push(x.sinceDay);
  }
  const items: ItemsData = [...s.items].map(([id, x]) => [id, x.status, x.since, x.sinceDay, x.estimateHours, x.minutesLogged, x.byFile ? 1 : 0]);
  return { days: JSON.stringify(days), statuses: JSON.stringify(statuses), items: JSON.stringify(items) };
}

/** JSON.parse, or null for text that is not JSON (a snapshot some other build wrote). */
function parsed<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** A state with the days of `d` and no items; null for a snapshot of another format. */
function fromDays(d: DaysData | null, lastEventId: number): DerivedState | null {
  if (d?.v !== FORMAT) return null;
  const state = emptyState();
  state.minutesByDay = new Map(d.days);
  state.studyDays = new Set(d.study);
  state.sessionCount = d.sessions;
  state.totalMinutes = d.minutes;
  state.openClock = d.clock;
  state.lastEventId = lastEventId;
  return state;
}

function decode(row: { days: string; items: string; lastEventId: number }): DerivedState | null {
  const state = fromDays(parsed<DaysData>(row.days), row.lastEventId);
  const items = state && parsed<ItemsData>(row.items);
  if (!state || !Array.isArray(items)) return null;
  // By index, not by destructuring, which would allocate an iterator result per field.
  for (const x of items) {
    state.items.set(x[0], { status: x[1], since: x[2], byFile: x[6] === 1, sinceDay: x[3], estimateHours: x[4], minutesLogged: x[5] });
  }
  return state;
}

/** Tails longer than this are worth saving even from a read-only command. */
const SAVE_FROM_READ = 1000;
/**
 * A write leaves the stored snapshot as it is while fewer events than this
 * follow it (reads apply them in well under a millisecond), so that a write
 * at 10,000 items does not encode and store them all each time.
 */
const SAVE_FROM_WRITE = 100;

/**
 * The current state of a roadmap: its snapshot plus the events after it. A
 * missing or outdated snapshot, or an undo among the newer events of an
 * older one, means a replay of the whole log (see catchUp). With `save`, the
 * result is stored as the new snapshot (write commands do this in their own
 * transaction).
 *
 * The snapshot and the events after it are read in one transaction, so they
 * come from the same database. A read that saves what it derived does so only
 * if nothing was written since (the revision counter is unchanged): a
 * `restore` landing in between must not get a snapshot of the old log.
 */
export function loadState(db: DB, roadmapId: number, save: 'always' | 'if-long' = 'if-long'): DerivedState {
  const read = () => {
    const row = db
      .prepare(`SELECT last_event_id AS lastEventId, days, items, ${STATUSES_READABLE} AS statusesReadable FROM snapshots WHERE roadmap_id = ?`)
      .get(roadmapId) as { lastEventId: number; days: string; items: string; statusesReadable: 0 | 1 } | undefined;
    const revision = (db.prepare('SELECT n FROM revision').get() as { n: number }).n;
    // A snapshot whose statuses loadStatuses cannot read is outdated too, though this read needs none of them.
    const stored = row?.statusesReadable ? decode(row) : null;
    return { row, revision, stored, ...catchUp(db, roadmapId, stored) };
  };
  const { row, revision, stored, state, tail } = db.inTransaction ? read() : db.transaction(read)();
  // A snapshot of another format is replaced at once: until then every read would replay the whole log.
  const outdated = row !== undefined && stored === null;
  if (save === 'always' ? tail.length > 0 || !row || outdated : tail.length > SAVE_FROM_READ || outdated) {
    try {
      saveSnapshot(db, roadmapId, state, revision);
    } catch (error) {
      // A read may run where nothing can be written (a read-only home): the snapshot is only a cache.
      if (save === 'always') throw error;
    }
  }
  return state;
}

/**
 * The days of a roadmap's current state (minutes per day, study days, the
 * running clock) without its items: the snapshot's days plus the
 * events after it, which give days without knowing the items (a session's
 * minutes, an item started or finished). Without a snapshot of this format
 * it is loadState's, which stores one.
 */
export function loadDays(db: DB, roadmapId: number): DayState {
  const read = (): DayState | null => {
    const row = db.prepare('SELECT last_event_id AS lastEventId, days FROM snapshots WHERE roadmap_id = ?').get(roadmapId) as
      | { lastEventId: number; days: string }
      | undefined;
    const stored = row ? fromDays(parsed<DaysData>(row.days), row.lastEventId) : null;
    // An undo after the snapshot of an event before it replays the whole log, as for loadState.
    return stored ? dayPart(catchUp(db, roadmapId, stored).state) : null;
  };
  return (db.inTransaction ? read() : db.transaction(read)()) ?? dayPart(loadState(db, roadmapId));
}

/** Each item's status (an item not in `status` is to do), and the day each done item was finished. */
export type ItemStatuses = Pick<Tracking, 'status' | 'doneOn'>;

/**
 * Each item's status and the day each done item was finished, without the
 * rest of its state: the snapshot's statuses plus the events after it,
 * applied as loadState applies them. `next` and the plan's views need no
 * more, and at 10,000 items decoding every item's state took 25-30 ms.
 * Without a snapshot of this format it is loadState's, which stores one.
 */
export function loadStatuses(db: DB, roadmapId: number): ItemStatuses {
  const read = (): ItemStatuses | null => {
    const row = db
      .prepare(`SELECT last_event_id AS lastEventId, statuses, ${STATUSES_READABLE} AS readable FROM snapshots WHERE roadmap_id = ?`)
      .get(roadmapId) as { lastEventId: number; statuses: string; readable: 0 | 1 } | undefined;
    if (!row?.readable) return null;
    const d = JSON.parse(row.statuses) as StatusesData;
    const stored: { status: Map<number, Status>; doneOn: Map<number, Day> } = { status: new Map(), doneOn: new Map() };
    // Indexed loops, not for…of or forEach: they run once per command, in V8's interpreter, where
    // each step of an iterator and each call costs (at 10,000 items 5 ms, against 2).
    for (const status of NOT_TODO) {
      const ids = d[status];
      for (let i = 0; i < ids.length; i++) stored.status.set(ids[i]!, status);
    }
    for (let i = 0; i < d.done.length; i++) {
      const day = d.doneOn[i];
      if (day) stored.doneOn.set(d.done[i]!, day);
    }
    const tail = loadEvents(db, roadmapId, row.lastEventId);
    if (tail.length === 0) return stored;
    // So many that the snapshot is worth saving: loadState does (as any read of it would).
    if (tail.length > SAVE_FROM_READ) return null;
    // The items the newer events name, with their stored status and day, brought up to date as loadState would.
    const state = emptyState();
    state.lastEventId = row.lastEventId;
    for (const e of tail) {
      if (e.itemId === null || state.items.has(e.itemId)) continue;
      state.items.set(e.itemId, { ...untouchedItem(stored.status.get(e.itemId)), sinceDay: stored.doneOn.get(e.itemId) ?? null });
    }
    const caught = catchUp(db, roadmapId, state, tail).state;
    // After a replay of the whole log (see catchUp), every item is in it.
    return statusesOf(caught.items, caught === state ? stored : { status: new Map(), doneOn: new Map() });
  };
  return (
    (db.inTransaction ? read() : db.transaction(read)()) ?? statusesOf(loadState(db, roadmapId).items, { status: new Map(), doneOn: new Map() })
  );
}

/** The statuses and days done of a roadmap's items, and its days, read together. */
export function loadTracking(db: DB, roadmapId: number): Tracking {
  const read = () => ({ ...loadStatuses(db, roadmapId), days: loadDays(db, roadmapId) });
  return db.inTransaction ? read() : db.transaction(read)();
}

/** `into` with the statuses (and days done) of `items` set in it, those to do left out. */
function statusesOf(items: ReadonlyMap<number, ItemState>, into: { status: Map<number, Status>; doneOn: Map<number, Day> }): ItemStatuses {
  for (const [id, s] of items) {
    if (s.status === 'todo') into.status.delete(id);
    else into.status.set(id, s.status);
    if (s.status === 'done' && s.sinceDay) into.doneOn.set(id, s.sinceDay);
    else into.doneOn.delete(id);
  }
  return into;
}

/** Only the days of a state: one whose items are partial (events applied to none) must not pass for whole. */
function dayPart(s: DerivedState): DayState {
  return {
    minutesByDay: s.minutesByDay,
    studyDays: s.studyDays,
    sessionCount: s.sessionCount,
    totalMinutes: s.totalMinutes,
    openClock: s.openClock,
    lastEventId: s.lastEventId,
  };
}

/**
 * `state` with the events after it applied, in place; a whole replay without
 * a state. An undo among them of an event also among them is applied by
 * skipping that event, as a replay does. An undo of an event the state
 * already holds (or of none) cannot be taken back from it: the whole log is
 * replayed, into a new state. So `undo` commits without a state of its own
 * (which would hold the batch it takes back) and catches up the stored
 * snapshot, which seldom holds it.
 */
function catchUp(
  db: DB,
  roadmapId: number,
  state: DerivedState | null,
  tail: EventRow[] = loadEvents(db, roadmapId, state?.lastEventId ?? 0),
): { state: DerivedState; tail: EventRow[] } {
  if (!state) return { state: deriveState(tail), tail };
  const through = state.lastEventId;
  if (tail.some((e) => e.type === 'undo' && (e.ref ?? 0) <= through)) return { state: deriveState(loadEvents(db, roadmapId)), tail };
  applyEvents(state, tail, undoneIds(tail));
  return { state, tail };
}

/**
 * After a write: `state`, loaded earlier in the same transaction, brought up
 * to date with the events just appended, without reading and decoding the
 * snapshot again. `state` is changed in place, except after an undo of an
 * event it held, which replays the log into a new state (see catchUp). It is
 * stored as the snapshot unless the stored one is behind by fewer than
 * SAVE_FROM_WRITE events (by id, which counts other roadmaps' events too, so
 * it errs towards saving) and the state is the same object: an undo after the
 * snapshot of an event before it would make every read replay the whole log.
 */
export function advanceState(db: DB, roadmapId: number, state: DerivedState): DerivedState {
  const next = catchUp(db, roadmapId, state).state;
  if (next !== state || snapshotDue(db, roadmapId, next.lastEventId)) saveSnapshot(db, roadmapId, next);
  return next;
}

/** Whether a write leaves the roadmap's stored snapshot too far behind its last event (or it has none): see SAVE_FROM_WRITE. */
function snapshotDue(db: DB, roadmapId: number, lastEventId: number): boolean {
  const through = db.prepare('SELECT last_event_id FROM snapshots WHERE roadmap_id = ?').pluck().get(roadmapId) as number | undefined;
  return through === undefined || lastEventId - through >= SAVE_FROM_WRITE;
}

/**
 * For a write that appended events without loading the items' whole state
 * (appendEvents): the stored snapshot is brought up to date by the same rule
 * as advanceState's (snapshotDue), and only then is the state loaded. Never for an undo: one after the
 * snapshot of an event before it would make every read replay the log
 * (commit() stores the snapshot for it).
 */
export function advanceStored(db: DB, roadmapId: number): void {
  const last = (db.prepare('SELECT max(id) FROM events WHERE roadmap_id = ?').pluck().get(roadmapId) as number | null) ?? 0;
  if (snapshotDue(db, roadmapId, last)) loadState(db, roadmapId, 'always');
}

/** Stores `state` as the roadmap's snapshot; with `ifRevision`, only if the revision counter still has that value. */
export function saveSnapshot(db: DB, roadmapId: number, state: DerivedState, ifRevision?: number): void {
  db.prepare(
    `INSERT INTO snapshots (roadmap_id, last_event_id, days, statuses, items)
     SELECT @roadmapId, @lastEventId, @days, @statuses, @items WHERE @ifRevision IS NULL OR (SELECT n FROM revision) = @ifRevision
     ON CONFLICT (roadmap_id) DO UPDATE SET last_event_id = excluded.last_event_id, days = excluded.days, statuses = excluded.statuses, items = excluded.items`,
  ).run({ roadmapId, lastEventId: state.lastEventId, ...encode(state), ifRevision: ifRevision ?? null });
}

/** Forgets every snapshot (after a restore): they are rebuilt from the log on first use. */
export function clearSnapshots(db: DB): void {
  db.prepare('DELETE FROM snapshots').run();
}
