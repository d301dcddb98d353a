import { dayOfEpoch, epochDay, type Day } from '../core/dates.js';
import { formatWeekdays, WEEKDAYS, weekdayIndexOfEpoch, type Weekday } from './days.js';

export interface ChainInput {
  /** Days with study logged (a session, or an item started or finished), as days since 1970-01-01 (epochDay). */
  studied: ReadonlySet<number>;
  /** Planned study days; empty means every day is a study day. */
  days: readonly Weekday[];
  /** Weeks of the plan start on this day, so make-ups stay within a plan week. */
  anchor: Day;
  today: Day;
  /** Rest days per calendar month that keep the chain when a study day is missed. */
  restDays: number;
}

export type TodayState =
  | 'studied' // today is done
  | 'day-off' // not a study day: nothing to do
  | 'open-rest' // not yet studied; missing it would use a rest day
  | 'open-makeup' // not yet studied; a day-off session this week already covers it
  | 'at-risk'; // not yet studied; missing it breaks the chain

export interface Chain {
  rule: string;
  current: number;
  best: number;
  lastBroken: Day | null;
  restDaysUsed: Day[];
  madeUp: Day[];
  /** Rest days left in today's month, after any misses this week still waiting for a make-up. */
  restDaysLeft: number;
  today: TodayState;
}

const monthOf = (day: Day) => day.slice(0, 7);

/** The rule in words, shown beside the chain. */
export function chainRule(days: readonly Weekday[], restDays: number): string {
  const rest = restDays > 0 ? `; ${restDays === 1 ? '1 rest day a month keeps' : `${restDays} rest days a month keep`} it when you miss one` : '';
  if (days.length === 0 || days.length === 7) return `A link is a day with study logged${rest}.`;
  return (
    `A link is a planned study day (${formatWeekdays(days)}) with study logged; other days neither break nor extend it, ` +
    `and study on one of them makes up for a missed study day in the same week${rest}.`
  );
}

/**
 * The chain of study days kept without a break, following the learner's
 * rhythm. Day by day from the first study: a planned day with study adds a
 * link; a missed one is covered by a day-off session in the same plan week,
 * else by a rest day of that month, else the chain breaks. Misses in the
 * current week wait: a make-up may still come. Pure.
 */
export function computeChain(input: ChainInput): Chain {
  const today = epochDay(input.today);
  const anchor = epochDay(input.anchor);
  // Days as numbers since 1970-01-01, as the state keeps study days: the walk
  // below asks about every day since the first study, five years of them.
  const studied = input.studied;
  let first = Infinity;
  for (const n of studied) if (n <= today && n < first) first = n;
  // By weekday index, worked out once: the walk below asks about every day since the first study.
  const plannedOn = WEEKDAYS.map((w) => input.days.length === 0 || input.days.includes(w));
  const isPlanned = (n: number) => plannedOn[weekdayIndexOfEpoch(n)]!;
  const rule = chainRule(input.days, input.restDays);
  const restUsed: Day[] = [];
  const madeUp: Day[] = [];
  const restLeftIn = (month: string) => input.restDays - restUsed.filter((d) => monthOf(d) === month).length;
  let current = 0;
  let best = 0;
  let lastBroken: Day | null = null;
  let pending = 0;
  let spareMakeups = 0;

  if (first !== Infinity) {
    const weekIndex = (n: number) => Math.floor((n - anchor) / 7);
    const lastWeek = weekIndex(today);
    for (let w = weekIndex(first); w <= lastWeek; w++) {
      const weekStart = anchor + 7 * w;
      const weekEnd = weekStart + 6;
      // The week's days from the first study to today.
      const from = Math.max(weekStart, first);
      const to = Math.min(weekEnd, today);
      let makeups = 0;
      for (let n = from; n <= to; n++) if (studied.has(n) && !isPlanned(n)) makeups++;
      // A miss waits only while a day off is still ahead this week to make it up.
      let open = false;
      for (let n = today; n <= weekEnd && !open; n++) open = !isPlanned(n);
      pending = 0;
      for (let n = from; n <= to; n++) {
        if (!isPlanned(n)) continue;
        if (studied.has(n)) {
          current++;
        } else if (n === today) {
          continue;
        } else if (makeups > 0) {
          makeups--;
          madeUp.push(dayOfEpoch(n));
          current++;
        } else if (open) {
          pending++;
        } else if (restLeftIn(monthOf(dayOfEpoch(n))) > 0) {
          restUsed.push(dayOfEpoch(n));
        } else {
          current = 0;
          lastBroken = dayOfEpoch(n);
        }
        if (current > best) best = current;
      }
      if (open) spareMakeups = makeups;
    }
  }
  // Misses this week not yet made up will use rest days unless a make-up comes.
  const restDaysLeft = Math.max(0, restLeftIn(monthOf(input.today)) - pending);
  let state: TodayState;
  if (studied.has(today)) state = 'studied';
  else if (!isPlanned(today)) state = 'day-off';
  else if (spareMakeups > pending) state = 'open-makeup';
  else if (restDaysLeft > 0 && current > 0) state = 'open-rest';
  else state = 'at-risk';
  return { rule, current, best, lastBroken, restDaysUsed: restUsed, madeUp, restDaysLeft, today: state };
}

export interface WeekChain {
  current: number;
  best: number;
  /** Hours logged and targeted per plan week up to the current one. */
  weeks: { week: number; start: Day; hours: number; target: number; met: boolean }[];
}

/**
 * Weeks in a row that met their hours target; the current week counts once
 * met and does not break the run while it is still open. Pure.
 */
export function computeWeekChain(
  minutesByDay: ReadonlyMap<Day, number>,
  anchor: Day,
  today: Day,
  targetOf: (week: number) => number,
): WeekChain {
  const weeks: WeekChain['weeks'] = [];
  const first = epochDay(anchor);
  const lastWeek = Math.floor((epochDay(today) - first) / 7) + 1;
  // The minutes by day number: each day studied converted once, not each day of every week (five years of
  // weeks made 2,000 day strings from numbers and back, 11 ms of `streak --by week` at scale, in the interpreter).
  const byNumber = new Map<number, number>();
  for (const [day, m] of minutesByDay) byNumber.set(epochDay(day), m);
  for (let w = 1; w <= lastWeek; w++) {
    const from = first + 7 * (w - 1);
    const start = dayOfEpoch(from);
    let minutes = 0;
    for (let i = 0; i < 7; i++) minutes += byNumber.get(from + i) ?? 0;
    const hours = Math.round((minutes / 60) * 10) / 10;
    const target = targetOf(w);
    weeks.push({ week: w, start, hours, target, met: hours + 1e-9 >= target });
  }
  let best = 0;
  let run = 0;
  for (const x of weeks) {
    run = x.met ? run + 1 : 0;
    best = Math.max(best, run);
  }
  let current = 0;
  for (let i = weeks.length - 1; i >= 0; i--) {
    const x = weeks[i]!;
    if (x.met) current++;
    else if (i !== weeks.length - 1) break;
  }
  return { current, best, weeks };
}
