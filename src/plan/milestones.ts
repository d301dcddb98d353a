import type { Day } from '../core/dates.js';
import type { Status } from '../store/events.js';
import type { PlanTable } from './table.js';

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
    // The rows of m.before's runs, in loops rather than rowsOf's generator: at 10,000 items the checkpoints wait on
    // 9,981 rows, and a generator's yields in V8's interpreter took 3-4 ms of `checkpoints` afresh.
    for (let i = 0; i < m.before.length; i += 2) {
      for (let row = m.before[i]!; row < m.before[i + 1]!; row++) {
        total++;
        if (!finished(rowStatus[row]!)) waitsOn.push(t.number[row]!);
      }
    }
    const done = m.row === null ? waitsOn.length === 0 : finished(rowStatus[m.row]!);
    const status = done ? 'done' : m.date < today ? 'overdue' : 'upcoming';
    yield { text: m.text, number: m.row === null ? null : t.number[m.row]!, week: m.week, date: m.date, status, waitsOn, total };
  }
}
