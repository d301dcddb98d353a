import type { Context, Invocation } from '../context.js';
import { markerViews, type MarkerView } from '../plan/milestones.js';
import { renderProgress, type ProgressView } from '../render/progress.js';
import { loadPlanState, loggedIn, nextOfTable, pictureOf } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';

/** The headline numbers of the current roadmap, with plan, forecast and chain. */
export function progressView(ctx: Context, nextCount = 3): ProgressView {
  return withDatabase(ctx, 'read', (db) => viewOf(db, ctx, `progress:${nextCount}`, () => db.transaction(() => {
    const v = loadPlanState(db, ctx);
    const { plan } = v.table;
    const { progress, chain, rowStatus, standing, forecast } = pictureOf(v, (rows) => nextOfTable(db, v.roadmap.id, v.table, rows, nextCount));
    const week = plan.weeks[standing.week - 1];
    let milestone: MarkerView | null = null;
    for (const m of markerViews(v.table, rowStatus, v.today, 'milestone')) {
      if (m.status === 'done') continue;
      milestone = m;
      break;
    }
    return {
      ...progress,
      streak: { ...progress.streak, rule: chain.rule, today: chain.today, restDaysLeft: chain.restDaysLeft },
      plan: {
        week: standing.week,
        aheadDays: standing.aheadDays,
        start: plan.start,
        finish: plan.finish,
        totalWeeks: plan.totalWeeks,
      },
      thisWeek: week ? { week: week.week, logged: Math.round((loggedIn(v.tracking, week) / 60) * 10) / 10, target: week.targetHours } : null,
      nextMilestone: milestone && { text: milestone.text, date: milestone.date, left: milestone.waitsOn.length, total: milestone.total },
      forecast,
    };
  })()));
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const view = progressView(ctx);
  if (inv.opts.json) printJson(ctx, view);
  else ctx.out(renderProgress(view, ctx.style));
}
