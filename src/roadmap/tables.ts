/**
 * GFM tables: a weekly rhythm, a milestone schedule, a course list, a week
 * schedule, or anything else read one row per item.
 */
import type { Table, TableRow } from 'mdast';
import { paragraphAsLine, type Line } from './inline.js';
import type { Course, MilestoneRow, RhythmEntry, WeekRange } from './model.js';
import { midpoint, parseDays, parseDuration, parseHoursRange, parseTimeAmount, parseWeekRange } from './recognize.js';

/** One table row that becomes an item. */
export interface RowItem {
  text: string;
  line: number;
  url: string | null;
  weeks: WeekRange | null;
  course: Course | null;
  /** Duration × effort for a course row, when both are known. */
  effortHours: number | null;
}

export type TableReading =
  | { type: 'rhythm'; rows: RhythmEntry[] }
  | { type: 'milestones'; rows: MilestoneRow[] }
  | { type: 'course' | 'schedule' | 'unknown'; rows: RowItem[] };

function cells(row: TableRow): Line[] {
  const line = row.position?.start.line ?? 0;
  return row.children.map((cell) => paragraphAsLine(cell.children, line));
}

function findColumn(headers: readonly string[], re: RegExp, except: ReadonlyArray<number> = []): number {
  return headers.findIndex((h, i) => re.test(h) && !except.includes(i));
}

function readRhythm(body: Line[][], day: number, activity: number, time: number): RhythmEntry[] {
  const rows: RhythmEntry[] = [];
  for (const row of body) {
    const days = parseDays(row[day]?.text ?? '');
    const hours = time >= 0 ? parseTimeAmount(row[time]?.text ?? '') : null;
    for (const d of days) rows.push({ day: d, activity: row[activity]?.text ?? '', hours });
  }
  return rows;
}

function weekOf(cell: string, header: string): number | null {
  const unit = /month/i.test(header) ? 'Month' : 'Week';
  const range = parseWeekRange(/^\s*\d/.test(cell) ? `${unit} ${cell}` : cell);
  return range ? range.end : null;
}

/** Reads a table into rhythm rows, milestone rows or row items. */
export function readTable(table: Table): TableReading {
  const [head, ...rest] = table.children;
  if (!head) return { type: 'unknown', rows: [] };
  const headers = cells(head).map((c) => c.text.toLowerCase());
  const body = rest.map(cells).filter((row) => row.some((c) => !c.empty));

  const day = findColumn(headers, /^(day|days|when)$/);
  if (day >= 0 && body.filter((r) => parseDays(r[day]?.text ?? '').length > 0).length * 2 >= body.length) {
    const time = findColumn(headers, /time|hours?|hrs|duration|length|min/, [day]);
    let activity = findColumn(headers, /activity|task|focus|what|topic|plan|study|session/, [day, time]);
    if (activity < 0) activity = headers.findIndex((_, i) => i !== day && i !== time);
    return { type: 'rhythm', rows: readRhythm(body, day, activity, time) };
  }

  const when = findColumn(headers, /^(by )?(week|weeks|month|months|wk|when|due|deadline)$/);
  const milestone = findColumn(headers, /milestone/);
  if (when >= 0 && milestone >= 0) {
    return {
      type: 'milestones',
      rows: body.map((r) => ({ week: weekOf(r[when]?.text ?? '', headers[when]!), text: r[milestone]?.text ?? '' })),
    };
  }

  const duration = findColumn(headers, /duration|length|time to complete|^weeks$/);
  const effort = findColumn(headers, /effort|commitment|hours|workload|pace|per week/, [duration]);
  const prereq = findColumn(headers, /prereq|requirement/);
  if (duration >= 0 || effort >= 0 || prereq >= 0) {
    let name = findColumn(headers, /course|name|title|resource|class|program|certificate/);
    if (name < 0) name = 0;
    return {
      type: 'course',
      rows: body.map((r): RowItem => {
        const d = duration >= 0 ? parseDuration(r[duration]?.text ?? '') : null;
        const hoursPerWeek = effort >= 0 ? parseHoursRange(r[effort]?.text ?? '') : null;
        const durationWeeks = d && 'weeks' in d ? d.weeks : null;
        let effortHours: number | null = null;
        if (d && 'hours' in d) effortHours = d.hours;
        else if (durationWeeks !== null && hoursPerWeek) effortHours = durationWeeks * midpoint(hoursPerWeek);
        const prerequisites = prereq >= 0 ? r[prereq]?.text || null : null;
        const cell = r[name];
        return {
          text: cell?.value || cell?.text || '',
          line: cell?.line ?? 0,
          url: r.map((c) => c.url).find((u) => u !== null) ?? null,
          weeks: null,
          course: { durationWeeks, hoursPerWeek, prerequisites: prerequisites === '-' || prerequisites === '—' ? null : prerequisites },
          effortHours,
        };
      }),
    };
  }

  if (when >= 0) {
    const text = headers.findIndex((_, i) => i !== when);
    return {
      type: 'schedule',
      rows: body.map((r) => {
        const cell = r[text];
        const weekCell = r[when]?.text ?? '';
        const unit = /month/i.test(headers[when]!) ? 'Month' : 'Week';
        return {
          text: cell?.value || cell?.text || '',
          line: cell?.line ?? 0,
          url: r.map((c) => c.url).find((u) => u !== null) ?? null,
          weeks: parseWeekRange(/^\s*\d/.test(weekCell) ? `${unit} ${weekCell}` : weekCell),
          course: null,
          effortHours: null,
        };
      }),
    };
  }

  return {
    type: 'unknown',
    rows: body.map((r) => {
      const cell = r[0];
      return {
        text: cell?.value || cell?.text || '',
        line: cell?.line ?? 0,
        url: r.map((c) => c.url).find((u) => u !== null) ?? null,
        weeks: null,
        course: null,
        effortHours: null,
      };
    }),
  };
}
