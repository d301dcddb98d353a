import { describe, expect, it } from 'vitest';
import { dailyChain } from './chain.js';

describe('dailyChain', () => {
  it('counts consecutive study days up to today', () => {
    expect(dailyChain(['2026-03-01', '2026-03-02', '2026-03-03'], '2026-03-03')).toMatchObject({ current: 3, best: 3 });
  });

  it('stays alive through a day not yet studied, and breaks after a missed one', () => {
    const days = ['2026-03-01', '2026-03-02'];
    expect(dailyChain(days, '2026-03-03').current).toBe(2);
    expect(dailyChain(days, '2026-03-04')).toMatchObject({ current: 0, best: 2 });
  });

  it('keeps the best run and ignores duplicates and future days', () => {
    const days = ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-03', '2026-02-10', '2026-02-11', '2026-03-01'];
    expect(dailyChain(days, '2026-02-11')).toMatchObject({ current: 2, best: 3 });
  });
});
