import { existsSync, readFileSync } from 'node:fs';
import type { Context, Invocation } from '../context.js';
import { UserError, UsageError } from '../errors.js';
import { BackupSchema, countRows, replaceWithBackup, type Backup } from '../store/backup.js';
import { openScratchDatabase } from '../store/db.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import { databasePath } from '../store/paths.js';
import { transaction, withDatabase } from './_store.js';

/** Reads and checks a backup file before anything is touched. */
export function readBackup(path: string): Backup {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `No such file: ${path}.` : `Cannot read ${path} (${code ?? 'error'}).`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new UserError(`${path} is not a backup: it is not valid JSON (${(cause as Error).message}).`, { cause });
  }
  const result = BackupSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError(`${path} is not a valid ai-learn backup: ${issue.path.join('.') || 'top level'}: ${issue.message}.`);
  }
  if (result.data.schema > SCHEMA_VERSION) {
    throw new UserError(`${path} was made by a newer ai-learn (schema ${result.data.schema}); upgrade ai-learn to restore it.`);
  }
  return result.data;
}

/**
 * Restores the backup into an empty database in memory first: rows that
 * refer to rows the backup lacks, or that break the schema's rules, are
 * refused before the home is touched (an empty home gets no database).
 */
function checkRestorable(path: string, backup: Backup): void {
  const scratch = openScratchDatabase();
  try {
    scratch.transaction(() => replaceWithBackup(scratch, backup))();
  } catch (cause) {
    throw new UserError(`${path} cannot be restored: ${(cause as Error).message}; nothing was changed.`, { cause });
  } finally {
    scratch.close();
  }
}

export async function run(ctx: Context, inv: Invocation<{ yes?: boolean }>): Promise<void> {
  const path = String(inv.args[0]);
  const backup = readBackup(path);
  checkRestorable(path, backup);
  const existing = existsSync(databasePath(ctx.home)) ? withDatabase(ctx, 'existing', (db) => countRows(db)) : 0;
  if (existing > 0 && !inv.opts.yes) {
    const warning = `Restoring replaces everything stored in ${ctx.home}`;
    if (!ctx.interactive) throw new UsageError(`${warning}; run again with --yes to confirm.`);
    if ((await ctx.ask(`${warning}. Continue? [y/N] `)).toLowerCase() !== 'y') return ctx.out('Nothing restored.');
  }
  withDatabase(ctx, 'create', (db) =>
    transaction(db, () => {
      try {
        replaceWithBackup(db, backup);
      } catch (cause) {
        throw new UserError(`${path} cannot be restored: ${(cause as Error).message}; nothing was changed.`, { cause });
      }
    }),
  );
  const t = backup.tables;
  ctx.out(`Restored ${t.roadmaps.length} roadmaps, ${t.items.length} items and ${t.events.length} events from ${path}.`);
}
