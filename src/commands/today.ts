import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { formatHours } from '../core/duration.js';
import { formatWeekdays, rhythmOn, weekdayOf } from '../plan/days.js';
import { planWeekOf } from '../plan/schedule.js';
import { describeToday } from '../render/progress.js';
import { fit, paint, plural, STATUS_MARK } from '../render/style.js';
import type { StoredItem } from '../store/items.js';
import { chainOf, loadPlanned, type Planned } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';


export function todayView(p: Planned) {
  const { plan, today, track } = p;
  const week = plan.weeks[planWeekOf(plan, today) - 1] ?? null;
  const studyDay = plan.days.length === 0 || plan.days.includes(weekdayOf(today));
  const view = (i: StoredItem) => ({ number: i.number, text: i.text, kind: i.kind, status: track.statusOf(i) });
  const inWeek = week ? p.items.filter((i) => week.items.includes(i.number)) : [];
  const open = inWeek.filter((i) => ['todo', 'doing'].includes(track.statusOf(i)));
  const first = open.find((i) => track.statusOf(i) === 'doing') ?? open[0] ?? null;
  const overdue = week
    ? p.items.filter((i) => {
        const planned = plan.items.get(i.id);
        return planned !== undefined && planned.end < week.start && ['todo', 'doing'].includes(track.statusOf(i));
      })
    : [];
  const minutes = week ? [...track.minutesByDay].filter(([d]) => d >= week.start && d <= week.end).reduce((s, [, m]) => s + m, 0) : 0;
  const chain = chainOf(p);
  return {
    date: today,
    week: week?.week ?? null,
    totalWeeks: plan.totalWeeks,
    studyDay,
    days: plan.days,
    activity: studyDay ? rhythmOn(p.meta.rhythm, weekdayOf(today)) : null,
    items: inWeek.map(view),
    first: first ? view(first) : null,
    overdue: overdue.map(view),
    logged: Math.round((minutes / 60) * 10) / 10,
    target: week?.targetHours ?? null,
    chain: { current: chain.current, best: chain.best, today: chain.today, restDaysLeft: chain.restDaysLeft },
    start: plan.start,
  };
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const v = withDatabase(ctx, 'read', (db) => viewOf(db, ctx, 'today', () => todayView(loadPlanned(db, ctx))));
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
