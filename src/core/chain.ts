import { addDays, type Day } from './dates.js';

export interface Chain {
  current: number;
  best: number;
  /** Days with study, ascending. */
  days: Day[];
}

/**
 * The chain of consecutive study days. Today not yet studied does not break
 * it: the chain is alive until the day is over.
 */
export function dailyChain(studyDays: Iterable<Day>, today: Day): Chain {
  const days = [...new Set(studyDays)].filter((d) => d <= today).sort();
  let best = 0;
  let run = 0;
  let prev: Day | null = null;
  for (const d of days) {
    run = prev !== null && addDays(prev, 1) === d ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  const set = new Set(days);
  let current = 0;
  let cursor = set.has(today) ? today : addDays(today, -1);
  while (set.has(cursor)) {
    current++;
    cursor = addDays(cursor, -1);
  }
  return { current, best, days };
}
