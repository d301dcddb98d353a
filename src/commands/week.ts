import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { formatHours, formatMinutes } from '../core/duration.js';
import { statusOf } from '../core/progress.js';
import { UsageError } from '../errors.js';
import { planWeekOf } from '../plan/schedule.js';
import { fit, paint, STATUS_MARK } from '../render/style.js';
import { loadSessions, type EventRow } from '../store/events.js';
import type { StoredItem } from '../store/items.js';
import { loadPlanned, type Planned } from './_plan.js';
import { printJson, withDatabase } from './_store.js';


/** A plan week: what was planned in it, what was done in it, and the time logged. */
export function weekView(p: Planned, n: number, sessionsIn: (from: string, to: string) => EventRow[]) {
  const week = p.plan.weeks[n - 1];
  if (!week) throw new UsageError(`The plan has weeks 1 to ${p.plan.totalWeeks}; there is no week ${n}.`);
  const track = {
    statusOf: (item: StoredItem) => statusOf(item, p.state),
    doneOn: (item: StoredItem) => {
      const s = p.state.items.get(item.id);
      return s?.status === 'done' ? s.sinceDay : null;
    },
  };
  const inWeek = (d: string | null) => d !== null && d >= week.start && d <= week.end;
  const planned = p.items.filter((i) => week.items.includes(i.number));
  const doneElsewhere = p.items.filter((i) => !week.items.includes(i.number) && inWeek(track.doneOn(i)));
  const sessions = sessionsIn(week.start, week.end);
  const view = (i: (typeof p.items)[number]) => ({ number: i.number, text: i.text, kind: i.kind, status: track.statusOf(i), doneOn: track.doneOn(i) });
  return {
    week: week.week,
    start: week.start,
    end: week.end,
    targetHours: week.targetHours,
    loggedHours: Math.round((sessions.reduce((s, x) => s + (x.minutes ?? 0), 0) / 60) * 10) / 10,
    planned: planned.map(view),
    doneElsewhere: doneElsewhere.map(view),
    sessions: sessions.map((s) => ({ day: s.day ?? week.start, minutes: s.minutes ?? 0, item: p.items.find((i) => i.id === s.itemId)?.number ?? null, note: s.note })),
  };
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const raw = inv.args[0];
  const v = withDatabase(ctx, 'read', (db) => {
    const p = loadPlanned(db, ctx);
    let n = planWeekOf(p.plan, p.today);
    if (raw !== undefined) {
      n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`The week is a whole number from 1, not "${String(raw)}".`);
    } else n = Math.min(Math.max(1, n), p.plan.totalWeeks);
    return weekView(p, n, (from, to) => loadSessions(db, p.roadmap.id, { from, to }));
  });
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
