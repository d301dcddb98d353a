import { fileURLToPath } from 'node:url';
import type { Context, Invocation } from '../context.js';
import { isValidDay } from '../core/dates.js';
import { UsageError } from '../errors.js';
import { loadPlanSettings, savePlanSettings } from '../store/plans.js';
import { describeOutcome, importSource } from './import.js';

export const BUILT_IN = [{ file: 'roadmaps/ai-engineer.md', title: 'AI Engineer in 9 Months' }] as const;

export function builtInPath(ctx: Context, index = 0): string {
  return fileURLToPath(new URL(BUILT_IN[index]!.file, ctx.packageRoot));
}

interface InitOptions {
  demo?: boolean;
  name?: string;
  start?: string;
  hours?: string;
}

function checkStart(text: string): string {
  if (!isValidDay(text)) throw new UsageError(`The start date is written YYYY-MM-DD, not "${text}".`);
  return text;
}

function checkHours(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 100) throw new UsageError(`Hours per week is a number above 0 and at most 100, not "${text}".`);
  return n;
}

/**
 * First run: import the built-in roadmap or the learner's own, with a start
 * date and hours per week. On a terminal without --demo it asks; every answer
 * is checked before anything is stored.
 */
export async function run(ctx: Context, inv: Invocation<InitOptions>): Promise<void> {
  const o = inv.opts;
  let ref = inv.args[0] === undefined ? undefined : String(inv.args[0]);
  let start = o.start === undefined ? null : checkStart(o.start);
  let hours = o.hours === undefined ? null : checkHours(o.hours);
  if (!o.demo && ctx.interactive) {
    if (ref === undefined) {
      ctx.err('Which roadmap will you follow?');
      BUILT_IN.forEach((b, i) => ctx.err(`  ${i + 1}. ${b.title} (built in)`));
      const answer = await ctx.ask('Number, or the path or URL of your own markdown roadmap [1]: ');
      const index = /^\d+$/.test(answer) ? Number(answer) - 1 : answer === '' ? 0 : -1;
      ref = index >= 0 && index < BUILT_IN.length ? builtInPath(ctx, index) : answer;
    }
    if (start === null) {
      const answer = await ctx.ask('Start date, YYYY-MM-DD [today]: ');
      if (answer !== '') start = checkStart(answer);
    }
    if (hours === null) {
      const answer = await ctx.ask("Hours per week [the roadmap's own pace]: ");
      if (answer !== '') hours = checkHours(answer);
    }
  }
  const outcome = await importSource(ctx, ref ?? builtInPath(ctx), {
    ...(o.name ? { name: o.name } : {}),
    alsoWrite: (db, roadmapId) => {
      if (start === null && hours === null) return;
      const settings = loadPlanSettings(db, roadmapId);
      savePlanSettings(db, roadmapId, { ...settings, startOn: start ?? settings.startOn, hoursPerWeek: hours ?? settings.hoursPerWeek }, ctx.now.toISOString());
    },
  });
  for (const line of describeOutcome(outcome)) ctx.out(line);
  ctx.out('Next: `ai-learn progress` shows where you stand; `ai-learn today` what to study today.');
}
