import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, epochDay, type Day } from '../core/dates.js';
import { computeChain, computeWeekChain } from './chain.js';
import type { Weekday } from './days.js';

const MWS: Weekday[] = ['mon', 'wed', 'sat'];
// Plan starts Monday 2 March 2026. Three full weeks of Mon/Wed/Sat.
const THREE_WEEKS = ['2026-03-02', '2026-03-04', '2026-03-07', '2026-03-09', '2026-03-11', '2026-03-14', '2026-03-16', '2026-03-18', '2026-03-21'];

const chain = (studied: string[], today: string, restDays = 2, days = MWS) =>
  computeChain({ studied: new Set(studied.map(epochDay)), days, anchor: '2026-03-02', today, restDays });

describe('the rhythm-aware chain', () => {
  it('counts planned study days with study: three weeks of Mon/Wed/Sat is 9', () => {
    const c = chain(THREE_WEEKS, '2026-03-22');
    expect(c).toMatchObject({ current: 9, best: 9, lastBroken: null, today: 'day-off' });
    expect(c.rule).toContain('planned study day (Mon, Wed, Sat)');
  });

  it('days off neither break nor extend it', () => {
    const c = chain([...THREE_WEEKS, '2026-03-03', '2026-03-05'], '2026-03-22');
    expect(c.current).toBe(9);
  });

  it('uses a rest day for a missed Wednesday, then breaks on a miss beyond the budget, keeping the best', () => {
    const week4 = ['2026-03-23']; // Wed 25 and Sat 28 missed
    const c = chain([...THREE_WEEKS, ...week4, '2026-03-30'], '2026-03-30', 1);
    expect(c.restDaysUsed).toEqual(['2026-03-25']);
    expect(c.lastBroken).toBe('2026-03-28');
    expect(c.best).toBe(10);
    expect(c.current).toBe(1);
  });

  it('lets study on a day off make up a missed study day in the same week', () => {
    const c = chain([...THREE_WEEKS, '2026-03-23', '2026-03-26', '2026-03-28'], '2026-03-29', 0);
    expect(c.madeUp).toEqual(['2026-03-25']);
    expect(c.restDaysUsed).toEqual([]);
    expect(c.current).toBe(12);
  });

  it('waits for a make-up while the week is open, and says what today means', () => {
    // Monday 23 studied, Wednesday 25 missed; today is Thursday 26, week still open.
    expect(chain([...THREE_WEEKS, '2026-03-23'], '2026-03-26', 2)).toMatchObject({ current: 10, lastBroken: null, restDaysLeft: 1 });
    // Today is Saturday (planned), nothing yet: one miss pending, one rest day would remain.
    expect(chain([...THREE_WEEKS, '2026-03-23'], '2026-03-28', 2).today).toBe('open-rest');
    // No rest days at all: today's miss would break it.
    expect(chain([...THREE_WEEKS, '2026-03-23'], '2026-03-28', 0).today).toBe('at-risk');
    // A day-off session this week covers a miss.
    expect(chain([...THREE_WEEKS, '2026-03-23', '2026-03-24'], '2026-03-25', 0).today).toBe('open-makeup');
    expect(chain([...THREE_WEEKS, '2026-03-23', '2026-03-25'], '2026-03-25').today).toBe('studied');
  });

  it('without study days counts every day', () => {
    const c = chain(['2026-03-02', '2026-03-03', '2026-03-04'], '2026-03-06', 0, []);
    expect(c).toMatchObject({ current: 0, best: 3, lastBroken: '2026-03-05' });
    expect(c.rule).toBe('A link is a day with study logged.');
  });

  it('rest days are a budget per calendar month', () => {
    const studied = ['2026-03-30', '2026-04-04', '2026-04-06'];
    // Wed 1 April missed: April's budget, not March's.
    const c = chain(studied, '2026-04-07', 1);
    expect(c.restDaysUsed).toEqual(['2026-04-01']);
    expect(c.current).toBe(3);
  });
});

describe('the weekly chain', () => {
  it('counts weeks that met their hours target; the open week does not break it', () => {
    const minutes = new Map<string, number>([
      ['2026-03-02', 240],
      ['2026-03-10', 120],
      ['2026-03-12', 120],
      ['2026-03-16', 60],
      ['2026-03-24', 240],
      ['2026-03-31', 60],
    ]);
    const w = computeWeekChain(minutes, '2026-03-02', '2026-04-01', () => 4);
    expect(w.weeks.map((x) => x.met)).toEqual([true, true, false, true, false]);
    expect(w).toMatchObject({ current: 1, best: 2 });
  });

  it('sums each plan week day by day, as a walk over its seven days gives, for any days studied and any span', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 }),
        fc.array(fc.tuple(fc.integer({ min: -20, max: 820 }), fc.double({ min: 0, max: 600, noNaN: true })), { maxLength: 120 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (span, sessions, target) => {
          const anchor = '2025-12-29';
          const today = addDays(anchor, span);
          const minutes = new Map<Day, number>();
          for (const [offset, m] of sessions) minutes.set(addDays(anchor, offset), m);
          // The definition: each week from its first day to its seventh, in order.
          const weeks = Array.from({ length: Math.floor(span / 7) + 1 }, (_, k) => {
            const start = addDays(anchor, 7 * k);
            let sum = 0;
            for (let i = 0; i < 7; i++) sum += minutes.get(addDays(start, i)) ?? 0;
            const hours = Math.round((sum / 60) * 10) / 10;
            return { week: k + 1, start, hours, target, met: hours + 1e-9 >= target };
          });
          expect(computeWeekChain(minutes, anchor, today, () => target).weeks).toEqual(weeks);
        },
      ),
      { numRuns: 200 },
    );
  });
});
