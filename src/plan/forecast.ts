import { addDays, daysBetween, type Day } from '../core/dates.js';
import type { Tracking } from '../core/state.js';
import type { Status } from '../store/events.js';
import { planWeekOf } from './schedule.js';
import type { PlanTable } from './table.js';

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

/** What a plan's standing and forecast are worked out from. */
export interface TrackInput {
  table: PlanTable;
  /** Each row's status (statusesByRow). */
  rowStatus: readonly Status[];
  tracking: Tracking;
  today: Day;
}

/**
 * Plan week against actual: the effort the plan expected done by the end of
 * today against the effort done, in days at the plan's pace. Today is still
 * open: doing more than today's share counts as ahead, but only what was due
 * by the end of yesterday can put you behind, so nobody starts a study day
 * (or the plan's first day) already behind. Skipped items do not count.
 */
export function standing(input: TrackInput): Standing {
  const { table: t, rowStatus, today } = input;
  const { plan } = t;
  const sinceStart = daysBetween(plan.start, today);
  let expected = 0;
  let dueBefore = 0;
  let done = 0;
  for (let row = 0; row < t.id.length; row++) {
    const status = rowStatus[row];
    if (status === 'skipped') continue;
    const effort = t.effort[row]!;
    if (status === 'done') done += effort;
    // Its days up to the end of yesterday (today's are one more); none yet: nothing due.
    const since = sinceStart - 7 * (t.startWeek[row]! - 1);
    if (since < 0) continue;
    // An item spans whole plan weeks: from the first day of its first week to the last of its last.
    const span = 7 * (t.endWeek[row]! - t.startWeek[row]! + 1);
    // Each share is min(span, days) of span, without Math.min and Math.max: calls, in V8's interpreter, where this pass runs.
    const before = since < span ? since : span;
    const elapsed = since + 1 < span ? since + 1 : span;
    expected += (effort * elapsed) / span;
    dueBefore += (effort * before) / span;
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
 * Skipped items do not count.
 */
export function forecast(input: TrackInput): Forecast {
  const { table: t, rowStatus, tracking, today } = input;
  const { plan } = t;
  const history = daysBetween(plan.start, today) + 1;
  const slices = history < MIN_HISTORY_DAYS ? 0 : Math.floor(Math.min(WINDOW_DAYS, history) / 7);
  // Slice s is the 7 days ending 7·s days before today.
  const ends = Array.from({ length: slices }, (_, s) => addDays(today, -7 * s));
  const starts = ends.map((end) => addDays(end, -6));
  const doneRates = ends.map(() => 0);
  let remaining = 0;
  for (let row = 0; row < t.id.length; row++) {
    const status = rowStatus[row];
    if (status === 'skipped') continue;
    if (status !== 'done') {
      remaining += t.effort[row]!;
      continue;
    }
    const day = tracking.doneOn.get(t.id[row]!);
    if (day === undefined || slices === 0 || day < starts[slices - 1]! || day > today) continue;
    for (let s = 0; s < slices; s++) {
      if (day >= starts[s]! && day <= ends[s]!) doneRates[s]! += t.effort[row]!;
    }
  }
  if (remaining <= 0) return { finish: today, low: today, high: today, basis: 'done', ratePerWeek: null, remainingHours: 0 };
  const byPlan: Forecast = { finish: plan.finish, low: plan.finish, high: plan.finish, basis: 'plan', ratePerWeek: null, remainingHours: round1(remaining) };
  if (slices === 0) return byPlan;

  const loggedRates = starts.map((from) => {
    let minutes = 0;
    for (let d = 0; d < 7; d++) minutes += tracking.days.minutesByDay.get(addDays(from, d)) ?? 0;
    return minutes / 60;
  });
  const rates = doneRates.some((r) => r > 0) ? doneRates : loggedRates;
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  // History, but nothing (or under the 0.05 h/week that rounds to 0) finished or logged in its
  // weeks: a pace of nothing, so the plan's date stands rather than one centuries away.
  if (mean < 0.05) return { ...byPlan, ratePerWeek: 0 };
  const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / rates.length);
  const fast = Math.max(mean + sd, mean * 1.15);
  const slow = Math.min(Math.max(mean - sd, mean * 0.5), mean * 0.85);
  const at = (rate: number) => addDays(today, Math.ceil((remaining / rate) * 7));
  return { finish: at(mean), low: at(fast), high: at(slow), basis: 'pace', ratePerWeek: round1(mean), remainingHours: round1(remaining) };
}
