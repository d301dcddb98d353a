import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { markerViews, type MarkerView } from '../plan/milestones.js';
import { statusesByRow } from '../plan/table.js';
import { fit } from '../render/style.js';
import { itemLabels } from '../store/items.js';
import { loadPlanState } from './_plan.js';
import { printJson, viewOf, withDatabase } from './_store.js';

/** An item a marker waits on, as `milestones` shows it. */
interface Waiting {
  number: number;
  text: string;
}

const MARK = { done: '[x]', overdue: '[!]', upcoming: '[ ]' } as const;

/** Prints markers (milestones or checkpoints) with dates, status and what they wait on. */
export function printMarkers(ctx: Context, markers: MarkerView<Waiting>[], json: boolean | undefined, noun: string): void {
  if (json) return printJson(ctx, markers);
  if (markers.length === 0) return ctx.out(`This roadmap has no ${noun}.`);
  for (const m of markers) {
    const wait = m.status === 'done' ? 'done' : `${m.waitsOn.length} of ${m.total} items left`;
    ctx.out(fit(`${MARK[m.status]} ${formatDay(m.date)} (week ${m.week})  ${m.number ? `#${m.number} ` : ''}${m.text} · ${wait}`, ctx.style.width));
    if (m.status !== 'done') for (const w of m.waitsOn.slice(0, 3)) ctx.out(fit(`      waits on #${w.number} ${w.text}`, ctx.style.width));
    if (m.status !== 'done' && m.waitsOn.length > 3) ctx.out(`      … and ${m.waitsOn.length - 3} more`);
  }
}

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  // Kept in the view cache until the next change or day (src/store/views.ts), as progress is.
  const list = withDatabase(ctx, 'read', (db) =>
    viewOf(db, ctx, inv.name, () =>
      db.transaction(() => {
        const v = loadPlanState(db, ctx);
        const rowStatus = statusesByRow(v.table, v.tracking.status);
        const markers = [...markerViews(v.table, rowStatus, v.today, inv.name === 'checkpoints' ? 'checkpoint' : 'milestone')];
        const labels = itemLabels(db, v.roadmap.id, markers.flatMap((m) => m.waitsOn));
        return markers.map((m) => ({ ...m, waitsOn: m.waitsOn.map((number) => ({ number, text: labels.get(number)!.text })) }));
      })(),
    ),
  );
  printMarkers(ctx, list, inv.opts.json, inv.name);
}
