import type { Context, Invocation } from '../context.js';
import { formatDay, localDay } from '../core/dates.js';
import { formatHours } from '../core/duration.js';
import { computeWeekChain } from '../plan/chain.js';
import { describeToday } from '../render/progress.js';
import { wrap } from '../render/style.js';
import { loadDays } from '../store/snapshots.js';
import { loadChain, loadPlanTable } from './_plan.js';
import { printJson, requireRoadmap, viewOf, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation<{ by: 'day' | 'week' }>): Promise<void> {
  if (inv.opts.by === 'week') {
    const v = withDatabase(ctx, 'read', (db) =>
      viewOf(db, ctx, 'streak:week', () => {
        // The kept plan table's weeks and the days logged: no items, statuses or schedule (src/plan/table.ts).
        const { plan, days } = db.transaction(() => {
          const roadmap = requireRoadmap(db);
          return { plan: loadPlanTable(db, ctx, roadmap).plan, days: loadDays(db, roadmap.id) };
        })();
        const target = (w: number) => plan.weeks[w - 1]?.targetHours ?? plan.requiredHoursPerWeek;
        return { rule: 'A link is a plan week with its hours target met.', ...computeWeekChain(days.minutesByDay, plan.start, localDay(ctx.now), target) };
      }),
    );
    if (inv.opts.json) return printJson(ctx, v);
    ctx.out(`Weeks in a row with the hours target met: ${v.current} (best ${v.best})`);
    ctx.out(wrap(v.rule, ctx.style.width));
    for (const w of v.weeks.slice(-8)) ctx.out(`  ${w.met ? '[x]' : '[ ]'} week ${String(w.week).padStart(2)} (${formatDay(w.start)})  ${formatHours(w.hours)} of ${formatHours(w.target)} h`);
    return;
  }
  const c = withDatabase(ctx, 'read', (db) => viewOf(db, ctx, 'streak', () => loadChain(db, ctx)));
  if (inv.opts.json) return printJson(ctx, c);
  ctx.out(`Chain: ${c.current} (best ${c.best})${describeToday(c.today, c.current)}`);
  ctx.out(wrap(`Rule: ${c.rule}`, ctx.style.width, '      '));
  ctx.out(`Rest days left this month: ${c.restDaysLeft}`);
  if (c.lastBroken) ctx.out(`Last broken: ${formatDay(c.lastBroken)}`);
  if (c.restDaysUsed.length) ctx.out(`Rest days used: ${c.restDaysUsed.slice(-5).map((d) => formatDay(d)).join(', ')}`);
  if (c.today === 'at-risk' && c.current > 0) ctx.out(wrap(`Warning: nothing logged today and no rest day left this month; the chain of ${c.current} breaks tonight.`, ctx.style.width));
}
