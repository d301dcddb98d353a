import { UsageError } from '../errors.js';

const FORMS: [RegExp, (m: RegExpExecArray) => number][] = [
  [/^(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?$/, (m) => Number(m[1])],
  [/^(\d+(?:\.\d+)?)\s*h(?:(?:ou)?rs?)?$/, (m) => Number(m[1]) * 60],
  [/^(\d+)\s*h\s*(\d+)\s*m(?:in)?$/, (m) => Number(m[1]) * 60 + Number(m[2])],
  [/^(\d+):([0-5]\d)$/, (m) => Number(m[1]) * 60 + Number(m[2])],
];

/** Minutes in a duration written like 90m, 1.5h, 1h30m or 1:30. */
export function parseDuration(text: string, maxMinutes = 24 * 60): number {
  const t = text.trim().toLowerCase();
  for (const [pattern, minutes] of FORMS) {
    const m = pattern.exec(t);
    if (!m) continue;
    const value = minutes(m);
    if (value <= 0) break;
    if (value > maxMinutes) {
      throw new UsageError(maxMinutes === 24 * 60 ? `"${text}" is longer than a day; log each day's study separately.` : `"${text}" is more than ${maxMinutes / 60} hours.`);
    }
    return Math.round(value * 100) / 100;
  }
  throw new UsageError(`"${text}" is not a duration: write it like 90m, 1.5h or 1h30m.`);
}

/** 95 → "1h 35m", 45 → "45m". */
export function formatMinutes(minutes: number): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}

/** Hours with at most one decimal: 2.25 → "2.3", 4 → "4". */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}
