import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { formatHours } from '../core/duration.js';
import { formatWeekdays, rhythmOn, weekdayOf } from '../plan/days.js';
import { planWeekOf } from '../plan/schedule.js';
import { describeToday } from '../render/progress.js';
import { fit, paint, plural, STATUS_MARK } from '../render/style.js';
import { statusesByRow, weekRows } from '../plan/table.js';
import type { DB } from '../store/db.js';
import { itemLabels } from '../store/items.js';
import { chainOf, loadPlanState, loggedIn, metaOf } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';


/** Today in the plan: its week's items, what to start with, what is overdue, the hours logged and the chain. */
export function todayView(db: DB, ctx: Context) {
  const v = loadPlanState(db, ctx);
  const { table: t, tracking, today } = v;
  const { plan } = t;
  const week = plan.weeks[planWeekOf(plan, today) - 1] ?? null;
  const studyDay = plan.days.length === 0 || plan.days.includes(weekdayOf(today));
  const rowStatus = statusesByRow(t, tracking.status);
  const statusOf = (row: number) => rowStatus[row]!;
  const isOpen = (row: number) => ['todo', 'doing'].includes(statusOf(row));
  const inWeek = week ? weekRows(t, week.week) : [];
  const open = inWeek.filter(isOpen);
  const first = open.find((row) => statusOf(row) === 'doing') ?? open[0] ?? null;
  // Planned to end before this week, and not finished.
  const overdue: number[] = [];
  if (week) for (let row = 0; row < t.id.length; row++) if (t.endWeek[row]! < week.week && isOpen(row)) overdue.push(row);
  const labels = itemLabels(db, v.roadmap.id, [...inWeek, ...overdue].map((row) => t.number[row]!));
  const view = (row: number) => {
    const { number, text, kind } = labels.get(t.number[row]!)!;
    return { number, text, kind, status: statusOf(row) };
  };
  const chain = chainOf({ state: tracking.days, plan, today });
  return {
    date: today,
    week: week?.week ?? null,
    totalWeeks: plan.totalWeeks,
    studyDay,
    days: plan.days,
    activity: studyDay ? rhythmOn(metaOf(v.roadmap).rhythm, weekdayOf(today)) : null,
    items: inWeek.map(view),
    first: first === null ? null : view(first),
    overdue: overdue.map(view),
    logged: week ? Math.round((loggedIn(tracking, week) / 60) * 10) / 10 : 0,
    target: week?.targetHours ?? null,
    chain: { current: chain.current, best: chain.best, today: chain.today, restDaysLeft: chain.restDaysLeft },
    start: plan.start,
  };
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const v = withDatabase(ctx, 'read', (db) => viewOf(db, ctx, 'today', () => db.transaction(() => todayView(db, ctx))()));
  if (inv.opts.json) return printJson(ctx, v);
  const w = ctx.style.width;
  const out = (text: string) => ctx.out(fit(text, w));
  if (v.week === null) {
    out(v.date < v.start ? `${formatDay(v.date)} · the plan starts ${formatDay(v.start)}.` : `${formatDay(v.date)} · the plan's weeks are over: \`ai-learn next\` shows what is left.`);
  } else {
    out(paint(ctx.style, 'bold', `${formatDay(v.date)} · plan week ${v.week} of ${v.totalWeeks}`));
  }
  if (!v.studyDay) out(`Today is a day off (study days: ${formatWeekdays(v.days)}).`);
  else if (v.activity) out(`Today: ${v.activity.activity}${v.activity.hours ? `, ${formatHours(v.activity.hours)} h` : ''}`);
  else out('Today is a study day.');
  if (v.week !== null) {
    const done = v.items.filter((i) => i.status === 'done').length;
    out(`This week: ${formatHours(v.logged)} of ${formatHours(v.target ?? 0)} h logged · ${done} of ${v.items.length} items done`);
    for (const i of v.items) out(`  ${STATUS_MARK[i.status]} #${i.number} ${i.text}`);
  }
  if (v.first) out(`Start with #${v.first.number}: ai-learn start ${v.first.number}`);
  if (v.overdue.length) {
    out(`Overdue (${v.overdue.length}, planned before this week):`);
    for (const i of v.overdue.slice(0, 5)) out(`  ${STATUS_MARK[i.status]} #${i.number} ${i.text}`);
    if (v.overdue.length > 5) out(`  … and ${v.overdue.length - 5} more`);
  }
  const c = v.chain;
  const chainText = c.current === 0 ? 'no chain yet' : plural(c.current, 'study day');
  out(`Chain: ${chainText}${describeToday(c.today, c.current)}`);
}
