import { endianness } from 'node:os';
import type { PlanTable } from '../plan/table.js';
import type { DB } from './db.js';
import { BUILD } from './views.js';

/** What a stored table was made by: this build, on a machine of this byte order (its columns are in it). */
const MADE_BY = `${BUILD} ${endianness()}`;

/** The table's whole-number columns, in the order they follow its hours in the stored bytes. */
const INT_COLUMNS = ['id', 'number', 'startWeek', 'endWeek', 'group'] as const;
type Rest = Omit<PlanTable, 'effort' | (typeof INT_COLUMNS)[number]>;

/**
 * A table as stored: its outline, groups and markers as JSON, and its
 * columns as bytes (the hours as 64-bit floats, then each whole-number
 * column as 32-bit integers, in the machine's byte order: MADE_BY).
 */
function encode(t: PlanTable): { data: string; columns: Buffer } {
  const { effort, id: _id, number: _number, startWeek: _startWeek, endWeek: _endWeek, group: _group, ...rest } = t;
  const n = effort.length;
  const columns = Buffer.alloc(8 * n + 4 * n * INT_COLUMNS.length);
  Buffer.from(effort.buffer, effort.byteOffset, effort.byteLength).copy(columns, 0);
  INT_COLUMNS.forEach((name, i) => {
    const c = t[name];
    Buffer.from(c.buffer, c.byteOffset, c.byteLength).copy(columns, 8 * n + 4 * n * i);
  });
  return { data: JSON.stringify(rest satisfies Rest), columns };
}

function decode(data: string, columns: Buffer): PlanTable {
  const rest = JSON.parse(data) as Rest;
  const n = columns.length / (8 + 4 * INT_COLUMNS.length);
  // Typed arrays need aligned bytes: a copy of its own (one memcpy) gives them.
  const bytes = columns.byteOffset % 8 === 0 ? columns : Buffer.from(columns);
  const at = (offset: number) => bytes.byteOffset + offset;
  const table = { ...rest, effort: new Float64Array(bytes.buffer, at(0), n) } as PlanTable;
  INT_COLUMNS.forEach((name, i) => {
    table[name] = new Int32Array(bytes.buffer, at(8 * n + 4 * n * i), n);
  });
  return table;
}

/**
 * A roadmap's plan table (src/plan/table.ts) as stored for the current value
 * of the plan counter (schema 9: moved on by every change a plan depends on)
 * and this build (MADE_BY), else `compute()`'s, stored for the next read. As
 * for views, the counter is read before `compute` reads anything, so a table
 * stored under it can only be newer than it, never older; and a read never
 * waits for a writer or fails for this cache.
 */
export function cachedPlanTable(db: DB, roadmapId: number, compute: () => PlanTable, options: { enabled?: boolean } = {}): PlanTable {
  if (options.enabled === false) return compute();
  const revision = db.prepare('SELECT n FROM plan_revision').pluck().get() as number;
  const row = db.prepare('SELECT data, columns FROM plan_tables WHERE roadmap_id = ? AND revision = ? AND build = ?').get(roadmapId, revision, MADE_BY) as
    | { data: string; columns: Buffer }
    | undefined;
  if (row) return decode(row.data, row.columns);
  const table = compute();
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    const { data, columns } = encode(table);
    db.prepare(
      `INSERT INTO plan_tables (roadmap_id, revision, build, data, columns) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (roadmap_id) DO UPDATE SET revision = excluded.revision, build = excluded.build, data = excluded.data, columns = excluded.columns`,
    ).run(roadmapId, revision, MADE_BY, data, columns);
  } catch {
    // Busy, read-only or full: the table is only a cache, and the command has its answer.
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  return table;
}

/** Forgets every plan table (after a restore). */
export function clearPlanTables(db: DB): void {
  db.prepare('DELETE FROM plan_tables').run();
}
