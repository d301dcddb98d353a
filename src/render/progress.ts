import type { ProgressData } from '../core/progress.js';
import { formatHours } from '../core/duration.js';
import { bar, fit, padEnd, paint, type Style } from './style.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The headline view of `ai-learn progress`, as text that fits 80 columns. */
export function renderProgress(data: ProgressData, style: Style): string {
  const lines: string[] = [];
  const w = style.width;
  lines.push(paint(style, 'bold', fit(data.roadmap, w)));
  const overall = `${data.percent}% done · ${formatHours(data.hours.done)} of ${formatHours(data.hours.total)} h`;
  lines.push(style.bars ? `${bar(data.percent / 100, Math.max(10, w - overall.length - 2))}  ${overall}` : overall);
  lines.push('');
  const c = data.items;
  lines.push(`Items    ${c.done} done · ${c.doing} doing · ${c.skipped} skipped · ${c.todo} to do (${c.total})`);
  if (data.optionalOutside > 0) lines.push(`         ${plural(data.optionalOutside, 'optional item')} outside the totals`);
  lines.push(`Logged   ${formatHours(data.hours.logged)} h in ${plural(data.sessions, 'session')}`);
  const s = data.streak;
  const chain = s.current === 0 ? 'no chain yet' : `${plural(s.current, 'day')} in a row`;
  const risk = s.current > 0 && !s.studiedToday ? ' (log today to keep it)' : '';
  lines.push(`Chain    ${chain}, best ${s.best}${risk}`);
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
