import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, clockFromEnv, dayOfEpoch, dayToDate, daysBetween, epochDay, formatDay, localDay, parseDayArg } from './dates.js';

describe('days', () => {
  const now = new Date(2026, 2, 2, 9, 0); // Mon 2 March 2026, local time

  it('reads today, yesterday, N days ago and ISO dates', () => {
    expect(parseDayArg('today', now)).toBe('2026-03-02');
    expect(parseDayArg('yesterday', now)).toBe('2026-03-01');
    expect(parseDayArg('3 days ago', now)).toBe('2026-02-27');
    expect(parseDayArg('2026-02-14', now)).toBe('2026-02-14');
  });

  it('refuses impossible and future days', () => {
    expect(() => parseDayArg('2026-02-30', now)).toThrow(/is not a date/);
    expect(() => parseDayArg('next week', now)).toThrow(/is not a date/);
    expect(() => parseDayArg('2026-03-03', now)).toThrow(/in the future/);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('takes the clock from AI_LEARN_NOW and rejects nonsense', () => {
    expect(localDay(clockFromEnv({ AI_LEARN_NOW: '2026-03-02T23:30:00' }))).toBe('2026-03-02');
    expect(localDay(clockFromEnv({ AI_LEARN_NOW: '2026-03-02' }))).toBe('2026-03-02');
    expect(() => clockFromEnv({ AI_LEARN_NOW: 'soon' })).toThrow(/not an ISO date-time/);
  });
});

describe('formatDay', () => {
  const saved = { AI_LEARN_NOW: process.env.AI_LEARN_NOW, LC_ALL: process.env.LC_ALL };
  // The current year is the clock's: days of 2026 are written with their weekday, others with their
  // year. The C locale, whatever the machine's: formatDay's own US English path, not Intl's.
  beforeAll(() => Object.assign(process.env, { AI_LEARN_NOW: '2026-06-01T09:00:00', LC_ALL: 'C' }));
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) value === undefined ? delete process.env[key] : (process.env[key] = value);
  });

  it('writes US English days without loading Intl, exactly as Intl would', () => {
    const intl = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric' });
    const withYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
    for (const day of ['2026-01-01', '2026-03-02', '2026-11-08', '2026-12-31']) expect(formatDay(day)).toBe(intl.format(dayToDate(day)));
    for (const day of ['2025-12-31', '2027-01-31', '2028-02-29']) expect(formatDay(day)).toBe(withYear.format(dayToDate(day)));
    expect(formatDay('2028-02-29')).toBe('Feb 29, 2028');
  });
});

describe('day arithmetic without Date objects', () => {
  it('agrees with the calendar for every day from 1999 to 2031', () => {
    const date = new Date(Date.UTC(1999, 0, 1));
    for (let n = epochDay('1999-01-01'); n <= epochDay('2031-12-31'); n++) {
      const iso = date.toISOString().slice(0, 10);
      expect(dayOfEpoch(n)).toBe(iso);
      expect(epochDay(iso)).toBe(n);
      date.setUTCDate(date.getUTCDate() + 1);
    }
    expect(epochDay('1970-01-01')).toBe(0);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2); // across the US daylight-saving change
  });
});
