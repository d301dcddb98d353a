import { fileURLToPath } from 'node:url';
import type { Context, Invocation } from '../context.js';
import { describeOutcome, importSource } from './import.js';

export const BUILT_IN = [{ file: 'roadmaps/ai-engineer.md', title: 'AI Engineer in 9 Months' }] as const;

export function builtInPath(ctx: Context, index = 0): string {
  return fileURLToPath(new URL(BUILT_IN[index]!.file, ctx.packageRoot));
}

/**
 * First run: import the built-in roadmap or the learner's own. On a terminal
 * without --demo or a file, it asks which one.
 */
export async function run(ctx: Context, inv: Invocation<{ demo?: boolean; name?: string }>): Promise<void> {
  let ref = inv.args[0] === undefined ? undefined : String(inv.args[0]);
  if (ref === undefined && !inv.opts.demo && ctx.interactive) {
    ctx.err('Which roadmap will you follow?');
    BUILT_IN.forEach((b, i) => ctx.err(`  ${i + 1}. ${b.title} (built in)`));
    const answer = await ctx.ask('Number, or the path or URL of your own markdown roadmap [1]: ');
    const index = /^\d+$/.test(answer) ? Number(answer) - 1 : answer === '' ? 0 : -1;
    ref = index >= 0 && index < BUILT_IN.length ? builtInPath(ctx, index) : answer;
  }
  const outcome = await importSource(ctx, ref ?? builtInPath(ctx), { ...(inv.opts.name ? { name: inv.opts.name } : {}) });
  for (const line of describeOutcome(outcome)) ctx.out(line);
  ctx.out('Next: `ai-learn progress` shows where you stand; `ai-learn next` what to study.');
}
