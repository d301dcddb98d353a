import type { Day } from '../core/dates.js';
import { formatDay } from '../core/dates.js';
import { formatHours } from '../core/duration.js';
import type { ProgressData } from '../core/progress.js';
import type { TodayState } from '../plan/chain.js';
import type { Forecast } from '../plan/forecast.js';
import { bar, fit, fitAround, padEnd, paint, plural, type Style } from './style.js';

export interface ProgressView extends ProgressData {
  streak: ProgressData['streak'] & { rule: string; today: TodayState; restDaysLeft: number };
  plan: { week: number; aheadDays: number; start: Day; finish: Day; totalWeeks: number };
  thisWeek: { week: number; logged: number; target: number } | null;
  nextMilestone: { text: string; date: Day; left: number; total: number } | null;
  forecast: Forecast;
}

/** "3 days ahead", "2 days behind", "on plan". */
export function describeStanding(aheadDays: number): string {
  if (aheadDays === 0) return 'on plan';
  return `${plural(Math.abs(aheadDays), 'day')} ${aheadDays > 0 ? 'ahead' : 'behind'}`;
}

/** What the chain needs today, in a few words. */
export function describeToday(state: TodayState, current: number): string {
  switch (state) {
    case 'at-risk':
      return current > 0 ? ' (log today or it breaks)' : '';
    case 'open-rest':
      return ' (skip today and a rest day keeps it)';
    case 'open-makeup':
      return ' (skip today and extra study this week covers it)';
    default:
      return '';
  }
}

export function describeForecast(f: Forecast): string {
  if (f.basis === 'done') return 'everything in the plan is done';
  if (f.basis === 'plan') {
    const why = f.ratePerWeek === 0 ? 'no recent study to measure your pace' : 'not enough history for your pace yet';
    return `${formatDay(f.finish)} by the plan (${why})`;
  }
  return `${formatDay(f.finish)} at your pace of ${formatHours(f.ratePerWeek ?? 0)} h/week (${formatDay(f.low)} – ${formatDay(f.high)})`;
}

/** The headline view of `ai-learn progress`, as text that fits 80 columns. */
export function renderProgress(data: ProgressView, style: Style): string {
  const lines: string[] = [];
  const w = style.width;
  const row = (label: string, text: string) => lines.push(fit(`${label.padEnd(10)}${text}`, w));
  lines.push(paint(style, 'bold', fit(data.roadmap, w)));
  const overall = `${data.percent}% done · ${formatHours(data.hours.done)} of ${formatHours(data.hours.total)} h`;
  lines.push(style.bars ? `${bar(data.percent / 100, Math.max(10, w - overall.length - 2))}  ${overall}` : overall);
  lines.push('');
  const c = data.items;
  row('Items', `${c.done} done · ${c.doing} doing · ${c.skipped} skipped · ${c.todo} to do (${c.total})`);
  if (data.outside > 0) row('', `${plural(data.outside, 'item')} outside the plan (optional or left out)`);
  row('Logged', `${formatHours(data.hours.logged)} h in ${plural(data.sessions, 'session')}`);
  const p = data.plan;
  if (p.week <= 0) row('Plan', `starts ${formatDay(p.start)}, ${plural(p.totalWeeks, 'week')} to ${formatDay(p.finish)}`);
  else row('Plan', `week ${p.week} of ${p.totalWeeks} · ${describeStanding(p.aheadDays)}`);
  if (data.thisWeek) row('This week', `${formatHours(data.thisWeek.logged)} of ${formatHours(data.thisWeek.target)} h`);
  const s = data.streak;
  const chain = s.current === 0 ? 'no chain yet' : `${plural(s.current, 'study day')} in a row`;
  row('Chain', `${chain}, best ${s.best}${describeToday(s.today, s.current)}`);
  if (data.nextMilestone) {
    const m = data.nextMilestone;
    lines.push(fitAround('Milestone'.padEnd(10), m.text, ` · ${formatDay(m.date)} · ${m.left} of ${m.total} items left`, w));
  }
  row('Finish', describeForecast(data.forecast));
  if (data.sections.length > 0) {
    lines.push('');
    const stats = (x: ProgressData['sections'][number]) => `${String(Math.round(x.percent)).padStart(3)}%  ${x.done}/${x.total}`;
    const statsWidth = Math.max(...data.sections.map((x) => stats(x).length));
    const barWidth = style.bars ? 16 : 0;
    const titleWidth = w - statsWidth - (barWidth ? barWidth + 2 : 0) - 2;
    for (const x of data.sections) {
      const title = padEnd(fit(x.title, titleWidth), titleWidth);
      const fraction = x.total === 0 ? 0 : x.percent / 100;
      lines.push(`${title}  ${barWidth ? `${bar(fraction, barWidth)}  ` : ''}${stats(x).padStart(statsWidth)}`);
    }
  }
  lines.push('');
  if (data.next.length === 0) {
    lines.push(paint(style, 'green', 'Everything in scope is done or skipped.'));
  } else {
    lines.push(paint(style, 'bold', 'Next'));
    for (const n of data.next) {
      const mark = n.status === 'doing' ? '~' : ' ';
      lines.push(fit(`  ${mark} #${n.number} ${n.kind.padEnd(11)} ${n.text}`, w));
    }
    const first = data.next[0]!;
    const verb = first.status === 'doing' ? 'done' : 'start';
    lines.push('');
    lines.push(`Mark it: ai-learn ${verb} ${first.number}   Log time: ai-learn log 45m ${first.number}`);
  }
  return lines.join('\n');
}
