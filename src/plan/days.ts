import { dayToDate, type Day } from '../core/dates.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The study days a rhythm names: "mon" stays, "weekend" is sat and sun; unknown names are dropped. */
export function rhythmDays(days: readonly string[]): Weekday[] {
  const out = new Set<Weekday>();
  for (const d of days) {
    const day = d.toLowerCase().slice(0, 3);
    if (d.toLowerCase() === 'weekend') {
      out.add('sat');
      out.add('sun');
    } else if (d.toLowerCase() === 'weekdays') {
      for (const w of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) out.add(w);
    } else if ((WEEKDAYS as readonly string[]).includes(day)) out.add(day as Weekday);
  }
  return WEEKDAYS.filter((w) => out.has(w));
}

export function weekdayOf(day: Day): Weekday {
  return WEEKDAYS[dayToDate(day).getDay()]!;
}

/** Mon, Wed, Sat — in week order starting on Monday. */
export function formatWeekdays(days: readonly Weekday[]): string {
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return order
    .filter((d) => days.includes(d))
    .map((d) => d[0]!.toUpperCase() + d.slice(1))
    .join(', ');
}
