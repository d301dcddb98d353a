/** The dated plan as an iCalendar file: study days and milestones as all-day events. */
import ical from 'ical-generator';
import { addDays, type Day } from '../core/dates.js';
import { rhythmOn, weekdayOf, type Weekday } from '../plan/days.js';
import { planWeekOf, type Plan } from '../plan/schedule.js';
import type { RhythmEntry } from '../roadmap/model.js';

export interface IcsInput {
  /** The roadmap's short name: it makes the event UIDs. */
  name: string;
  title: string;
  rhythm: readonly RhythmEntry[];
  plan: Pick<Plan, 'start' | 'finish' | 'days' | 'weeks' | 'milestones'>;
  /** Item texts by item number, for the events' descriptions. */
  itemText: ReadonlyMap<number, string>;
  /** The DTSTAMP of every event, so the same data gives the same file. */
  now: Date;
}

function studySummary(weekday: Weekday, title: string, rhythm: readonly RhythmEntry[]): string {
  const planned = rhythmOn(rhythm, weekday);
  if (!planned) return `Study: ${title}`;
  const activity = planned.activity || title;
  return planned.hours === null ? `Study: ${activity}` : `Study: ${activity} (${planned.hours} h)`;
}

function itemLines(numbers: readonly number[], itemText: ReadonlyMap<number, string>): string {
  return numbers.map((n) => `#${n} ${itemText.get(n) ?? ''}`.trimEnd()).join('\n');
}

/**
 * One all-day event per planned study day from the plan's start through its
 * finish, and one per milestone. UIDs are derived from the roadmap name and
 * the day (or milestone), so importing the file again updates the events a
 * calendar already holds instead of adding copies.
 */
export function renderIcs(input: IcsInput): string {
  const { plan } = input;
  const calendar = ical({ name: input.title, prodId: { company: 'ai-learn', product: 'ai-learn', language: 'EN' } });
  const studyDays = new Set<Weekday>(plan.days);
  for (let day: Day = plan.start; day <= plan.finish; day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    if (studyDays.size > 0 && !studyDays.has(weekday)) continue;
    const week = plan.weeks[planWeekOf(plan, day) - 1];
    const description = week ? itemLines(week.items, input.itemText) : '';
    calendar.createEvent({
      id: `${input.name}-study-${day}@ai-learn`,
      // A bare YYYY-MM-DD is read as UTC midnight, and all-day dates are
      // written in UTC: the day stays the same in every time zone.
      start: day,
      allDay: true,
      stamp: input.now,
      summary: studySummary(weekday, input.title, input.rhythm),
      ...(description === '' ? {} : { description }),
    });
  }
  plan.milestones.forEach((m, index) => {
    const waits = itemLines(m.waitsOn, input.itemText);
    calendar.createEvent({
      id: `${input.name}-milestone-${index + 1}-${m.week}@ai-learn`,
      start: m.date,
      allDay: true,
      stamp: input.now,
      summary: `Milestone: ${m.text}`,
      ...(waits === '' ? {} : { description: `Waits on:\n${waits}` }),
    });
  });
  const text = calendar.toString();
  // RFC 5545 ends every content line with CRLF, the last one too.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
