import type { Context, Invocation } from '../context.js';
import { effortOf, statusOf } from '../core/progress.js';
import { UsageError } from '../errors.js';
import { fit, paint, STATUS_MARK } from '../render/style.js';
import { loadItems, type StoredItem } from '../store/items.js';
import type { WeekRange } from '../roadmap/model.js';
import type { DB } from '../store/db.js';
import type { Status } from '../store/events.js';
import { loadState, loadStatuses } from '../store/snapshots.js';
import { requireRoadmap, textViewOf, viewOf, withDatabase } from './_store.js';

/** One item as `show --json` prints it. */
interface ShownItem<Section = string[]> {
  number: number;
  key: string;
  kind: string;
  text: string;
  section: Section;
  status: Status;
  weeks: WeekRange | null;
  effortHours: number;
  optional: boolean;
  removed: boolean;
}

/** What the text listing needs of an item. */
type ListedItem = Pick<ShownItem<number>, 'number' | 'kind' | 'text' | 'section' | 'status' | 'optional' | 'removed'>;

interface Listing<Row> {
  title: string;
  /** The distinct section paths: items share a few hundred, so rows name them by index. */
  sections: string[][];
  rows: Row[];
}

function listing(db: DB, removed: boolean, full: boolean): Listing<ListedItem | ShownItem<number>> {
  const roadmap = requireRoadmap(db);
  const items = loadItems(db, roadmap.id, { includeRemoved: removed });
  // The tree shows statuses alone; --json also each item's effort, which an estimate in the log may change.
  let status: (item: StoredItem) => Status;
  let effort = (item: StoredItem) => item.effortHours;
  if (full) {
    const state = loadState(db, roadmap.id);
    status = (item) => statusOf(item, state);
    effort = (item) => effortOf(item, state);
  } else {
    const statuses = loadStatuses(db, roadmap.id).status;
    status = (item) => statuses.get(item.id) ?? 'todo';
  }
  const sections: string[][] = [];
  const indexOf = new Map<string[], number>();
  const rows = items.map((item) => {
    const section = indexOf.get(item.section) ?? (indexOf.set(item.section, sections.length), sections.push(item.section) - 1);
    const removed = item.removedAt !== null;
    if (!full) return { number: item.number, kind: item.kind, text: item.text, section, status: status(item), optional: item.optional, removed };
    return {
      number: item.number,
      key: item.key,
      kind: item.kind,
      text: item.text,
      section,
      status: status(item),
      weeks: item.weeks,
      effortHours: effort(item),
      optional: item.optional,
      removed,
    };
  });
  return { title: roadmap.title, sections, rows };
}

/** The roadmap tree with each item's status, optionally one section only. */
export async function run(ctx: Context, inv: Invocation<{ removed?: boolean }>): Promise<void> {
  const filter = inv.args[0] === undefined ? null : String(inv.args[0]);
  const removed = inv.opts.removed === true;
  const full = inv.opts.json === true;
  const name = `show${removed ? ':removed' : ''}${full ? ':json' : ''}`;
  if (filter === null) {
    // The whole listing is cached as printed (for this width and colouring):
    // at 10,000 items, laying it out again costs more than starting node, and
    // it comes back as bytes for stdout (decoding and re-encoding a megabyte cost about 20 ms).
    const { color, bars, width } = ctx.style;
    const printed = full ? `${name}:printed` : `${name}:printed:${width}:${color ? 'color' : 'plain'}:${bars ? 'bars' : 'text'}`;
    ctx.out(withDatabase(ctx, 'read', (db) => textViewOf(db, ctx, printed, () => render(ctx, listing(db, removed, full), full, null))));
  } else {
    const all = withDatabase(ctx, 'read', (db) => viewOf(db, ctx, name, () => listing(db, removed, full)));
    ctx.out(render(ctx, all, full, filter));
  }
}

/** The listing as printed: JSON with --json, else the indented tree, one write (10,000 items are as many lines). */
function render(ctx: Context, all: Listing<ListedItem | ShownItem<number>>, full: boolean, filter: string | null): string {
  let rows = all.rows;
  if (filter !== null) {
    const needle = filter.toLowerCase();
    const matching = new Set(all.sections.flatMap((path, i) => (path.some((s) => s.toLowerCase().includes(needle)) ? [i] : [])));
    rows = rows.filter((row) => matching.has(row.section));
    if (rows.length === 0) throw new UsageError(`No section matches "${filter}"; \`ai-learn show\` lists them all.`);
  }
  if (full) return JSON.stringify((rows as ShownItem<number>[]).map((row): ShownItem => ({ ...row, section: all.sections[row.section]! })), null, 2);
  const lines = [paint(ctx.style, 'bold', all.title)];
  let shown: string[] = [];
  for (const item of rows) {
    const path = item.removed ? ['(removed from the roadmap file)'] : all.sections[item.section]!;
    const common = shown.findIndex((s, i) => path[i] !== s);
    const keep = common === -1 ? Math.min(shown.length, path.length) : common;
    for (let d = keep; d < path.length; d++) lines.push(paint(ctx.style, 'bold', fit(`${'  '.repeat(d)}${path[d]!}`, ctx.style.width)));
    shown = path;
    const kind = item.kind === 'task' ? '' : ` (${item.kind}${item.optional ? ', optional' : ''})`;
    const line = `${'  '.repeat(path.length)}${STATUS_MARK[item.status]} #${item.number} ${item.text}${kind}`;
    lines.push(item.status === 'done' ? paint(ctx.style, 'dim', fit(line, ctx.style.width)) : fit(line, ctx.style.width));
  }
  return lines.join('\n');
}
