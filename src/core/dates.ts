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

/** The digit at `i` of a day ("2026-03-07"): read as a character code, with no substring, since a plan of 10,000 items asks for 40,000 days. */
const digit = (day: string, i: number) => day.charCodeAt(i) - 48;

/**
 * Days since 1970-01-01 of a calendar day. Calendar days have no time zone,
 * so this is plain arithmetic (days from civil, after H. Hinnant): no Date
 * objects, which plans of thousands of items would otherwise make by the
 * hundred thousand, and nothing for daylight saving to shift.
 */
export function epochDay(day: Day): number {
  let y = digit(day, 0) * 1000 + digit(day, 1) * 100 + digit(day, 2) * 10 + digit(day, 3);
  const m = digit(day, 5) * 10 + digit(day, 6);
  const d = digit(day, 8) * 10 + digit(day, 9);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar day `n` days after 1970-01-01. */
export function dayOfEpoch(n: number): Day {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad(m)}-${pad(d)}`;
}

export function addDays(day: Day, n: number): Day {
  return dayOfEpoch(epochDay(day) + n);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return epochDay(b) - epochDay(a);
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
let dayFormats: DayFormats | null | undefined;
let currentYear: number | undefined;

interface DayFormats {
  /** A day of the current year, with its weekday. */
  day: Intl.DateTimeFormat;
  /** A day of another year, with the year instead of the weekday. */
  year: Intl.DateTimeFormat;
}

/**
 * The locale dates are shown in, from LC_ALL, LC_TIME or LANG. US English and
 * the C locale are written without Intl: loading ICU costs Node 20 some 15-30
 * ms, more than the rest of `progress`, and the result is the same.
 */
function localeFormats(env: NodeJS.ProcessEnv): DayFormats | null {
  const locale = env.LC_ALL || env.LC_TIME || env.LANG || 'C';
  if (/^(C|POSIX)([._@]|$)|^en_US([._@]|$)/.test(locale)) return null;
  return {
    day: new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' }),
    year: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' }),
  };
}

/**
 * A day as the user's locale writes it: "Mon, Mar 2" in the year of the
 * clock (AI_LEARN_NOW or now), "Jan 29, 2028" in any other, so that a
 * forecast two years out does not read as a date before today.
 */
export function formatDay(day: Day): string {
  if (dayFormats === undefined) dayFormats = localeFormats(process.env);
  currentYear ??= clockFromEnv(process.env).getFullYear();
  const date = dayToDate(day);
  const otherYear = date.getFullYear() !== currentYear;
  if (dayFormats) return (otherYear ? dayFormats.year : dayFormats.day).format(date);
  const monthDay = `${MONTH_NAMES[date.getMonth()]} ${date.getDate()}`;
  return otherYear ? `${monthDay}, ${date.getFullYear()}` : `${WEEKDAY_NAMES[date.getDay()]}, ${monthDay}`;
}

/** Orders ISO days (plain string order is date order). */
export function compareDays(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
