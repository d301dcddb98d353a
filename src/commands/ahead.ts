import type { Context } from '../context.js';
import { afterLongWork, SHORT_COMMAND } from '../io/heap.js';
import { currentRoadmap } from '../store/roadmaps.js';
import { loadPlanTable } from './_plan.js';
import { withDatabase } from './_store.js';

/**
 * The current roadmap's plan table, made ahead: run by src/cli.ts once a
 * command that changed what the plan rests on (PLAN_MOVED: an import, an
 * estimate or an undo of one, new plan settings, a restore, another current
 * roadmap) has printed its answer. At 10,000 items the first `progress` or
 * `today` after such a change made the table again, 2.4x bare node where a
 * read from the kept table is within 1.5x. The write that changed it makes
 * it once instead, as an index is kept by the writes to its table, and the
 * reads after it find it kept (docs/performance.md, "The plan made ahead").
 *
 * show's layout is not made here: it is kept under the count of changes to
 * the items (schema 10), so an estimate or new plan settings leave it kept,
 * and laying it out after an import too took the stored re-import of the
 * benchmark's roadmap from 90 to 94-95 MiB at its peak (the goal is 100 MB,
 * 95.4 MiB). A plan that cannot be made (a `--from` section without items)
 * throws, and src/cli.ts leaves it for the reads to report.
 *
 * After a long command (an import, a restore) the garbage it left is
 * collected first: the table made on top of it took the import of that
 * roadmap from 84 to 92 MiB and the re-import from 90 to 98; collected
 * first, 87 and 91. TurboFan is then turned off, as in a short command,
 * whose work this is (afterLongWork).
 */
export function run(ctx: Context): void {
  if ((globalThis as Record<symbol, unknown>)[SHORT_COMMAND] !== true) afterLongWork();
  withDatabase(ctx, 'read', (db) => {
    const roadmap = currentRoadmap(db);
    if (!roadmap) return;
    loadPlanTable(db, ctx, roadmap);
  });
}
