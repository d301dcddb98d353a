import { describe, expect, it } from 'vitest';
import { formatMinutes, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['90m', 90],
    ['1.5h', 90],
    ['1h30m', 90],
    ['1h 30m', 90],
    ['2h', 120],
    ['45 min', 45],
    ['1:15', 75],
    ['0.25h', 15],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', 'abc', '90', '1h90x', '-5m', '0m', 'h', '1.5.2h'])('refuses %j with a usage error', (text) => {
    expect(() => parseDuration(text)).toThrow(/is not a duration: write it like 90m, 1.5h or 1h30m/);
  });

  it('refuses more than a day unless a larger limit is given', () => {
    expect(() => parseDuration('25h')).toThrow(/longer than a day/);
    expect(parseDuration('40h', 1000 * 60)).toBe(2400);
  });

  it('formats minutes for people', () => {
    expect(formatMinutes(45)).toBe('45m');
    expect(formatMinutes(120)).toBe('2h');
    expect(formatMinutes(95)).toBe('1h 35m');
  });
});
