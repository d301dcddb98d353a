import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Invocation } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { BackupStage, countRows, replaceFromStaging, stageBackupFile } from '../store/backup.js';
import { plural } from '../render/style.js';
import { openScratchDatabase } from '../store/db.js';
import { databasePath } from '../store/paths.js';
import { withDatabase } from './_store.js';

const PREFIX = 'ai-learn-restore-';
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Removes the staging folders of restores that were killed (SIGKILL, a
 * power cut): each is named by its process, and a process that no longer
 * runs will not come back for it. A folder of a running restore is left.
 */
function sweepStaging(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.startsWith(PREFIX) ? /^(\d+)-/.exec(name.slice(PREFIX.length))?.[1] : undefined);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another user's, in a shared folder: theirs to remove.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // someone else's
  }
}

/** The staging database could not be written: the temporary folder, not the home or the backup, is at fault. */
function stagingFailed(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (error instanceof UserError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const why = code === 'SQLITE_FULL' ? 'it is full' : code;
  return new UserError(`Cannot check the backup in the temporary folder ${tmpdir()} (${why}): free some space there or set TMPDIR to another folder; nothing was changed.`, {
    cause: error,
  });
}

/**
 * Reads and checks the backup into a staging database in a folder of its own
 * under the system's temporary folder, before the home is touched: a backup
 * that is not JSON, breaks the schema's rules or refers to rows it lacks is
 * refused, and an empty home gets no database. Returns the staging file and
 * how many rows of each table it holds; `dispose` removes the folder, as
 * does an interrupt (SIGINT, SIGTERM, SIGHUP) before then, and the next
 * restore after a SIGKILL.
 */
function stage(path: string): { file: string; counts: BackupStage['counts']; dispose: () => void } {
  sweepStaging();
  let dir: string | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    dispose();
    process.kill(process.pid, signal); // as if never caught: the default action ends the process
  };
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  };
  // Caught before the folder exists: an interrupt the moment after it was made would otherwise leave it.
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  } catch (cause) {
    dispose();
    throw new UserError(`Cannot make a folder in ${tmpdir()} to check the backup in (${(cause as NodeJS.ErrnoException).code ?? 'error'}); nothing was changed.`, { cause });
  }
  const file = join(dir, 'backup.db');
  try {
    const db = openScratchDatabase(file);
    try {
      const staged = new BackupStage(db, path);
      db.transaction(() => stageBackupFile(path, staged))();
      return { file, counts: staged.counts, dispose };
    } finally {
      db.close();
    }
  } catch (error) {
    dispose();
    throw stagingFailed(error);
  }
}

export async function run(ctx: Context, inv: Invocation<{ yes?: boolean }>): Promise<void> {
  const path = String(inv.args[0]);
  const staged = stage(path);
  try {
    // Staging runs without a break, so an interrupt that came meanwhile is handled here, before the home is touched.
    await new Promise((resolve) => setImmediate(resolve));
    const existing = existsSync(databasePath(ctx.home)) ? withDatabase(ctx, 'existing', (db) => countRows(db)) : 0;
    if (existing > 0 && !inv.opts.yes) {
      const warning = `Restoring replaces everything stored in ${ctx.home}`;
      if (!ctx.interactive) throw new UsageError(`${warning}; run again with --yes to confirm.`);
      if ((await ctx.ask(`${warning}. Continue? [y/N] `)).toLowerCase() !== 'y') return ctx.out('Nothing restored.');
    }
    withDatabase(ctx, 'create', (db) => replaceFromStaging(db, staged.file));
  } finally {
    staged.dispose();
  }
  const c = staged.counts;
  ctx.out(`Restored ${plural(c.roadmaps, 'roadmap')}, ${plural(c.items, 'item')} and ${plural(c.events, 'event')} from ${path}.`);
}
