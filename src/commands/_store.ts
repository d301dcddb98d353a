import type { Context } from '../context.js';
import { formatDay, localDay } from '../core/dates.js';
import { formatMinutes } from '../core/duration.js';
import type { DerivedState } from '../core/state.js';
import { UsageError, UserError } from '../errors.js';
import { openDatabase, translateSqliteError, type DB } from '../store/db.js';
import { appendBatch, type NewEvent, type Stamp } from '../store/events.js';
import { loadItemByNumberOrKey, loadItems, removedItemText, type StoredItem } from '../store/items.js';
import { numberIn, removedItem, resolveItem } from '../core/resolve.js';
import { databasePath } from '../store/paths.js';
import { advanceState, advanceStored, loadState } from '../store/snapshots.js';
import { cachedText, cachedView } from '../store/views.js';
import { currentRoadmap, getSetting, type RoadmapRow } from '../store/roadmaps.js';
import { PLAN_MOVED } from '../io/after.js';

const NO_ROADMAP = 'No roadmap yet: run `ai-learn init --demo` for the built-in one or `ai-learn import FILE` for your own.';

/**
 * Opens the database for one command and closes it after. Commands that
 * only read never create it; SQLite errors become one clear sentence.
 * `read` is for commands that never write what the learner did: in a
 * read-only home they read a copy in memory (see openDatabase). A command
 * that writes and moves what the current roadmap's plan rests on says so
 * (PLAN_MOVED), for the plan to be made ahead.
 */
export function withDatabase<T>(ctx: Context, mode: 'read' | 'existing' | 'create', fn: (db: DB) => T): T {
  const busy = Number(ctx.env.AI_LEARN_BUSY_TIMEOUT_MS ?? 5000);
  const db = openDatabase(ctx.home, { create: mode === 'create', busyTimeoutMs: busy, copyIfReadOnly: mode === 'read' });
  if (!db) throw new UserError(NO_ROADMAP);
  try {
    if (mode === 'read') return fn(db);
    const before = planMark(db);
    const value = fn(db);
    if (planMark(db) !== before) (globalThis as Record<symbol, unknown>)[PLAN_MOVED] = true;
    return value;
  } catch (error) {
    throw translateSqliteError(error, databasePath(ctx.home));
  } finally {
    db.close();
  }
}

/** The plan counter (schema 9) and the current roadmap's id: a change to either leaves the current roadmap's plan table to make (PLAN_MOVED). */
function planMark(db: DB): string {
  return `${db.prepare('SELECT n FROM plan_revision').pluck().get() as number} ${getSetting(db, 'current') ?? ''}`;
}

/** Runs `fn` as one write transaction, taking the write lock up front. */
export function transaction<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}

export function requireRoadmap(db: DB): RoadmapRow {
  const roadmap = currentRoadmap(db);
  if (!roadmap) throw new UserError(NO_ROADMAP);
  return roadmap;
}

export interface Tracked {
  roadmap: RoadmapRow;
  items: StoredItem[];
  state: DerivedState;
}

/** The current roadmap with its items and the state derived from its event log. */
export function loadTracked(db: DB): Tracked {
  const roadmap = requireRoadmap(db);
  return { roadmap, items: loadItems(db, roadmap.id), state: loadState(db, roadmap.id) };
}

/**
 * Finds the items references name (see resolveItem). A number or an exact key
 * is looked up directly, and a number no live item has, among the removed
 * ones; words, or a reference that names nothing, load all the roadmap's
 * items once, for the match or for the error's candidates.
 */
export function itemFinder(db: DB, roadmapId: number): (ref: string) => StoredItem {
  let all: StoredItem[] | undefined;
  return (ref) => {
    const number = numberIn(ref);
    const found = loadItemByNumberOrKey(db, roadmapId, number, ref.trim());
    if (found) return found;
    const removed = number === null ? undefined : removedItemText(db, roadmapId, number);
    if (removed !== undefined) throw removedItem(number!, removed);
    return resolveItem((all ??= loadItems(db, roadmapId)), ref);
  };
}

/**
 * A read command's view through the view cache (src/store/views.ts), keyed
 * by `name` and today's date. AI_LEARN_VIEW_CACHE=off computes it every time.
 */
export function viewOf<T>(db: DB, ctx: Context, name: string, compute: () => T): T {
  return cachedView(db, { name, day: localDay(ctx.now) }, compute, { enabled: ctx.env.AI_LEARN_VIEW_CACHE !== 'off' });
}

/** A view that is text printed as it is, handed back as bytes when it comes from the cache (see cachedText). */
export function textViewOf(db: DB, ctx: Context, name: string, compute: () => string | Uint8Array): string | Uint8Array {
  return cachedText(db, { name, day: localDay(ctx.now) }, compute, { enabled: ctx.env.AI_LEARN_VIEW_CACHE !== 'off' });
}

/** When this command happens: now, and the local day it counts for. */
export function stamp(ctx: Context): Stamp {
  return { at: ctx.now.toISOString(), day: localDay(ctx.now) };
}

/**
 * Appends a command's events and brings the roadmap's snapshot up to date, in
 * the caller's transaction. A command that loaded the state in this
 * transaction passes it, which saves reading the snapshot again; the state
 * object is then spent (advanced in place, or replaced after an undo), so
 * read from it before.
 */
export function commit(db: DB, roadmapId: number, events: readonly NewEvent[], when: Stamp, state?: DerivedState): void {
  if (events.length === 0) return;
  appendBatch(db, roadmapId, events, when);
  if (state) advanceState(db, roadmapId, state);
  else loadState(db, roadmapId, 'always');
}

/**
 * Appends a command's events (never an undo) without the items' whole state:
 * a command that checked what it needed by loadStatuses and loadDays (a
 * session, an estimate or a note needs nothing; a status change an item's
 * status and the running clock). At 10,000 items and 100,000 events, decoding the whole state (and
 * collecting the garbage it left) was most of what `log` cost
 * (`--cpu-prof`: about 45 ms of 120). The stored snapshot is brought up to
 * date once enough events follow it (advanceStored), as commit() does.
 */
export function appendEvents(db: DB, roadmapId: number, events: readonly NewEvent[], when: Stamp): void {
  if (events.length === 0) return;
  if (events.some((e) => e.type === 'undo')) throw new Error('an undo is committed with commit(), which stores the snapshot for it');
  appendBatch(db, roadmapId, events, when);
  advanceStored(db, roadmapId);
}

export function printJson(ctx: Context, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

const DAY_MINUTES = 24 * 60;

/** Refuses a session that would take its day past 24 hours of study, naming what the day already holds. */
export function checkDayRoom(minutesByDay: ReadonlyMap<string, number>, day: string, minutes: number): void {
  const already = minutesByDay.get(day) ?? 0;
  if (already + minutes > DAY_MINUTES) {
    throw new UsageError(`${formatDay(day)} already has ${formatMinutes(already)} logged; ${formatMinutes(minutes)} more would make it longer than a day.`);
  }
}
