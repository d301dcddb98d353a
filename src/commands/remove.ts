import type { Context, Invocation } from '../context.js';
import { UsageError } from '../errors.js';
import { deleteRoadmap } from '../store/roadmaps.js';
import { pickRoadmap } from './_pick.js';
import { transaction, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation<{ yes?: boolean }>): Promise<void> {
  const ref = String(inv.args[0]);
  const target = withDatabase(ctx, 'existing', (db) => pickRoadmap(db, ref));
  if (!inv.opts.yes) {
    const warning = `Removing ${target.name} deletes its items and all logged history`;
    if (!ctx.interactive) throw new UsageError(`${warning}; run again with --yes to confirm (export a backup first with \`ai-learn export\`).`);
    const answer = await ctx.ask(`${warning}. Type the name to confirm: `);
    if (answer !== target.name) return ctx.out('Nothing removed.');
  }
  withDatabase(ctx, 'existing', (db) => transaction(db, () => deleteRoadmap(db, pickRoadmap(db, target.name).id)));
  ctx.out(`Removed ${target.name}.`);
}
