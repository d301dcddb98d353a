import { compareDays, type Day } from '../core/dates.js';
import { pushTo } from '../core/collections.js';
import type { Status } from '../store/events.js';
import type { PlanItem } from '../store/items.js';
import type { Plan, PlanWeek } from './schedule.js';

/** A plan week without its items: weekRows and weekItems find them in the table. */
export type WeekOutline = Omit<PlanWeek, 'items'>;

/** A plan without its items: its dates, weeks, pace and warnings (its milestones are the table's markers). */
export type PlanOutline = Omit<Plan, 'items' | 'excluded' | 'included' | 'weeks' | 'milestones'> & { weeks: WeekOutline[] };

/**
 * A milestone or a checkpoint, and the planned items it waits on: a row of
 * the roadmap's milestone table (waiting on the items planned since the
 * previous one), or an item (waiting on the rest of its section).
 */
export interface Marker {
  kind: 'milestone' | 'checkpoint';
  /** The item's row in the table, or null for a row of the milestone table. */
  row: number | null;
  text: string;
  week: number;
  date: Day;
  /** The rows it waits on, as [from, to) pairs: they run in document order. */
  before: number[];
}

/**
 * What `progress`, `today`, `milestones` and `roadmaps` need of a dated plan,
 * in a form that is cheap to store and read back: the planned items as
 * typed arrays of numbers, one row per item in document order, instead of an
 * object per item (stored as bytes, they are read back without parsing, and
 * the garbage collector never copies them). It depends on the roadmap, its
 * items, the learner's plan settings and estimates, never on statuses or
 * sessions, so it is kept (src/store/plan-views.ts) until one of those
 * changes: at 10,000 items a read after a session or a status change then
 * needs neither the items nor a schedule of them.
 */
export interface PlanTable {
  plan: PlanOutline;
  /** The roadmap's live items, planned or not. */
  itemCount: number;
  id: Int32Array;
  number: Int32Array;
  /** Hours: the learner's estimate where given, else the roadmap's. */
  effort: Float64Array;
  startWeek: Int32Array;
  endWeek: Int32Array;
  /** Index into `groups`: the bar of `progress` each row counts in. */
  group: Int32Array;
  groups: string[];
  /** In date order, then by item number (milestone table rows first). */
  markers: Marker[];
}

const isLabel = (title: string) => /milestone|checkpoint|deliverable/i.test(title);

/** The part of the roadmap an item marker closes: its section, without a trailing label such as "Milestones". */
function scopeOf(item: PlanItem): string[] {
  const path = [...item.section];
  while (path.length > 0 && isLabel(path.at(-1)!)) path.pop();
  return path;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((t, i) => path[i] === t);

/** Rows in ascending order, as [from, to) pairs. */
function runsOf(rows: ArrayLike<number>): number[] {
  const runs: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (runs.length > 0 && runs[runs.length - 1] === row) runs[runs.length - 1] = row + 1;
    else runs.push(row, row + 1);
  }
  return runs;
}

/**
 * The rows of `planned` under each section path (a path is shared by every
 * item of its section: the item loaders parse each once), in document order: a
 * checkpoint finds the rows of its part of the roadmap among a few hundred
 * paths instead of testing each of 10,000 rows (docs/performance.md).
 */
function rowsByPath(planned: readonly PlanItem[]): Map<readonly string[], number[]> {
  const byPath = new Map<readonly string[], number[]>();
  for (let row = 0; row < planned.length; row++) pushTo(byPath, planned[row]!.section, row);
  return byPath;
}

/** The rows a checkpoint or milestone item waits on: the rest of its part of the roadmap, other than items of its own kind. */
function closedBy(planned: readonly PlanItem[], byPath: Map<readonly string[], number[]>, row: number): number[] {
  const item = planned[row]!;
  const scope = scopeOf(item);
  const rows: number[] = [];
  for (const [path, members] of byPath) {
    if (!startsWith(path, scope)) continue;
    for (const r of members) if (planned[r]!.kind !== item.kind) rows.push(r);
  }
  return runsOf(Int32Array.from(rows).sort());
}

/**
 * Each row's bar in `progress`: rows are grouped by top-level section,
 * except that a section holding most of the roadmap is split into its parts,
 * so a roadmap with one big "Roadmap" heading still shows useful bars. A
 * part and a section of the same title share one bar. Bars are numbered in
 * the order they first appear.
 */
function sectionGroups(planned: readonly PlanItem[]): { group: Int32Array; groups: string[] } {
  const byTop = new Map<string, number[]>();
  for (let row = 0; row < planned.length; row++) pushTo(byTop, planned[row]!.section[0] ?? '(no section)', row);
  const group = new Int32Array(planned.length);
  const groups: string[] = [];
  const index = new Map<string, number>();
  const groupOf = (title: string) => {
    let g = index.get(title);
    if (g === undefined) {
      g = groups.push(title) - 1;
      index.set(title, g);
    }
    return g;
  };
  for (const [title, rows] of byTop) {
    const children = new Set<string>();
    for (const row of rows) {
      const child = planned[row]!.section[1];
      if (child !== undefined) children.add(child);
    }
    const split = rows.length * 2 >= planned.length && children.size >= 3;
    for (const row of rows) group[row] = groupOf(split ? (planned[row]!.section[1] ?? title) : title);
  }
  return { group, groups };
}

/** The table of a plan made by `schedule` from `items` (the roadmap's live items, in document order). */
export function planTableOf(plan: Plan, items: readonly PlanItem[], effortOf: (item: PlanItem) => number): PlanTable {
  const planned: PlanItem[] = [];
  for (const item of items) if (plan.items.has(item.id)) planned.push(item);
  const { group, groups } = sectionGroups(planned);
  const { items: _items, excluded: _excluded, included: _included, weeks, milestones, ...outline } = plan;
  const n = planned.length;
  const table: PlanTable = {
    plan: { ...outline, weeks: weeks.map(({ items: _weekItems, ...week }) => week) },
    itemCount: items.length,
    id: new Int32Array(n),
    number: new Int32Array(n),
    effort: new Float64Array(n),
    startWeek: new Int32Array(n),
    endWeek: new Int32Array(n),
    group,
    groups,
    markers: [],
  };
  const markers: (Marker & { number: number })[] = [];
  for (const m of milestones) {
    const waitsOn = new Set(m.waitsOn);
    const rows: number[] = [];
    for (let row = 0; row < n; row++) if (waitsOn.has(planned[row]!.number)) rows.push(row);
    markers.push({ kind: 'milestone', row: null, text: m.text, week: m.week, date: m.date, before: runsOf(rows), number: 0 });
  }
  const byPath = rowsByPath(planned);
  for (let row = 0; row < n; row++) {
    const item = planned[row]!;
    const p = plan.items.get(item.id)!;
    table.id[row] = item.id;
    table.number[row] = item.number;
    table.effort[row] = effortOf(item);
    table.startWeek[row] = p.startWeek;
    table.endWeek[row] = p.endWeek;
    if (item.kind !== 'milestone' && item.kind !== 'checkpoint') continue;
    markers.push({ kind: item.kind, row, text: item.text ?? '', week: p.endWeek, date: p.end, before: closedBy(planned, byPath, row), number: item.number });
  }
  // A stable sort: rows of the milestone table keep their order among themselves, before items of the same day.
  markers.sort((a, b) => compareDays(a.date, b.date) || a.number - b.number);
  table.markers = markers.map(({ number: _number, ...marker }) => marker);
  return table;
}

/** Each planned item's status, by row: looked up once, for every pass over the rows. */
export function statusesByRow(t: PlanTable, status: ReadonlyMap<number, Status>): Status[] {
  // A loop, not Array.from with a function: these passes run once per command, in V8's interpreter, where each call costs.
  const rows: Status[] = [];
  for (let row = 0; row < t.id.length; row++) rows.push(status.get(t.id[row]!) ?? 'todo');
  return rows;
}

/** Each plan week's items (their numbers, in document order), in one pass over the rows. */
export function weekItems(t: PlanTable): number[][] {
  const weeks = t.plan.weeks.map((): number[] => []);
  for (let row = 0; row < t.id.length; row++) for (let w = t.startWeek[row]!; w <= t.endWeek[row]!; w++) weeks[w - 1]?.push(t.number[row]!);
  return weeks;
}

/** The rows planned (at least partly) in week `w`, in document order. */
export function weekRows(t: PlanTable, w: number): number[] {
  const rows: number[] = [];
  for (let row = 0; row < t.id.length; row++) if (t.startWeek[row]! <= w && w <= t.endWeek[row]!) rows.push(row);
  return rows;
}
