import type { Context, Invocation } from '../context.js';
import { milestoneViews } from '../plan/milestones.js';
import { renderProgress, type ProgressView } from '../render/progress.js';
import { loadPlanned, pictureOf } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';

/** The headline numbers of the current roadmap, with plan, forecast and chain. */
export function progressView(ctx: Context, nextCount = 3): ProgressView {
  return withDatabase(ctx, 'read', (db) => viewOf(db, ctx, `progress:${nextCount}`, () => {
    const p = loadPlanned(db, ctx);
    const { progress, chain, standing, forecast } = pictureOf(p, nextCount);
    const week = p.plan.weeks[standing.week - 1];
    const logged = week ? [...p.track.minutesByDay].filter(([d]) => d >= week.start && d <= week.end).reduce((s, [, m]) => s + m, 0) / 60 : 0;
    const milestone = milestoneViews(p.plan, p.items, p.track.statusOf, p.today).find((m) => m.status !== 'done') ?? null;
    return {
      ...progress,
      streak: { ...progress.streak, rule: chain.rule, today: chain.today, restDaysLeft: chain.restDaysLeft },
      plan: {
        week: standing.week,
        aheadDays: standing.aheadDays,
        start: p.plan.start,
        finish: p.plan.finish,
        totalWeeks: p.plan.totalWeeks,
      },
      thisWeek: week ? { week: week.week, logged: Math.round(logged * 10) / 10, target: week.targetHours } : null,
      nextMilestone: milestone && { text: milestone.text, date: milestone.date, left: milestone.waitsOn.length, total: milestone.total },
      forecast,
    };
  }));
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const view = progressView(ctx);
  if (inv.opts.json) printJson(ctx, view);
  else ctx.out(renderProgress(view, ctx.style));
}
