import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { formatHours, formatMinutes } from '../core/duration.js';
import { UsageError } from '../errors.js';
import { planWeekOf } from '../plan/schedule.js';
import { fit, paint, STATUS_MARK } from '../render/style.js';
import { weekRows } from '../plan/table.js';
import type { DB } from '../store/db.js';
import { loadSessions, type Status } from '../store/events.js';
import { itemLabels, loadItemsById } from '../store/items.js';
import { loadPlanState, type PlanState } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';

/**
 * A plan week: what was planned in it, what was done in it, and the time
 * logged. It reads the kept plan table (src/plan/table.ts), the statuses,
 * the week's sessions and the few items it names, not every item and a
 * schedule of them: at 10,000 items and 100,000 events that took 166 ms,
 * 3.2x bare node, on every run (docs/performance.md, "The other reads").
 */
export function weekView(db: DB, v: PlanState, n: number) {
  const { table, tracking, roadmap } = v;
  const week = table.plan.weeks[n - 1];
  if (!week) throw new UsageError(`The plan has weeks 1 to ${table.plan.totalWeeks}; there is no week ${n}.`);
  const statusOf = (id: number): Status => tracking.status.get(id) ?? 'todo';
  const doneOn = (id: number) => (statusOf(id) === 'done' ? (tracking.doneOn.get(id) ?? null) : null);
  const inWeek = (d: string | null) => d !== null && d >= week.start && d <= week.end;
  const rows = weekRows(table, n);
  const plannedIds = new Set(rows.map((row) => table.id[row]!));
  const done: number[] = [];
  for (const [id, day] of tracking.doneOn) if (!plannedIds.has(id) && inWeek(day) && statusOf(id) === 'done') done.push(id);
  const sessions = loadSessions(db, roadmap.id, { from: week.start, to: week.end });
  // The items named besides the planned ones, live ones only, as the roadmap lists them.
  const named = loadItemsById(db, [...done, ...sessions.flatMap((s) => (s.itemId === null ? [] : [s.itemId]))]);
  for (const [id, item] of named) if (item.removedAt !== null) named.delete(id);
  const labels = itemLabels(db, roadmap.id, rows.map((row) => table.number[row]!));
  const view = (id: number, item: { number: number; text: string; kind: string }) => ({
    number: item.number,
    text: item.text,
    kind: item.kind,
    status: statusOf(id),
    doneOn: doneOn(id),
  });
  const elsewhere = done.flatMap((id) => named.get(id) ?? []).sort((x, y) => x.position - y.position || x.number - y.number);
  return {
    week: week.week,
    start: week.start,
    end: week.end,
    targetHours: week.targetHours,
    loggedHours: Math.round((sessions.reduce((s, x) => s + (x.minutes ?? 0), 0) / 60) * 10) / 10,
    planned: rows.map((row) => view(table.id[row]!, labels.get(table.number[row]!)!)),
    doneElsewhere: elsewhere.map((item) => view(item.id, item)),
    sessions: sessions.map((s) => ({ day: s.day ?? week.start, minutes: s.minutes ?? 0, item: (s.itemId === null ? undefined : named.get(s.itemId))?.number ?? null, note: s.note })),
  };
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const raw = inv.args[0];
  // Kept in the view cache until the next change or day (src/store/views.ts), as progress is.
  const v = withDatabase(ctx, 'read', (db) =>
    // The current week's view is `week`; a numbered one's `week:N` (no argument can name the first).
    viewOf(db, ctx, raw === undefined ? 'week' : `week:${String(raw)}`, () =>
      db.transaction(() => {
        const plan = loadPlanState(db, ctx);
        let n = planWeekOf(plan.table.plan, plan.today);
        if (raw !== undefined) {
          n = Number(raw);
          if (!Number.isInteger(n) || n < 1) throw new UsageError(`The week is a whole number from 1, not "${String(raw)}".`);
        } else n = Math.min(Math.max(1, n), plan.table.plan.totalWeeks);
        return weekView(db, plan, n);
      })(),
    ),
  );
  if (inv.opts.json) return printJson(ctx, v);
  const out = (t: string) => ctx.out(fit(t, ctx.style.width));
  out(paint(ctx.style, 'bold', `Week ${v.week} · ${formatDay(v.start)} – ${formatDay(v.end)} · ${formatHours(v.loggedHours)} of ${formatHours(v.targetHours)} h`));
  out('Planned');
  if (v.planned.length === 0) out('  nothing planned');
  for (const i of v.planned) out(`  ${STATUS_MARK[i.status]} #${i.number} ${i.text}${i.doneOn ? ` (done ${formatDay(i.doneOn)})` : ''}`);
  if (v.doneElsewhere.length) {
    out('Also done this week');
    for (const i of v.doneElsewhere) out(`  [x] #${i.number} ${i.text}`);
  }
  if (v.sessions.length) {
    out('Sessions');
    for (const s of v.sessions) out(`  ${formatDay(s.day)}  ${formatMinutes(s.minutes).padEnd(7)}${s.item ? ` #${s.item}` : ''}${s.note ? ` ${s.note}` : ''}`);
  }
}
