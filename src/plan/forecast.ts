import { addDays, daysBetween, type Day } from '../core/dates.js';
import type { Status } from '../store/events.js';
import type { StoredItem } from '../store/items.js';
import { planWeekOf, type Plan } from './schedule.js';

export interface TrackInput {
  plan: Plan;
  /** Items of the roadmap; only those in the plan count. */
  items: readonly StoredItem[];
  statusOf: (item: StoredItem) => Status;
  /** Local day an item was finished, for done items. */
  doneOn: (item: StoredItem) => Day | null;
  effortOf: (item: StoredItem) => number;
  minutesByDay: ReadonlyMap<Day, number>;
  today: Day;
}

export interface Standing {
  /** Today's plan week (0 before the start). */
  week: number;
  /** Positive: ahead of the plan by this many days; negative: behind. */
  aheadDays: number;
  expectedHours: number;
  doneHours: number;
}

export interface Forecast {
  finish: Day;
  /** Optimistic and pessimistic finish. */
  low: Day;
  high: Day;
  /** 'pace': from recent weeks; 'plan': not enough history yet; 'done': nothing left. */
  basis: 'pace' | 'plan' | 'done';
  /** Planned effort finished per week recently, hours. */
  ratePerWeek: number | null;
  remainingHours: number;
}

/** The minimum history, in days, before the forecast trusts the learner's pace. */
export const MIN_HISTORY_DAYS = 14;
const WINDOW_DAYS = 28;
const round1 = (n: number) => Math.round(n * 10) / 10;

function counted(input: TrackInput): StoredItem[] {
  return input.items.filter((i) => input.plan.items.has(i.id) && input.statusOf(i) !== 'skipped');
}

/**
 * Plan week against actual: the effort the plan expected done by the end of
 * today against the effort done, in days at the plan's pace. Today is still
 * open: doing more than today's share counts as ahead, but only what was due
 * by the end of yesterday can put you behind, so nobody starts a study day
 * (or the plan's first day) already behind.
 */
export function standing(input: TrackInput): Standing {
  const { plan, today } = input;
  let expected = 0;
  let dueBefore = 0;
  let done = 0;
  for (const item of counted(input)) {
    const p = plan.items.get(item.id)!;
    const span = daysBetween(p.start, p.end) + 1;
    // Its days up to the end of yesterday, and of today.
    const since = daysBetween(p.start, today);
    const before = Math.min(span, Math.max(0, since));
    const elapsed = Math.min(span, Math.max(0, since + 1));
    const effort = input.effortOf(item);
    expected += (effort * elapsed) / span;
    dueBefore += (effort * before) / span;
    if (input.statusOf(item) === 'done') done += effort;
  }
  const perDay = plan.requiredHoursPerWeek / 7;
  const lead = done >= expected ? done - expected : Math.min(0, done - dueBefore);
  return {
    week: Math.max(0, planWeekOf(plan, today)),
    aheadDays: perDay > 0 ? Math.round(lead / perDay) || 0 : 0,
    expectedHours: round1(expected),
    doneHours: round1(done),
  };
}

/**
 * The finish date at the learner's real pace: the planned effort they
 * finished per week over recent weeks, with a range from how much those
 * weeks varied. Logged hours stand in while nothing is finished yet.
 */
export function forecast(input: TrackInput): Forecast {
  const { plan, today } = input;
  const items = counted(input);
  const remaining = items.filter((i) => input.statusOf(i) !== 'done').reduce((sum, i) => sum + input.effortOf(i), 0);
  if (remaining <= 0) return { finish: today, low: today, high: today, basis: 'done', ratePerWeek: null, remainingHours: 0 };
  const history = daysBetween(plan.start, today) + 1;
  const byPlan: Forecast = { finish: plan.finish, low: plan.finish, high: plan.finish, basis: 'plan', ratePerWeek: null, remainingHours: round1(remaining) };
  if (history < MIN_HISTORY_DAYS) return byPlan;

  const slices = Math.floor(Math.min(WINDOW_DAYS, history) / 7);
  const doneRates: number[] = [];
  const loggedRates: number[] = [];
  for (let s = 0; s < slices; s++) {
    const to = addDays(today, -7 * s);
    const from = addDays(to, -6);
    let effort = 0;
    for (const item of items) {
      const day = input.doneOn(item);
      if (day && day >= from && day <= to) effort += input.effortOf(item);
    }
    let minutes = 0;
    for (let d = 0; d < 7; d++) minutes += input.minutesByDay.get(addDays(from, d)) ?? 0;
    doneRates.push(effort);
    loggedRates.push(minutes / 60);
  }
  const rates = doneRates.some((r) => r > 0) ? doneRates : loggedRates;
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  if (mean <= 0) return byPlan;
  const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / rates.length);
  const fast = Math.max(mean + sd, mean * 1.15);
  const slow = Math.min(Math.max(mean - sd, mean * 0.5), mean * 0.85);
  const at = (rate: number) => addDays(today, Math.ceil((remaining / rate) * 7));
  return { finish: at(mean), low: at(fast), high: at(slow), basis: 'pace', ratePerWeek: round1(mean), remainingHours: round1(remaining) };
}
