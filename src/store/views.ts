import type { Day } from '../core/dates.js';
import type { DB } from './db.js';

/**
 * The build's identity, set by scripts/build.mjs from the sources: a view
 * computed by other code is never reused. Unbundled code (tests importing
 * src/) gets a fixed name, and a database shared with a build never matches it.
 */
declare const __AI_LEARN_BUILD__: string | undefined;
export const BUILD = typeof __AI_LEARN_BUILD__ === 'string' ? __AI_LEARN_BUILD__ : 'source';

export interface ViewKey {
  /** The command and the arguments that shape its view ("next:5"). */
  name: string;
  /** The local day the view was computed for: plans, chains and forecasts change with it. */
  day: Day;
}

/**
 * What a read command shows, computed once per change of the data and per
 * day, then read back. `compute` must be a pure function of the database and
 * the day, and its result plain JSON. A read command at scale (10,000 items,
 * 100,000 events) then costs a lookup instead of a schedule of every item.
 *
 * The revision counter is read before `compute` reads anything, so a view
 * stored under it can only be newer than the counter, never older: a write
 * that lands in between moves the counter on and the view is not used.
 */
export function cachedView<T>(db: DB, key: ViewKey, compute: () => T, options: { enabled?: boolean } = {}): T {
  if (options.enabled === false) return compute();
  const { revision, data } = lookup(db, key);
  if (data !== undefined) return JSON.parse(String(data)) as T;
  const value = compute();
  storeView(db, key, revision, JSON.stringify(value));
  return value;
}

/**
 * Like cachedView, for text printed as it is (`show`'s whole listing: 1 MB
 * at 10,000 items). It is kept as UTF-8 bytes and a hit hands the bytes
 * back, for stdout, without decoding or parsing them.
 */
export function cachedText(db: DB, key: ViewKey, compute: () => string | Uint8Array, options: { enabled?: boolean } = {}): string | Uint8Array {
  if (options.enabled === false) return compute();
  const { revision, data } = lookup(db, key);
  if (data !== undefined) return data;
  const text = compute();
  storeView(db, key, revision, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  return text;
}

/** The revision counter now, and the view stored under it for this key, day and build, if any. */
function lookup(db: DB, key: ViewKey): { revision: number; data: string | Uint8Array | undefined } {
  const revision = (db.prepare('SELECT n FROM revision').get() as { n: number }).n;
  const row = db.prepare('SELECT data FROM views WHERE name = ? AND revision = ? AND day = ? AND build = ?').get(key.name, revision, key.day, BUILD) as
    | { data: string | Uint8Array }
    | undefined;
  return { revision, data: row?.data };
}

/** Stores a view if the database takes it at once. */
function storeView(db: DB, key: ViewKey, revision: number, data: string | Uint8Array): void {
  storeIfFree(db, () =>
    db
      .prepare(
        `INSERT INTO views (name, revision, day, build, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET revision = excluded.revision, day = excluded.day, build = excluded.build, data = excluded.data`,
      )
      .run(key.name, revision, key.day, BUILD, data),
  );
}

/**
 * Runs a cache's `write` if the database takes it at once: a read never
 * waits for a writer or fails for a cache (views, plan views). Busy,
 * read-only or full, the write is dropped, and the command has its answer.
 */
export function storeIfFree(db: DB, write: () => void): void {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    write();
  } catch {
    // Only a cache.
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** Forgets every cached view (after a restore). */
export function clearViews(db: DB): void {
  db.prepare('DELETE FROM views').run();
}
