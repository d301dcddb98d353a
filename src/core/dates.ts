import { UsageError } from '../errors.js';

/** A local calendar day as YYYY-MM-DD. */
export type Day = string;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant. */
export function localDay(date: Date): Day {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local noon of a day: safe from daylight-saving shifts when adding days. */
export function dayToDate(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

export function addDays(day: Day, n: number): Day {
  const date = dayToDate(day);
  date.setDate(date.getDate() + n);
  return localDay(date);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((dayToDate(b).getTime() - dayToDate(a).getTime()) / 86_400_000);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const date = dayToDate(text);
  return localDay(date) === text;
}

/**
 * Reads a day given on the command line: `today`, `yesterday`, `N days ago`,
 * or YYYY-MM-DD. Days in the future are refused.
 */
export function parseDayArg(text: string, now: Date): Day {
  const today = localDay(now);
  const t = text.trim().toLowerCase();
  let day: Day | null = null;
  if (t === 'today') day = today;
  else if (t === 'yesterday') day = addDays(today, -1);
  else {
    const ago = /^(\d{1,4})\s*(d|days?)\s*(ago)?$/.exec(t);
    if (ago) day = addDays(today, -Number(ago[1]));
    else if (isValidDay(t)) day = t;
  }
  if (day === null) {
    throw new UsageError(`"${text}" is not a date: use YYYY-MM-DD, "today", "yesterday" or "3 days ago".`);
  }
  if (day > today) throw new UsageError(`${day} is in the future; log time for today or an earlier day.`);
  return day;
}

/** The clock: `AI_LEARN_NOW` (ISO date-time) when set, so that runs are repeatable. */
export function clockFromEnv(env: NodeJS.ProcessEnv): Date {
  const fixed = env.AI_LEARN_NOW;
  if (!fixed) return new Date();
  const date = new Date(ISO_DAY.test(fixed) ? `${fixed}T12:00:00` : fixed);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(`AI_LEARN_NOW="${fixed}" is not an ISO date-time such as 2026-03-02T09:00:00.`);
  }
  return date;
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let dayFormat: Intl.DateTimeFormat | null | undefined;

/**
 * The locale dates are shown in, from LC_ALL, LC_TIME or LANG. US English and
 * the C locale are written without Intl: loading ICU costs Node 20 some 15-30
 * ms, more than the rest of `progress`, and the result is the same.
 */
function localeFormat(env: NodeJS.ProcessEnv): Intl.DateTimeFormat | null {
  const locale = env.LC_ALL || env.LC_TIME || env.LANG || 'C';
  if (/^(C|POSIX)([._@]|$)|^en_US([._@]|$)/.test(locale)) return null;
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

/** A day as the user's locale writes it, e.g. "Mon, Mar 2". */
export function formatDay(day: Day): string {
  if (dayFormat === undefined) dayFormat = localeFormat(process.env);
  const date = dayToDate(day);
  if (dayFormat) return dayFormat.format(date);
  return `${WEEKDAY_NAMES[date.getDay()]}, ${MONTH_NAMES[date.getMonth()]} ${date.getDate()}`;
}

/** Orders ISO days (plain string order is date order). */
export function compareDays(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
