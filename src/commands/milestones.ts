import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { markerViews, type MarkerView } from '../plan/milestones.js';
import { statusesByRow } from '../plan/table.js';
import { fit, fitAround } from '../render/style.js';
import { loadPlanState, textsOf } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';

/** An item a marker waits on, as `milestones` shows it. */
interface Waiting {
  number: number;
  text: string;
}

const MARK = { done: '[x]', overdue: '[!]', upcoming: '[ ]' } as const;

/** How many items an open marker's line names, of those it waits on. */
const NAMED = 3;

/** A marker as the text shows it: the items it still waits on counted, the first NAMED of an open one named. */
type Listed = MarkerView<Waiting> & { left: number };

/** Prints markers (milestones or checkpoints) with dates, status and what they wait on. */
function printMarkers(ctx: Context, markers: Listed[], noun: string): void {
  if (markers.length === 0) return ctx.out(`This roadmap has no ${noun}.`);
  for (const m of markers) {
    const wait = m.status === 'done' ? 'done' : `${m.left} of ${m.total} items left`;
    ctx.out(fitAround(`${MARK[m.status]} ${formatDay(m.date)} (week ${m.week})  ${m.number ? `#${m.number} ` : ''}`, m.text, ` · ${wait}`, ctx.style.width));
    for (const w of m.waitsOn) ctx.out(fit(`      waits on #${w.number} ${w.text}`, ctx.style.width));
    if (m.status !== 'done' && m.left > NAMED) ctx.out(`      … and ${m.left - NAMED} more`);
  }
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const json = inv.opts.json === true;
  // Kept in the view cache until the next change or day (src/store/views.ts), as progress is.
  const list = withDatabase(ctx, 'read', (db) =>
    viewOf(db, ctx, json ? `${inv.name}:json` : inv.name, () =>
      db.transaction(() => {
        const v = loadPlanState(db, ctx);
        const rowStatus = statusesByRow(v.table, v.tracking.status);
        const markers = [...markerViews(v.table, rowStatus, v.today, inv.name === 'checkpoints' ? 'checkpoint' : 'milestone')];
        // --json names every item a marker waits on (at 10,000 items the checkpoints wait on 4,114); the text
        // only the first few of an open one.
        const named = (m: MarkerView) => (json ? m.waitsOn : m.status === 'done' ? [] : m.waitsOn.slice(0, NAMED));
        const textOf = textsOf(db, ctx, v.roadmap.id, markers.flatMap(named));
        return markers.map((m) => ({ ...m, waitsOn: named(m).map((number) => ({ number, text: textOf(number)! })), left: m.waitsOn.length }));
      })(),
    ),
  );
  if (json) return printJson(ctx, list.map(({ left: _left, ...m }) => m));
  printMarkers(ctx, list, inv.name);
}
