import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Invocation } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { BackupStage, countRows, replaceFromStaging, stageBackupFile } from '../store/backup.js';
import { openScratchDatabase, translateSqliteError } from '../store/db.js';
import { databasePath } from '../store/paths.js';
import { withDatabase } from './_store.js';

/**
 * Reads and checks the backup into a staging database in a folder of its own
 * under the system's temporary folder, before the home is touched: a backup
 * that is not JSON, breaks the schema's rules or refers to rows it lacks is
 * refused, and an empty home gets no database. Returns the staging file and
 * how many rows of each table it holds; `dispose` removes the folder.
 */
function stage(path: string): { file: string; counts: BackupStage['counts']; dispose: () => void } {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'ai-learn-restore-'));
  } catch (cause) {
    throw new UserError(`Cannot make a folder in ${tmpdir()} to check the backup in (${(cause as NodeJS.ErrnoException).code ?? 'error'}); nothing was changed.`, { cause });
  }
  const dispose = () => rmSync(dir, { recursive: true, force: true });
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
    throw translateSqliteError(error, file);
  }
}

export async function run(ctx: Context, inv: Invocation<{ yes?: boolean }>): Promise<void> {
  const path = String(inv.args[0]);
  const staged = stage(path);
  try {
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
  ctx.out(`Restored ${c.roadmaps} roadmaps, ${c.items} items and ${c.events} events from ${path}.`);
}
