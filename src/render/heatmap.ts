/**
 * A year of study minutes as a terminal heatmap: one column per week
 * (Monday first), one row per weekday, darker for more minutes.
 */
import { addDays, dayToDate, type Day } from '../core/dates.js';
import { plural, type Style } from './style.js';

export const HEATMAP_WEEKS = 53;

/** Lower bounds in minutes of the five intensity levels. */
const LEVELS = [0, 1, 30, 60, 120] as const;
const ASCII = ['.', '-', '+', '*', '#'] as const;
/** 256-colour shades: grey for nothing, then greens from dark to bright. */
const SHADES = [238, 22, 28, 34, 40] as const;
const ROW_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', ''] as const;
// Fixed English names: a locale's month names may be wider than the three
// columns a label gets, and output must be the same on every machine.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const GUTTER = 4;

/** The days the heatmap covers: from the Monday 52 weeks before today's week, through today. */
export function heatmapRange(today: Day): { from: Day; to: Day } {
  const sinceMonday = (dayToDate(today).getDay() + 6) % 7;
  return { from: addDays(today, -sinceMonday - 7 * (HEATMAP_WEEKS - 1)), to: today };
}

function level(minutes: number): number {
  return Math.max(0, LEVELS.findLastIndex((min) => minutes >= min));
}

function cell(lvl: number, style: Style): string {
  if (!style.color) return ASCII[lvl]!;
  return `\u001b[38;5;${SHADES[lvl]}m■\u001b[39m`;
}

function monthLine(from: Day): string {
  const chars: string[] = Array.from({ length: GUTTER + HEATMAP_WEEKS + 3 }, () => ' ');
  for (let week = 0; week < HEATMAP_WEEKS; week++) {
    for (let d = 0; d < 7; d++) {
      const date = dayToDate(addDays(from, week * 7 + d));
      if (date.getDate() !== 1) continue;
      [...MONTHS[date.getMonth()]!].forEach((c, i) => {
        chars[GUTTER + week + i] = c;
      });
    }
  }
  return chars.join('').trimEnd();
}

function hours(minutes: number): string {
  return (Math.round((minutes / 60) * 10) / 10).toString();
}

/**
 * Renders the 53 weeks ending with today's week. Days after today stay
 * blank. Without colour only ASCII characters are used. Pure.
 */
export function renderHeatmap(minutesByDay: ReadonlyMap<string, number>, today: Day, style: Style): string {
  const { from } = heatmapRange(today);
  const rows = ROW_LABELS.map((label, weekday) => {
    let row = label.padEnd(GUTTER);
    for (let week = 0; week < HEATMAP_WEEKS; week++) {
      const day = addDays(from, week * 7 + weekday);
      row += day > today ? ' ' : cell(level(minutesByDay.get(day) ?? 0), style);
    }
    return row.trimEnd();
  });

  let days = 0;
  let minutes = 0;
  for (const [day, m] of minutesByDay) {
    if (day < from || day > today || m <= 0) continue;
    days += 1;
    minutes += m;
  }
  const legend = `${' '.repeat(GUTTER)}less ${LEVELS.map((_, i) => cell(i, style)).join(' ')} more   (0, 1-29, 30-59, 60-119, 120+ min)`;
  const summary = `${plural(days, 'day')} studied in the last year, ${hours(minutes)} h in all.`;
  return [monthLine(from), ...rows, '', legend, summary].join('\n');
}
