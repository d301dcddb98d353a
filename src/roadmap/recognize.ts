/**
 * Recognizers for the numbers a roadmap states in prose: week and month
 * ranges, paces, durations, paper years and count targets. Each takes plain
 * text and returns plain data or null.
 */
import type { HoursRange, Paper, Target, WeekRange } from './model.js';

const DASH = String.raw`(?:-|–|—|to|through)`;
const NUM = String.raw`(\d+(?:\.\d+)?)`;

/** Weeks that month m covers, with month 0 counted as month 1 ("Months 0–2"). */
export function monthWeeks(first: number, last: number): WeekRange {
  const a = Math.max(1, first);
  const b = Math.max(a, last);
  return { start: 4 * (a - 1) + 1, end: 4 * b };
}

export interface TimeSpan {
  unit: 'week' | 'month';
  start: number;
  end: number | null;
  openEnded: boolean;
}

const SPAN_RE = new RegExp(
  String.raw`\b(weeks?|wks?|months?)\s+(\d+)(?:\s*${DASH}\s*(\d+))?(\+)?`,
  'i',
);

/** "Weeks 1-8", "Week 5", "Month 3", "Months 0–2", "Months 13+" → the span as written. */
export function parseSpan(text: string): TimeSpan | null {
  const m = SPAN_RE.exec(text);
  if (!m) return null;
  const unit = m[1]!.toLowerCase().startsWith('m') ? 'month' : 'week';
  const start = Number(m[2]);
  const end = m[3] !== undefined ? Number(m[3]) : m[4] ? null : start;
  if (end !== null && end < start) return null;
  return { unit, start, end, openEnded: m[4] !== undefined };
}

/** The plan weeks a heading or label states, or null. Months are four weeks each. */
export function parseWeekRange(text: string): WeekRange | null {
  const span = parseSpan(text);
  if (!span) return null;
  if (span.unit === 'week') {
    const start = Math.max(1, span.start);
    return { start, end: Math.max(start, span.end ?? span.start) };
  }
  return monthWeeks(span.start, span.end ?? span.start);
}

const PACE_RE = new RegExp(
  String.raw`${NUM}\s*(?:${DASH}\s*${NUM})?\s*\+?\s*(?:hours?|hrs?|h)\s*(?:\/\s*|per\s+|a\s+|each\s+|every\s+)(?:week|wk)\b`,
  'i',
);

export interface PaceStatement {
  hours: HoursRange;
  /** The pace is said to hold during project phases only. */
  project: boolean;
}

/** "assumes 3-5 hours/week", "(4 hours/week)", "10 hrs per week", "6–10 hours per week". */
export function parsePace(text: string): PaceStatement | null {
  const m = PACE_RE.exec(text);
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] !== undefined ? Number(m[2]) : min;
  if (!(min > 0) || max < min) return null;
  const before = text.slice(0, m.index);
  return { hours: { min, max }, project: /\bprojects?\b/i.test(before) };
}

/** An hours-per-week figure without the "/week": "6-10 hours", "8". */
export function parseHoursRange(text: string): HoursRange | null {
  const pace = parsePace(text);
  if (pace) return pace.hours;
  const m = new RegExp(String.raw`^\s*~?${NUM}\s*(?:${DASH}\s*${NUM})?\s*(?:hours?|hrs?|h)?\s*$`, 'i').exec(
    text,
  );
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] !== undefined ? Number(m[2]) : min;
  return min > 0 && max >= min ? { min, max } : null;
}

/** Middle of a range of hours. */
export function midpoint(range: HoursRange): number {
  return (range.min + range.max) / 2;
}

/** "1 hr", "1.5 hr", "90 min", "2 hours", "1-2 h" → hours, or null. */
export function parseTimeAmount(text: string): number | null {
  const m = new RegExp(
    String.raw`${NUM}\s*(?:${DASH}\s*${NUM})?\s*(hours?|hrs?|h|minutes?|mins?|m)\b`,
    'i',
  ).exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  const value = (a + b) / 2;
  return m[3]!.toLowerCase().startsWith('m') ? value / 60 : value;
}

export type Duration = { weeks: number } | { hours: number };

/** A course length: "13 weeks", "3 months" (13 weeks), "1 year", or a total such as "40 hours". */
export function parseDuration(text: string): Duration | null {
  const m = new RegExp(String.raw`${NUM}\s*(?:${DASH}\s*${NUM})?\s*(weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?)\b`, 'i').exec(
    text,
  );
  if (!m) return null;
  const a = Number(m[1]);
  const value = m[2] !== undefined ? (a + Number(m[2])) / 2 : a;
  const unit = m[3]!.toLowerCase();
  if (unit.startsWith('w')) return { weeks: value };
  if (unit.startsWith('mo')) return { weeks: Math.round((value * 52) / 12) };
  if (unit.startsWith('y')) return { weeks: Math.round(value * 52) };
  return { hours: value };
}

const QUOTED_RE = /["“]([^"“”]{3,}?)["”]/;
const YEAR_RE = /\((?:[^()]*?,\s*)?((?:19|20)\d{2})\)/;

/** The first quoted title in a line, if any. */
export function quotedTitle(text: string): string | null {
  const m = QUOTED_RE.exec(text);
  return m ? m[1]!.trim().replace(/[,.;:]$/, '') : null;
}

/** A year in parentheses: "(2015)", "(GPT-2, 2019)". */
export function parseYear(text: string): number | null {
  const m = YEAR_RE.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The paper a reading line names: the quoted title, else the words before
 * "paper", else the line without a leading "Read". Books and chapters are not papers.
 */
export function parsePaper(text: string): Paper | null {
  const year = parseYear(text);
  const quoted = quotedTitle(text);
  if (quoted) return { title: quoted, year };
  if (/\b(books?|chapters?|ch\.)\s*/i.test(text)) return null;
  const stripped = text.replace(/^read\s+(the\s+)?/i, '');
  const before = /^(.*?)\s*\bpapers?\b/i.exec(stripped);
  let title = (before ? before[1]! : stripped).replace(YEAR_RE, '').trim();
  title = title.replace(/[\s,:;–—-]+$/, '');
  if (title === '') return null;
  return { title, year };
}

const NOT_COUNTED_AFTER = /^(hours?|hrs?|minutes?|mins?|seconds?|days?|weeks?|months?|years?|times|percent|x)$/i;
const NOT_COUNTED_BEFORE = /\b(weeks?|months?|phases?|projects?|days?|chapters?|ch|parts?|steps?|lectures?|levels?|versions?|modules?|units?|lessons?|sections?|gpt|top|python|stage)\s*$/i;
const STOP_PLURALS = new Set(['is', 'was', 'has', 'its', 'this', 'as', 'us', 'does', 'plus', 'less', 'across', 'thus']);
const TARGET_RE = /(?<![\p{L}\p{N}.\/\-])(\d+)(?:\s*(?:-|–|—|to)\s*\d+)?\+?\s+((?:[\p{L}][\p{L}\p{N}'’\-]*\s+){0,3}?([\p{L}][\p{L}'’\-]*s))(?![\p{L}])/u;

function clauseAround(text: string, index: number): { from: number; end: number } {
  let from = 0;
  let end = text.length;
  const sentenceEnd = /[.;!?]\s+/g;
  for (let s = sentenceEnd.exec(text); s; s = sentenceEnd.exec(text)) {
    const stop = s.index + s[0].length;
    if (stop <= index) from = stop;
    else {
      end = s.index;
      break;
    }
  }
  return { from, end };
}

/**
 * "6 portfolio projects", "50+ Substack posts", "Solve 100–150 targeted problems"
 * → count (lower bound) and clause. The number must open its clause, follow a
 * "Label:" or a single verb: "under 30 lines" or "against 50 labels" is no target.
 */
export function parseTarget(text: string): Target | null {
  const re = new RegExp(TARGET_RE.source, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const count = Number(m[1]);
    const plural = m[3]!;
    const firstWord = m[2]!.trim().split(/\s+/)[0] ?? '';
    if (count < 2 || NOT_COUNTED_AFTER.test(firstWord) || STOP_PLURALS.has(plural.toLowerCase())) continue;
    if (/^(hours?|hrs?|minutes?|days?|weeks?|months?|years?)$/i.test(plural)) continue;
    const { from, end } = clauseAround(text, m.index);
    const lead = text.slice(from, m.index);
    if (!/^\s*$|^[^:]{1,40}:\s*$|^\s*[A-Z][a-z\-]+\s+$/.test(lead) || NOT_COUNTED_BEFORE.test(lead)) continue;
    const clause = text
      .slice(from, end)
      .trim()
      .replace(/[.;!?]+$/, '');
    return { count, text: clause };
  }
  return null;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const DAY_RES: ReadonlyArray<readonly [string, RegExp]> = [
  ['mon', /^mon(day)?$/],
  ['tue', /^tues?(day)?$/],
  ['wed', /^wed(s|nesday)?$/],
  ['thu', /^thu(rs?)?(day)?$/],
  ['fri', /^fri(day)?$/],
  ['sat', /^sat(urday)?$/],
  ['sun', /^sun(day)?$/],
  ['weekend', /^weekends?$/],
];

function oneDay(word: string): string | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  return DAY_RES.find(([, re]) => re.test(w))?.[0] ?? null;
}

/**
 * The days a rhythm row names: "Mon", "Monday", "Weekend", "Mon/Wed", "Mon–Fri",
 * "Weekdays", "Daily". Empty when the text is not a day.
 */
export function parseDays(text: string): string[] {
  const t = text.trim().toLowerCase().replace(/[:.]$/, '');
  if (/^(daily|every ?day)$/.test(t)) return [...DAY_NAMES];
  if (/^weekdays?$/.test(t)) return DAY_NAMES.slice(0, 5);
  const range = /^([a-z]+)\s*(?:-|–|—|to)\s*([a-z]+)$/.exec(t);
  if (range) {
    const a = oneDay(range[1]!);
    const b = oneDay(range[2]!);
    if (a && b && a !== 'weekend' && b !== 'weekend') {
      const i = DAY_NAMES.indexOf(a as (typeof DAY_NAMES)[number]);
      const j = DAY_NAMES.indexOf(b as (typeof DAY_NAMES)[number]);
      if (i <= j) return DAY_NAMES.slice(i, j + 1);
    }
  }
  const parts = t.split(/\s*(?:\/|,|&|\band\b|\+)\s*/).filter((p) => p !== '');
  const days = parts.map(oneDay);
  if (days.length === 0 || days.some((d) => d === null)) return [];
  return days as string[];
}
