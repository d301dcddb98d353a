import { describe, expect, it } from 'vitest';
import { rhythmOn, weekdayOf } from './days.js';

describe('days of the week', () => {
  it('names the weekday of a calendar day', () => {
    expect(['1970-01-01', '2026-03-02', '2026-03-08', '2024-02-29'].map(weekdayOf)).toEqual(['thu', 'mon', 'sun', 'thu']);
  });

  it('finds what the rhythm plans for a day, combining entries that cover it', () => {
    const rhythm = [
      { day: 'mon', activity: 'Read a paper', hours: 1 },
      { day: 'weekdays', activity: 'Flashcards', hours: 0.25 },
      { day: 'weekend', activity: 'Project work', hours: null },
    ];
    expect(rhythmOn(rhythm, 'mon')).toEqual({ activity: 'Read a paper + Flashcards', hours: 1.25 });
    expect(rhythmOn(rhythm, 'sat')).toEqual({ activity: 'Project work', hours: null });
    expect(rhythmOn(rhythm.slice(0, 1), 'tue')).toBeNull();
  });
});
