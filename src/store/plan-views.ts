import { endianness } from 'node:os';
import type { PlanTable } from '../plan/table.js';
import type { DB } from './db.js';
import type { ItemTexts } from './items.js';
import { BUILD, storeIfFree } from './views.js';

/** What a stored plan view was made by: this build, on a machine of this byte order (its columns are in it). */
const MADE_BY = `${BUILD} ${endianness()}`;

/** A plan view as stored: JSON or bytes, and columns of numbers as bytes. */
export interface Stored {
  data: string | Buffer;
  columns: Buffer;
}

/** How a plan view is turned into what is stored and back. */
export interface Codec<T> {
  encode(value: T): Stored;
  decode(stored: Stored): T;
}

/**
 * The counter each family of plan views (the first part of its name) is
 * kept under: the plan table under the plan counter (schema 9: moved on by
 * every change a plan depends on), show's layout and the items' texts
 * under the count of changes to the roadmaps and their items (schema 10),
 * which estimates and plan settings leave alone.
 */
const COUNTERS = { table: 'n', show: 'items_n', texts: 'items_n' } as const;

/**
 * A view of a roadmap that depends on its plan but never on statuses or
 * sessions (the plan table, show's layout, the items' texts), as stored for the current value
 * of its family's counter (COUNTERS) and this build (MADE_BY), else
 * `compute()`'s, stored for the next read. As for views, the counter is read
 * before `compute` reads anything, so a value stored under it can only be
 * newer than it, never older; and a read never waits for a writer or fails
 * for this cache. Views of a family stored under an older value of its
 * counter or by another build can never be read again: storing one of that
 * family removes them.
 */
export function keptUnderPlan<T>(
  db: DB,
  key: { name: `${keyof typeof COUNTERS}:${string}`; roadmapId: number },
  codec: Codec<T>,
  compute: () => T,
  options: { enabled?: boolean } = {},
): T {
  if (options.enabled === false) return compute();
  const family = key.name.slice(0, key.name.indexOf(':')) as keyof typeof COUNTERS;
  const revision = db.prepare(`SELECT ${COUNTERS[family]} FROM plan_revision`).pluck().get() as number;
  const row = db.prepare('SELECT data, columns FROM plan_views WHERE name = ? AND revision = ? AND build = ?').get(key.name, revision, MADE_BY) as
    | Stored
    | undefined;
  if (row) return codec.decode(row);
  const value = compute();
  const { data, columns } = codec.encode(value);
  storeIfFree(db, () =>
    db.transaction(() => {
      db.prepare('DELETE FROM plan_views WHERE (revision <> ? OR build <> ?) AND name GLOB ?').run(revision, MADE_BY, `${family}:*`);
      db.prepare(
        `INSERT INTO plan_views (name, roadmap_id, revision, build, data, columns) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET roadmap_id = excluded.roadmap_id, revision = excluded.revision, build = excluded.build,
           data = excluded.data, columns = excluded.columns`,
      ).run(key.name, key.roadmapId, revision, MADE_BY, data, columns);
    })(),
  );
  return value;
}

/** Forgets every plan view (after a restore). */
export function clearPlanViews(db: DB): void {
  db.prepare('DELETE FROM plan_views').run();
}

/** Typed arrays as bytes, one after another; `Buffer.alloc` keeps the arrays' alignment if the widest comes first. */
export function columnBytes(arrays: readonly (Int32Array | Float64Array)[]): Buffer {
  const bytes = Buffer.alloc(arrays.reduce((n, a) => n + a.byteLength, 0));
  let at = 0;
  for (const a of arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(bytes, at);
    at += a.byteLength;
  }
  return bytes;
}

/** Bytes that typed arrays can view: a copy of their own (one memcpy) where SQLite's buffer is not 8-byte aligned. */
export function aligned(bytes: Buffer): Buffer {
  return bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
}

/** The plan table's whole-number columns, in the order they follow its hours in the stored bytes. */
const INT_COLUMNS = ['id', 'number', 'startWeek', 'endWeek', 'group'] as const;
type Rest = Omit<PlanTable, 'effort' | (typeof INT_COLUMNS)[number]>;

/**
 * The plan table as stored: its outline, groups and markers as JSON, and its
 * columns as bytes (the hours as 64-bit floats, then each whole-number
 * column as 32-bit integers, in the machine's byte order: MADE_BY).
 */
export const PLAN_TABLE: Codec<PlanTable> = {
  encode(t) {
    const { effort, id: _id, number: _number, startWeek: _startWeek, endWeek: _endWeek, group: _group, ...rest } = t;
    return { data: JSON.stringify(rest satisfies Rest), columns: columnBytes([effort, ...INT_COLUMNS.map((name) => t[name])]) };
  },
  decode({ data, columns }) {
    const rest = JSON.parse(String(data)) as Rest;
    const n = columns.length / (8 + 4 * INT_COLUMNS.length);
    const bytes = aligned(columns);
    const table = { ...rest, effort: new Float64Array(bytes.buffer, bytes.byteOffset, n) } as PlanTable;
    INT_COLUMNS.forEach((name, i) => {
      table[name] = new Int32Array(bytes.buffer, bytes.byteOffset + 8 * n + 4 * n * i, n);
    });
    return table;
  },
};

/** The items' texts as stored: the one string, and each number's start and end in it as 32-bit integers (MADE_BY's byte order). */
export const ITEM_TEXTS: Codec<ItemTexts> = {
  encode: ({ all, start, end }) => ({ data: all, columns: columnBytes([start, end]) }),
  decode({ data, columns }) {
    const bytes = aligned(columns);
    const n = columns.length / 8;
    return { all: String(data), start: new Int32Array(bytes.buffer, bytes.byteOffset, n), end: new Int32Array(bytes.buffer, bytes.byteOffset + 4 * n, n) };
  },
};
