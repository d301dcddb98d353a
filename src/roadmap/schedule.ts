/**
 * Schedules written as lists ("Months 0–2: Phase 0–1.", "Months 13+: Phase 6 …
 * Interview prep in parallel."): they give week ranges to sections named
 * elsewhere in the document.
 */
import type { WeekRange } from './model.js';
import { normalizeText } from './keys.js';
import { monthWeeks, parseSpan, type TimeSpan } from './recognize.js';

export interface ScheduleRef {
  /** Phase numbers named ("Phase 0–1" → [0, 1]), or empty when a title is named. */
  phases: number[];
  /** Normalized words of a named section when no phase number is given. */
  title: string | null;
  /** "in parallel": the section runs alongside instead of taking a share. */
  parallel: boolean;
}

export interface ScheduleEntry {
  span: TimeSpan;
  refs: ScheduleRef[];
  line: number;
}

const ENTRY_RE = /^((?:months?|weeks?)\s+\d+(?:\s*(?:-|–|—|to)\s*\d+)?\+?)\s*[:—–]\s*(.+)$/i;
const PHASE_RE = /\b(?:phases?|stages?)\s+(\d+)(?:\s*(?:-|–|—|to)\s*(\d+))?/i;
const PARALLEL_RE = /\b(in parallel|throughout|alongside|ongoing)\b/i;

/** Reads "Months 3–4: Phase 2 + first project." into a span and the sections it names. */
export function parseScheduleEntry(text: string, line: number): ScheduleEntry | null {
  const m = ENTRY_RE.exec(text.trim());
  if (!m) return null;
  const span = parseSpan(m[1]!);
  if (!span) return null;
  const refs: ScheduleRef[] = [];
  for (const clause of m[2]!.split(/[.;,+&]|\band\b|\bthen\b/i)) {
    const parallel = PARALLEL_RE.test(clause);
    const phase = PHASE_RE.exec(clause);
    if (phase) {
      const a = Number(phase[1]);
      const b = phase[2] !== undefined ? Number(phase[2]) : a;
      const phases: number[] = [];
      for (let n = a; n <= b && phases.length < 20; n += 1) phases.push(n);
      refs.push({ phases, title: null, parallel });
      continue;
    }
    const title = normalizeText(clause.replace(PARALLEL_RE, ' '));
    if (title !== '') refs.push({ phases: [], title, parallel });
  }
  return { span, refs, line };
}

/** Plan weeks of each entry; an open-ended "13+" lasts as long as the entry before it. */
export function entryWeeks(entries: readonly ScheduleEntry[]): WeekRange[] {
  const out: WeekRange[] = [];
  entries.forEach((entry, i) => {
    const { span } = entry;
    const prev = out[i - 1];
    const fallback = prev ? prev.end - prev.start + 1 : span.unit === 'month' ? 4 : 1;
    const first = span.unit === 'month' ? monthWeeks(span.start, span.start).start : Math.max(1, span.start);
    if (span.end === null || span.openEnded) {
      out.push({ start: first, end: first + fallback - 1 });
    } else if (span.unit === 'month') {
      out.push(monthWeeks(span.start, span.end));
    } else {
      out.push({ start: first, end: Math.max(first, span.end) });
    }
  });
  return out;
}

/**
 * Splits a range among sections in order, proportional to their weights,
 * each getting at least one week.
 */
export function splitWeeks(range: WeekRange, weights: readonly number[]): WeekRange[] {
  const total = range.end - range.start + 1;
  const w = weights.map((x) => Math.max(1, x));
  const sum = w.reduce((a, b) => a + b, 0);
  const quotas = w.map((x) => (total * x) / sum);
  const counts = quotas.map((q) => Math.max(1, Math.floor(q)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left -= 1) counts[order[k]!.i]! += 1;
  while (left < 0) {
    const biggest = counts.indexOf(Math.max(...counts));
    if (counts[biggest]! <= 1) break;
    counts[biggest]! -= 1;
    left += 1;
  }
  const out: WeekRange[] = [];
  let start = range.start;
  for (const n of counts) {
    out.push({ start, end: start + n - 1 });
    start += n;
  }
  return out;
}
