import { addDays, daysBetween, type Day } from '../core/dates.js';
import { UsageError } from '../errors.js';
import type { Roadmap, Section } from '../roadmap/model.js';
import type { PlanItem, StoredItem } from '../store/items.js';
import type { PlanSettings } from '../store/plans.js';
import { rhythmDays, type Weekday } from './days.js';

export type RoadmapMeta = Omit<Roadmap, 'items'>;

export interface PlannedItem {
  id: number;
  number: number;
  startWeek: number;
  endWeek: number;
  start: Day;
  end: Day;
}

export interface PlanWeek {
  week: number;
  start: Day;
  end: Day;
  /** Item numbers planned (at least partly) in this week. */
  items: number[];
  /** Hours the plan asks for this week: more in project phases when the roadmap says so. */
  targetHours: number;
}

export interface PlannedMilestone {
  week: number;
  date: Day;
  text: string;
  /** Items planned since the previous milestone: what this one waits on. */
  waitsOn: number[];
}

export interface Plan {
  start: Day;
  /** The learner's hours per week. */
  hoursPerWeek: number;
  /** Hours per week the schedule needs: the learner's, or what `--weeks N` takes. */
  requiredHoursPerWeek: number;
  /** The pace the roadmap's own weeks assume. */
  roadmapHoursPerWeek: number;
  /** Study days; empty means every day. */
  days: Weekday[];
  restDays: number;
  totalWeeks: number;
  finish: Day;
  sections: { title: string; start: Day; end: Day }[];
  weeks: PlanWeek[];
  /** By item id: only items in scope are planned. */
  items: Map<number, PlannedItem>;
  /** Item ids left out by `--from`: shown as skipped, outside the totals. */
  excluded: Set<number>;
  /** Optional item ids the learner opted into with `--include`. */
  included: Set<number>;
  milestones: PlannedMilestone[];
  warnings: string[];
}

export const DEFAULT_HOURS_PER_WEEK = 5;
export const DEFAULT_REST_DAYS = 2;
/** Kinds that close a block: planned at its end, not spread through it. */
const CLOSING = new Set(['checkpoint', 'milestone', 'deliverable']);

const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;

/** Does the item sit under a section whose title is `title`? */
export function underSection(item: Pick<StoredItem, 'section'>, title: string): boolean {
  return item.section.includes(title);
}

/** All section titles in document order, depth first. */
export function sectionTitles(sections: readonly Section[]): string[] {
  return sections.flatMap((s) => [s.title, ...sectionTitles(s.sections)]);
}

/**
 * The pace the roadmap's weeks assume: its stated hours per week, else the
 * hours of its weekly rhythm, else a default. (Efforts from per-kind
 * defaults say nothing about pace, so they are not used to guess one.)
 */
export function roadmapPace(meta: RoadmapMeta): number {
  if (meta.hoursPerWeek) return mid(meta.hoursPerWeek);
  const rhythm = meta.rhythm.reduce((sum, r) => sum + (r.hours ?? 0), 0);
  return rhythm > 0 ? rhythm : DEFAULT_HOURS_PER_WEEK;
}

/**
 * Where each item sits on a line of "roadmap hours" (hours of work at the
 * roadmap's own pace), by its index in the items laid out: [from[i], to[i]).
 * `order` is the items' indices in the order of their positions (the
 * roadmap's order), which the schedule walks.
 */
interface Layout {
  from: Float64Array;
  to: Float64Array;
  order: Int32Array;
}

/**
 * Places items on a line of roadmap hours. Dated items fill their weeks
 * (week w spans (w-1)·P to w·P), spread by effort within their block, with
 * checkpoints and deliverables at the block's end; undated items follow in
 * document order, each taking its effort. Indexed loops and typed arrays,
 * not an object per item: this runs once per command, mostly in V8's
 * interpreter, over every item (docs/performance.md, "The plan made again").
 */
function layOut(items: readonly PlanItem[], effort: Float64Array, pace: number): Layout {
  const n = items.length;
  const from = new Float64Array(n);
  const to = new Float64Array(n);
  // A block: the dated items of one week range and one section, in the order blocks first appear.
  const blocks: number[][] = [];
  const blockOf = new Map<string, number[]>();
  const pathKey = new Map<readonly string[], string>(); // a section's path joined, once per path (items share them)
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (!item.weeks) continue;
    let path = pathKey.get(item.section);
    if (path === undefined) pathKey.set(item.section, (path = item.section.join('\u0000')));
    const k = `${item.weeks.start}-${item.weeks.end}-${path}`;
    const block = blockOf.get(k);
    if (block) block.push(i);
    else {
      const members = [i];
      blockOf.set(k, members);
      blocks.push(members);
    }
  }
  // The order items are placed in: positions decide, and this order among equal ones.
  const placed: number[] = [];
  let end = 0;
  for (const members of blocks) {
    const { start, end: last } = items[members[0]!]!.weeks!;
    const a = (start - 1) * pace;
    const b = last * pace;
    let total = 0;
    for (const i of members) if (!CLOSING.has(items[i]!.kind)) total += effort[i]!;
    total ||= 1;
    let cursor = a;
    for (const i of members) {
      if (CLOSING.has(items[i]!.kind)) continue;
      const length = (effort[i]! / total) * (b - a);
      from[i] = cursor;
      to[i] = cursor + length;
      cursor += length;
      placed.push(i);
    }
    for (const i of members) {
      if (!CLOSING.has(items[i]!.kind)) continue;
      from[i] = Math.max(a, b - Math.max(effort[i]!, 0.01));
      to[i] = b;
      placed.push(i);
    }
  }
  for (const i of placed) if (to[i]! > end) end = to[i]!;
  let cursor = end;
  for (let i = 0; i < n; i++) {
    if (items[i]!.weeks) continue;
    const length = Math.max(effort[i]!, 0.01);
    from[i] = cursor;
    to[i] = cursor + length;
    cursor += length;
    placed.push(i);
  }
  return { from, to, order: Int32Array.from(inPositionOrder(items, placed)) };
}

/** `placed` sorted by the items' positions, keeping its order among equal ones; items in document order need no sort. */
function inPositionOrder(items: readonly PlanItem[], placed: number[]): number[] {
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) sorted = items[i - 1]!.position < items[i]!.position;
  if (sorted) return Array.from(placed.keys());
  return placed.sort((x, y) => items[x]!.position - items[y]!.position);
}

function resolveSection(titles: readonly string[], wanted: string, what: string): string {
  const exact = titles.find((t) => t === wanted);
  if (exact) return exact;
  const needle = wanted.toLowerCase();
  const hit = titles.find((t) => t.toLowerCase().includes(needle));
  if (!hit) throw new UsageError(`No section matches "${wanted}" for ${what}; \`ai-learn show\` lists the sections.`);
  return hit;
}

/** Which items the learner's plan covers, as far as it can be told without the items (see planScope). */
export interface PlanScope {
  /** The section `--from` names, if any. */
  from: string | null;
  /** Is this an optional item the learner opted into with `--include`? */
  optedInto(item: Pick<StoredItem, 'optional' | 'section'>): boolean;
}

/**
 * The sections named by `--include` (whose optional items the plan takes
 * in) and by `--from` (whose first item it starts at, leaving out everything
 * before), each resolved against the roadmap's section titles. Throws when a
 * name matches no section.
 */
export function planScope(meta: Pick<RoadmapMeta, 'sections'>, settings: Pick<PlanSettings, 'include' | 'fromSection'>): PlanScope {
  const titles = sectionTitles(meta.sections);
  const includedTitles = settings.include.map((t) => resolveSection(titles, t, '--include'));
  return {
    from: settings.fromSection ? resolveSection(titles, settings.fromSection, '--from') : null,
    optedInto: (item) => item.optional && includedTitles.some((t) => underSection(item, t)),
  };
}

/** A `--from` section under which no item stands. */
export function noItemsFrom(title: string): UsageError {
  return new UsageError(`The section "${title}" has no items to start from.`);
}

/** What a plan is that needs no items: its first day, its study days and its rest days a month. */
export type PlanFrame = Pick<Plan, 'start' | 'days' | 'restDays'>;

/** The frame of the plan `schedule` would make: the chain of study days needs only this. */
export function planFrame(meta: Pick<RoadmapMeta, 'rhythm'>, settings: PlanSettings, defaultStart: Day): PlanFrame {
  return {
    start: settings.startOn ?? defaultStart,
    days: settings.days ? rhythmDays(settings.days) : rhythmDays(meta.rhythm.map((r) => r.day)),
    restDays: settings.restDays ?? DEFAULT_REST_DAYS,
  };
}

export interface ScheduleInput {
  meta: RoadmapMeta;
  /** Items of the roadmap (not removed), in document order. */
  items: readonly PlanItem[];
  settings: PlanSettings;
  /** Start when the learner has not set one: the day the roadmap was imported. */
  defaultStart: Day;
  /** The effort to plan with: the learner's estimate where given. */
  effortOf?: (item: PlanItem) => number;
}

/**
 * Turns a roadmap and the learner's settings into a dated plan. Where the
 * roadmap gives weeks, they stretch or shrink with the learner's hours
 * against the roadmap's own; elsewhere effort and hours decide. Pure.
 */
export function schedule(input: ScheduleInput): Plan {
  const { meta, settings } = input;
  const effortOf = input.effortOf ?? ((i: PlanItem) => i.effortHours);
  const warnings: string[] = [];
  const all = input.items;

  const scope = planScope(meta, settings);
  const included = new Set<number>();
  for (const i of all) if (scope.optedInto(i)) included.add(i.id);
  const excluded = new Set<number>();
  const { from } = scope;
  if (from !== null) {
    const first = all.find((i) => underSection(i, from));
    if (!first) throw noItemsFrom(from);
    for (const i of all) if (i.position < first.position) excluded.add(i.id);
  }
  const planned: PlanItem[] = [];
  for (const i of all) if (!excluded.has(i.id) && (!i.optional || included.has(i.id))) planned.push(i);
  const n = planned.length;
  // Each item's effort, asked once: the caller's effortOf looks up the learner's estimates.
  const effort = new Float64Array(n);
  for (let i = 0; i < n; i++) effort[i] = effortOf(planned[i]!);

  const pace = roadmapPace(meta);
  const hoursPerWeek = settings.hoursPerWeek ?? pace;
  const { from: at, to, order } = layOut(planned, effort, pace);
  let offset = Infinity;
  for (let i = 0; i < n; i++) if (at[i]! < offset) offset = at[i]!;
  if (Number.isFinite(offset) && offset > 0) {
    for (let i = 0; i < n; i++) {
      at[i] = at[i]! - offset;
      to[i] = to[i]! - offset;
    }
  }
  let totalRoadmapHours = 0;
  for (let i = 0; i < n; i++) if (to[i]! > totalRoadmapHours) totalRoadmapHours = to[i]!;

  let required = hoursPerWeek;
  // With nothing planned there is nothing to finish sooner: the pace stays the learner's (0/weeks would make every week NaN).
  if (settings.targetWeeks && totalRoadmapHours > 0) {
    required = totalRoadmapHours / settings.targetWeeks;
    if (required > hoursPerWeek + 1e-9) {
      warnings.push(
        `Finishing in ${settings.targetWeeks} weeks takes ${round1(required)} hours/week, more than the ${round1(hoursPerWeek)} you planned.`,
      );
    }
  }
  // Plan weeks per roadmap hour.
  const weekOf = (roadmapHours: number) => Math.max(1, Math.ceil(roadmapHours / required - 1e-9));
  const { start, days, restDays } = planFrame(meta, settings, input.defaultStart);
  const starts: Day[] = []; // each week's first day, worked out once: 10,000 items ask for a few hundred
  const weekStart = (w: number) => (starts[w] ??= addDays(start, 7 * (w - 1)));
  const ends: Day[] = [];
  const weekEnd = (w: number) => (ends[w] ??= addDays(weekStart(w), 6));
  const totalWeeks = Math.max(1, weekOf(totalRoadmapHours));

  const items = new Map<number, PlannedItem>();
  const byWeek: number[][] = [];
  const endWeeks = new Int32Array(n);
  // In the roadmap's order: each week lists its items so.
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const item = planned[i]!;
    const startWeek = Math.min(totalWeeks, Math.floor(at[i]! / required + 1e-9) + 1);
    const endWeek = Math.max(startWeek, weekOf(to[i]!));
    endWeeks[i] = endWeek;
    items.set(item.id, { id: item.id, number: item.number, startWeek, endWeek, start: weekStart(startWeek), end: weekEnd(endWeek) });
    for (let w = startWeek; w <= endWeek; w++) (byWeek[w] ??= []).push(item.number);
  }

  // Weeks holding project work get the roadmap's project pace, in proportion.
  const projectFactor = meta.projectHoursPerWeek ? mid(meta.projectHoursPerWeek) / pace : 1;
  const projectWeeks = new Set<number>();
  if (projectFactor > 1) {
    for (const item of planned) {
      if (item.kind !== 'project') continue;
      const p = items.get(item.id)!;
      for (let w = p.startWeek; w <= p.endWeek; w++) projectWeeks.add(w);
    }
  }
  const weeks: PlanWeek[] = [];
  for (let w = 1; w <= totalWeeks; w++) {
    const target = required * (projectWeeks.has(w) ? projectFactor : 1);
    weeks.push({ week: w, start: weekStart(w), end: weekEnd(w), items: byWeek[w] ?? [], targetHours: round1(target) });
  }

  // Each top-level section's span, in the order the sections first appear.
  const sectionByTitle = new Map<string, Plan['sections'][number]>();
  for (const item of planned) {
    const title = item.section[0] ?? '(no section)';
    const p = items.get(item.id)!;
    const s = sectionByTitle.get(title);
    if (!s) sectionByTitle.set(title, { title, start: p.start, end: p.end });
    else {
      if (p.start < s.start) s.start = p.start;
      if (p.end > s.end) s.end = p.end;
    }
  }
  const sections = [...sectionByTitle.values()];

  const milestones: PlannedMilestone[] = [];
  let previousWeek = 0;
  for (const m of [...meta.milestones].filter((m) => m.week !== null).sort((a, b) => a.week! - b.week!)) {
    const due = m.week! * pace - offset;
    if (due <= 0) continue;
    const week = Math.min(totalWeeks, weekOf(due));
    const waitsOn: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (to[i]! <= due + 1e-9 && endWeeks[i]! > previousWeek) waitsOn.push(planned[i]!.number);
    }
    milestones.push({ week, date: weekEnd(week), text: m.text, waitsOn });
    previousWeek = week;
  }

  return {
    start,
    hoursPerWeek: round1(hoursPerWeek),
    requiredHoursPerWeek: round1(required),
    roadmapHoursPerWeek: round1(pace),
    days,
    restDays,
    totalWeeks,
    finish: weekEnd(totalWeeks),
    sections,
    weeks,
    items,
    excluded,
    included,
    milestones,
    warnings,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The plan week a day falls in (1-based; 0 or less before the start). */
export function planWeekOf(plan: Pick<Plan, 'start'>, day: Day): number {
  return Math.floor(daysBetween(plan.start, day) / 7) + 1;
}
