import type { Context, Invocation } from '../context.js';
import { effortOf, statusOf } from '../core/progress.js';
import { UsageError } from '../errors.js';
import { fit, paint, STATUS_MARK } from '../render/style.js';
import { loadItems } from '../store/items.js';
import { loadTracked, printJson, withDatabase } from './_store.js';


/** The roadmap tree with each item's status, optionally one section only. */
export async function run(ctx: Context, inv: Invocation<{ removed?: boolean }>): Promise<void> {
  const filter = inv.args[0] === undefined ? null : String(inv.args[0]).toLowerCase();
  const { rows, title } = withDatabase(ctx, 'existing', (db) => {
    const t = loadTracked(db);
    const items = inv.opts.removed ? loadItems(db, t.roadmap.id, { includeRemoved: true }) : t.items;
    const rows = items
      .filter((i) => filter === null || i.section.some((s) => s.toLowerCase().includes(filter)))
      .map((i) => ({ item: i, status: statusOf(i, t.state), effort: effortOf(i, t.state) }));
    return { rows, title: t.roadmap.title };
  });
  if (filter !== null && rows.length === 0) throw new UsageError(`No section matches "${inv.args[0]}"; \`ai-learn show\` lists them all.`);
  if (inv.opts.json) {
    return printJson(
      ctx,
      rows.map(({ item, status, effort }) => ({
        number: item.number,
        key: item.key,
        kind: item.kind,
        text: item.text,
        section: item.section,
        status,
        weeks: item.weeks,
        effortHours: effort,
        optional: item.optional,
        removed: item.removedAt !== null,
      })),
    );
  }
  ctx.out(paint(ctx.style, 'bold', title));
  let shown: string[] = [];
  for (const { item, status } of rows) {
    const path = item.removedAt ? ['(removed from the roadmap file)'] : item.section;
    const common = shown.findIndex((s, i) => path[i] !== s);
    const keep = common === -1 ? Math.min(shown.length, path.length) : common;
    for (let d = keep; d < path.length; d++) ctx.out(paint(ctx.style, 'bold', fit(`${'  '.repeat(d)}${path[d]!}`, ctx.style.width)));
    shown = path;
    const kind = item.kind === 'task' ? '' : ` (${item.kind}${item.optional ? ', optional' : ''})`;
    const line = `${'  '.repeat(path.length)}${STATUS_MARK[status]} #${item.number} ${item.text}${kind}`;
    ctx.out(status === 'done' ? paint(ctx.style, 'dim', fit(line, ctx.style.width)) : fit(line, ctx.style.width));
  }
}
