import type { Context, Invocation } from '../context.js';
import { UsageError } from '../errors.js';
import { fit } from '../render/style.js';
import { loadNext } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation<{ count: string }>): Promise<void> {
  const count = Number(inv.opts.count);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--count must be a whole number above 0, not "${inv.opts.count}".`);
  const next = withDatabase(ctx, 'read', (db) => viewOf(db, ctx, `next:${count}`, () => loadNext(db, count)));
  if (inv.opts.json) return printJson(ctx, next);
  if (next.length === 0) return ctx.out('Nothing left to do: everything in scope is done or skipped.');
  for (const n of next) ctx.out(fit(`${n.status === 'doing' ? '~' : ' '} #${n.number} ${n.kind.padEnd(11)} ${n.text}`, ctx.style.width));
  const first = next[0]!;
  ctx.out(`\nMark it: ai-learn ${first.status === 'doing' ? 'done' : 'start'} ${first.number}`);
}
