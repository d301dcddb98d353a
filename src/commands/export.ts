import { writeFileSync } from 'node:fs';
import type { Context, Invocation } from '../context.js';
import { UserError } from '../errors.js';
import { dumpBackup } from '../store/backup.js';
import { withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation<{ format: string; output?: string }>): Promise<void> {
  const backup = withDatabase(ctx, 'existing', (db) => dumpBackup(db, ctx.now.toISOString()));
  const json = `${JSON.stringify(backup, null, 1)}\n`;
  if (!inv.opts.output) return void process.stdout.write(json);
  try {
    writeFileSync(inv.opts.output, json);
  } catch (cause) {
    throw new UserError(`Cannot write ${inv.opts.output} (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`, { cause });
  }
  ctx.err(`Wrote a backup of ${backup.tables.roadmaps.length} roadmaps and ${backup.tables.events.length} events to ${inv.opts.output}.`);
}
