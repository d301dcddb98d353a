import type { ItemKind } from '../roadmap/model.js';
import type { Status } from '../store/events.js';
import type { StoredItem } from '../store/items.js';
import { epochDay, type Day } from './dates.js';
import type { PlanTable } from '../plan/table.js';
import type { DerivedState, Tracking } from './state.js';

export interface SectionProgress {
  title: string;
  percent: number;
  done: number;
  total: number;
  hoursDone: number;
  hoursTotal: number;
}

export interface NextItem {
  number: number;
  text: string;
  kind: ItemKind;
  status: 'todo' | 'doing';
}

export interface ProgressData {
  roadmap: string;
  name: string;
  percent: number;
  items: { done: number; doing: number; skipped: number; todo: number; total: number };
  hours: { done: number; total: number; logged: number };
  sessions: number;
  /** Items outside the totals: optional parts not opted into, parts the plan leaves out. */
  outside: number;
  sections: SectionProgress[];
  streak: { current: number; best: number; studiedToday: boolean };
  next: NextItem[];
}

export interface ProgressInput {
  name: string;
  title: string;
  /** The plan: only the items it covers count (optional parts opted in, earlier parts left out by --from). */
  table: PlanTable;
  /** Each row's status (statusesByRow). */
  rowStatus: readonly Status[];
  tracking: Tracking;
  chain: { current: number; best: number };
  today: Day;
  /** What to do next (loadNext). */
  next: NextItem[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const percentOf = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : 0);

/** Effort of an item: the learner's estimate when given, else the roadmap's. */
export function effortOf(item: Pick<StoredItem, 'id' | 'effortHours'>, state: DerivedState): number {
  return state.items.get(item.id)?.estimateHours ?? item.effortHours;
}

export function statusOf(item: Pick<StoredItem, 'id'>, state: DerivedState): Status {
  return state.items.get(item.id)?.status ?? 'todo';
}

/**
 * What to do next is the items in progress, then the items to do, each in
 * document order, at most `count`: called once with each status, this adds
 * to `next` the items of `items` (in the plan, in order) with `status`,
 * until the list holds `count`. It reads no more of `items` than it needs,
 * so `next` can hand it rows as they are read.
 */
export function takeNext<T extends Pick<StoredItem, 'id' | 'number' | 'text' | 'kind'>>(
  next: NextItem[],
  items: Iterable<T>,
  status: NextItem['status'],
  statusOf: (item: T) => Status,
  count: number,
): void {
  if (next.length >= count) return;
  for (const item of items) {
    if (statusOf(item) !== status) continue;
    next.push({ number: item.number, text: item.text, kind: item.kind, status });
    if (next.length >= count) return;
  }
}

/**
 * The headline percentage alone, as computeProgress counts it (effort done
 * of the effort planned, skipped items outside it): what `roadmaps` lists
 * for each roadmap, without the chain, the sections or the forecast.
 */
export function percentDone(t: PlanTable, rowStatus: readonly Status[]): number {
  let hoursDone = 0;
  let hoursTotal = 0;
  for (let row = 0; row < t.id.length; row++) {
    const status = rowStatus[row]!;
    if (status === 'skipped') continue;
    hoursTotal += t.effort[row]!;
    if (status === 'done') hoursDone += t.effort[row]!;
  }
  return percentOf(hoursDone, hoursTotal);
}

/**
 * The headline numbers. Percent counts effort; skipped items leave the total;
 * optional parts the learner has not opted into are outside it.
 */
export function computeProgress(input: ProgressInput): ProgressData {
  const { table: t, tracking } = input;
  const counts = { done: 0, doing: 0, skipped: 0, todo: 0, total: t.id.length };
  let hoursDone = 0;
  let hoursTotal = 0;
  const groups = t.groups.map(() => ({ done: 0, total: 0, hDone: 0, hTotal: 0 }));
  for (let row = 0; row < t.id.length; row++) {
    const status = input.rowStatus[row]!;
    if (status === 'skipped') {
      counts.skipped++;
      continue;
    }
    if (status === 'doing') counts.doing++;
    else if (status === 'todo') counts.todo++;
    const effort = t.effort[row]!;
    const g = groups[t.group[row]!]!;
    hoursTotal += effort;
    g.total++;
    g.hTotal += effort;
    if (status === 'done') {
      counts.done++;
      hoursDone += effort;
      g.done++;
      g.hDone += effort;
    }
  }
  const sections = t.groups.map((title, i) => {
    const g = groups[i]!;
    return { title, percent: percentOf(g.hDone, g.hTotal), done: g.done, total: g.total, hoursDone: round1(g.hDone), hoursTotal: round1(g.hTotal) };
  });
  const { days } = tracking;
  return {
    roadmap: input.title,
    name: input.name,
    percent: percentOf(hoursDone, hoursTotal),
    items: counts,
    hours: { done: round1(hoursDone), total: round1(hoursTotal), logged: round1(days.totalMinutes / 60) },
    sessions: days.sessionCount,
    outside: t.itemCount - t.id.length,
    sections,
    streak: { current: input.chain.current, best: input.chain.best, studiedToday: days.studyDays.has(epochDay(input.today)) },
    next: input.next,
  };
}
