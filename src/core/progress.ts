import type { ItemKind } from '../roadmap/model.js';
import type { Status } from '../store/events.js';
import type { StoredItem } from '../store/items.js';
import { epochDay, type Day } from './dates.js';
import type { DerivedState } from './state.js';
import { pushTo } from './collections.js';

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
  items: readonly StoredItem[];
  state: DerivedState;
  /** Whether an item counts: in the plan (optional parts opted in, earlier parts left out by --from). */
  inScope: (item: StoredItem) => boolean;
  chain: { current: number; best: number };
  today: Day;
  nextCount?: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const percentOf = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : 0);

/** Effort of an item: the learner's estimate when given, else the roadmap's. */
export function effortOf(item: StoredItem, state: DerivedState): number {
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
 * Groups items for the per-section bars: by top-level section, except that a
 * section holding most of the roadmap is split into its parts, so a roadmap
 * with one big "Roadmap" heading still shows useful bars.
 */
function sectionGroups(items: readonly StoredItem[]): Map<string, StoredItem[]> {
  const byTop = new Map<string, StoredItem[]>();
  for (const item of items) {
    const title = item.section[0] ?? '(no section)';
    pushTo(byTop, title, item);
  }
  const groups = new Map<string, StoredItem[]>();
  for (const [title, members] of byTop) {
    const children = new Set(members.map((i) => i.section[1]).filter((t) => t !== undefined));
    if (members.length * 2 >= items.length && children.size >= 3) {
      for (const item of members) {
        const child = item.section[1] ?? title;
        pushTo(groups, child, item);
      }
    } else {
      groups.set(title, members);
    }
  }
  return groups;
}

/**
 * The headline numbers. Percent counts effort; skipped items leave the total;
 * optional parts the learner has not opted into are outside it.
 */
export function computeProgress(input: ProgressInput): ProgressData {
  const { items, state } = input;
  const inScope = items.filter(input.inScope);
  const counts = { done: 0, doing: 0, skipped: 0, todo: 0, total: inScope.length };
  let hoursDone = 0;
  let hoursTotal = 0;
  for (const item of inScope) {
    const status = statusOf(item, state);
    counts[status]++;
    if (status === 'skipped') continue;
    const effort = effortOf(item, state);
    hoursTotal += effort;
    if (status === 'done') hoursDone += effort;
  }
  const sections: SectionProgress[] = [];
  for (const [title, members] of sectionGroups(inScope)) {
    let done = 0;
    let total = 0;
    let hDone = 0;
    let hTotal = 0;
    for (const item of members) {
      const status = statusOf(item, state);
      if (status === 'skipped') continue;
      const effort = effortOf(item, state);
      total++;
      hTotal += effort;
      if (status === 'done') {
        done++;
        hDone += effort;
      }
    }
    sections.push({ title, percent: percentOf(hDone, hTotal), done, total, hoursDone: round1(hDone), hoursTotal: round1(hTotal) });
  }
  const next: NextItem[] = [];
  const count = input.nextCount ?? 3;
  takeNext(next, inScope, 'doing', (i) => statusOf(i, state), count);
  takeNext(next, inScope, 'todo', (i) => statusOf(i, state), count);
  const studiedToday = state.studyDays.has(epochDay(input.today));
  const logged = state.totalMinutes / 60;
  return {
    roadmap: input.title,
    name: input.name,
    percent: percentOf(hoursDone, hoursTotal),
    items: counts,
    hours: { done: round1(hoursDone), total: round1(hoursTotal), logged: round1(logged) },
    sessions: state.sessionCount,
    outside: items.length - inScope.length,
    sections,
    streak: { current: input.chain.current, best: input.chain.best, studiedToday },
    next,
  };
}
