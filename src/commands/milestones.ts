import type { Context, Invocation } from '../context.js';
import { formatDay } from '../core/dates.js';
import { checkpointViews, milestoneViews, type MarkerView } from '../plan/milestones.js';
import { fit } from '../render/style.js';
import { loadPlanned } from './_plan.js';
import { printJson, withDatabase } from './_store.js';

const MARK = { done: '[x]', overdue: '[!]', upcoming: '[ ]' } as const;

/** Prints markers (milestones or checkpoints) with dates, status and what they wait on. */
export function printMarkers(ctx: Context, markers: MarkerView[], json: boolean | undefined, noun: string): void {
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
  const list = withDatabase(ctx, 'read', (db) => {
    const p = loadPlanned(db, ctx);
    return inv.name === 'checkpoints'
      ? checkpointViews(p.plan, p.items, p.track.statusOf, p.today)
      : milestoneViews(p.plan, p.items, p.track.statusOf, p.today);
  });
  printMarkers(ctx, list, inv.opts.json, inv.name);
}
