import type { PlanTable } from '../plan/table.js';
import type { DB } from './db.js';
import { BUILD } from './views.js';

/**
 * A roadmap's plan table (src/plan/table.ts) as stored for the current value
 * of the plan counter (schema 9: moved on by every change a plan depends on)
 * and this build, else `compute()`'s, stored for the next read. As for views,
 * the counter is read before `compute` reads anything, so a table stored
 * under it can only be newer than it, never older; and a read never waits
 * for a writer or fails for this cache.
 */
export function cachedPlanTable(db: DB, roadmapId: number, compute: () => PlanTable, options: { enabled?: boolean } = {}): PlanTable {
  if (options.enabled === false) return compute();
  const revision = db.prepare('SELECT n FROM plan_revision').pluck().get() as number;
  const data = db.prepare('SELECT data FROM plan_tables WHERE roadmap_id = ? AND revision = ? AND build = ?').pluck().get(roadmapId, revision, BUILD) as
    | string
    | undefined;
  if (data !== undefined) return JSON.parse(data) as PlanTable;
  const table = compute();
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 0');
    db.prepare(
      `INSERT INTO plan_tables (roadmap_id, revision, build, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (roadmap_id) DO UPDATE SET revision = excluded.revision, build = excluded.build, data = excluded.data`,
    ).run(roadmapId, revision, BUILD, JSON.stringify(table));
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
