import { epochDay, type Day } from '../core/dates.js';
import type { RhythmEntry } from '../roadmap/model.js';

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

/** The weekday of a calendar day, by arithmetic: 1970-01-01 was a Thursday. */
export function weekdayOf(day: Day): Weekday {
  return weekdayOfEpoch(epochDay(day));
}

/** The weekday of the day `n` days after 1970-01-01 (see epochDay). */
export function weekdayOfEpoch(n: number): Weekday {
  return WEEKDAYS[weekdayIndexOfEpoch(n)]!;
}

/** The index in WEEKDAYS (0 for Sunday) of the day `n` days after 1970-01-01. */
export function weekdayIndexOfEpoch(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/**
 * What the weekly rhythm plans for a weekday: the activities of every entry
 * that covers it ("mon", "weekend", "weekdays"…), joined, with their hours
 * added up (null when no entry gives hours); null when none covers it.
 */
export function rhythmOn(rhythm: readonly RhythmEntry[], weekday: Weekday): { activity: string; hours: number | null } | null {
  const entries = rhythm.filter((r) => rhythmDays([r.day]).includes(weekday));
  if (entries.length === 0) return null;
  const activity = entries.map((r) => r.activity).filter((a) => a !== '').join(' + ');
  const known = entries.filter((r) => r.hours !== null);
  const hours = known.length === 0 ? null : Math.round(known.reduce((sum, r) => sum + r.hours!, 0) * 100) / 100;
  return { activity, hours };
}

/** Mon, Wed, Sat — in week order starting on Monday. */
export function formatWeekdays(days: readonly Weekday[]): string {
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return order
    .filter((d) => days.includes(d))
    .map((d) => d[0]!.toUpperCase() + d.slice(1))
    .join(', ');
}
