import { compareDays, type Day } from '../core/dates.js';
import type { Status } from '../store/events.js';
import type { StoredItem } from '../store/items.js';
import type { Plan } from './schedule.js';

export interface Waiting {
  number: number;
  text: string;
}

export interface MarkerView {
  text: string;
  /** The item number when the marker is itself an item. */
  number: number | null;
  week: number;
  date: Day;
  status: 'done' | 'overdue' | 'upcoming';
  /** Items not yet done that it waits on. */
  waitsOn: Waiting[];
  total: number;
}

type StatusOf = (item: StoredItem) => Status;

const finished = (s: Status) => s === 'done' || s === 'skipped';
const isLabel = (title: string) => /milestone|checkpoint|deliverable/i.test(title);

/** The part of the roadmap an item marker closes: its section, without a trailing label such as "Milestones". */
function scopeOf(item: StoredItem): string[] {
  const path = [...item.section];
  while (path.length > 0 && isLabel(path.at(-1)!)) path.pop();
  return path;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((t, i) => path[i] === t);

function markerFromItem(item: StoredItem, plan: Plan, items: readonly StoredItem[], statusOf: StatusOf, today: Day): MarkerView {
  const p = plan.items.get(item.id)!;
  const scope = scopeOf(item);
  const before = items.filter((i) => i.id !== item.id && i.kind !== item.kind && plan.items.has(i.id) && startsWith(i.section, scope));
  const waiting = before.filter((i) => !finished(statusOf(i)));
  const done = finished(statusOf(item));
  return {
    text: item.text,
    number: item.number,
    week: p.endWeek,
    date: p.end,
    status: done ? 'done' : p.end < today ? 'overdue' : 'upcoming',
    waitsOn: waiting.map((i) => ({ number: i.number, text: i.text })),
    total: before.length,
  };
}

/**
 * Milestones in date order: the rows of a milestone table, dated by the
 * plan, each waiting on the items planned since the previous one; and
 * milestone items, each waiting on the rest of its section.
 */
export function milestoneViews(plan: Plan, items: readonly StoredItem[], statusOf: StatusOf, today: Day): MarkerView[] {
  const byNumber = new Map(items.map((i) => [i.number, i]));
  const rows: MarkerView[] = plan.milestones.map((m) => {
    const before = m.waitsOn.map((n) => byNumber.get(n)).filter((i): i is StoredItem => i !== undefined);
    const waiting = before.filter((i) => !finished(statusOf(i)));
    const status = waiting.length === 0 ? 'done' : m.date < today ? 'overdue' : 'upcoming';
    return { text: m.text, number: null, week: m.week, date: m.date, status, waitsOn: waiting.map((i) => ({ number: i.number, text: i.text })), total: before.length };
  });
  const fromItems = items
    .filter((i) => i.kind === 'milestone' && plan.items.has(i.id))
    .map((i) => markerFromItem(i, plan, items, statusOf, today));
  return [...rows, ...fromItems].sort((a, b) => compareDays(a.date, b.date) || (a.number ?? 0) - (b.number ?? 0));
}

/** Checkpoints in date order, each waiting on the work of its section. */
export function checkpointViews(plan: Plan, items: readonly StoredItem[], statusOf: StatusOf, today: Day): MarkerView[] {
  return items
    .filter((i) => i.kind === 'checkpoint' && plan.items.has(i.id))
    .map((i) => markerFromItem(i, plan, items, statusOf, today))
    .sort((a, b) => compareDays(a.date, b.date) || (a.number ?? 0) - (b.number ?? 0));
}
