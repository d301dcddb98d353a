import type { Day } from '../core/dates.js';
import type { Status } from '../store/events.js';
import { rowsOf, type PlanTable } from './table.js';

export interface MarkerView<Waiting = number> {
  text: string;
  /** The item number when the marker is itself an item. */
  number: number | null;
  week: number;
  date: Day;
  status: 'done' | 'overdue' | 'upcoming';
  /** Items not yet done that it waits on: their numbers, or what `milestones` shows of them. */
  waitsOn: Waiting[];
  total: number;
}

const finished = (s: Status) => s === 'done' || s === 'skipped';

/**
 * The plan's milestones or its checkpoints in date order, each with its
 * status and the items it waits on, worked out as they are asked for:
 * `progress` wants only the first not done. A milestone of the roadmap's
 * milestone table is done when all it waits on is; a marker item when it is.
 * `rowStatus` is each row's status (statusesByRow).
 */
export function* markerViews(t: PlanTable, rowStatus: readonly Status[], today: Day, kind: 'milestone' | 'checkpoint'): Generator<MarkerView> {
  for (const m of t.markers) {
    if (m.kind !== kind) continue;
    const waitsOn: number[] = [];
    let total = 0;
    for (const row of rowsOf(m.before)) {
      total++;
      if (!finished(rowStatus[row]!)) waitsOn.push(t.number[row]!);
    }
    const done = m.row === null ? waitsOn.length === 0 : finished(rowStatus[m.row]!);
    const status = done ? 'done' : m.date < today ? 'overdue' : 'upcoming';
    yield { text: m.text, number: m.row === null ? null : t.number[m.row]!, week: m.week, date: m.date, status, waitsOn, total };
  }
}
