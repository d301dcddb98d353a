import type { Context, Invocation } from '../context.js';
import { effortOf, statusOf } from '../core/progress.js';
import { UsageError } from '../errors.js';
import { codes, fit, paint, STATUS_MARK, type Style } from '../render/style.js';
import { loadItems, loadTreeItems, type StoredItem } from '../store/items.js';
import type { WeekRange } from '../roadmap/model.js';
import type { DB } from '../store/db.js';
import type { Status } from '../store/events.js';
import type { RoadmapRow } from '../store/roadmaps.js';
import { aligned, columnBytes, keptUnderPlan, type Codec } from '../store/plan-views.js';
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
    const compute = full ? (db: DB) => JSON.stringify(jsonOf(listing(db, removed, true) as Listing<ShownItem<number>>), null, 2) : (db: DB) => tree(db, ctx, removed);
    ctx.out(withDatabase(ctx, 'read', (db) => textViewOf(db, ctx, printed, () => compute(db))));
  } else {
    const all = withDatabase(ctx, 'read', (db) => viewOf(db, ctx, name, () => listing(db, removed, full)));
    ctx.out(render(ctx, all, full, filter));
  }
}

function jsonOf(all: Listing<ShownItem<number>>): ShownItem[] {
  return all.rows.map((row): ShownItem => ({ ...row, section: all.sections[row.section]! }));
}

/** One section of the listing, as printed: JSON with --json, else the indented tree. */
function render(ctx: Context, all: Listing<ListedItem | ShownItem<number>>, full: boolean, filter: string): string | Uint8Array {
  const needle = filter.toLowerCase();
  const matching = new Set(all.sections.flatMap((path, i) => (path.some((s) => s.toLowerCase().includes(needle)) ? [i] : [])));
  const rows = all.rows.filter((row) => matching.has(row.section));
  if (rows.length === 0) throw new UsageError(`No section matches "${filter}"; \`ai-learn show\` lists them all.`);
  if (full) return JSON.stringify(jsonOf({ ...all, rows: rows as ShownItem<number>[] }), null, 2);
  // Each row's key in the layout is its index here.
  const layout = layoutOf(ctx.style, all.title, rows.map((row) => ({ ...row, section: all.sections[row.section]! })), (_, i) => i);
  return marked(ctx.style, layout, (key) => rows[key]!.status);
}

/**
 * The whole tree with each item's status: its layout, kept until the items
 * change (src/store/plan-views.ts; AI_LEARN_PLAN_CACHE=off lays it out every
 * time), marked with the statuses of now. At 10,000 items, a read after a
 * session or a status change then neither loads the items nor lays them out.
 */
function tree(db: DB, ctx: Context, removed: boolean): Uint8Array {
  const roadmap = requireRoadmap(db);
  // In one transaction, so that the statuses are those of the items laid out.
  const read = () => {
    const layout = keptLayout(db, ctx, roadmap, removed);
    const statuses = loadStatuses(db, roadmap.id).status;
    return marked(ctx.style, layout, (id) => statuses.get(id) ?? 'todo');
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

/** The layout of a roadmap's tree for this terminal's width and colouring, kept until its items change (schema 10: estimates and plan settings leave it kept). */
function keptLayout(db: DB, ctx: Context, roadmap: RoadmapRow, removed: boolean): Layout {
  const { color, width } = ctx.style;
  const key = { name: `show:${roadmap.id}:${removed ? 'removed' : 'live'}:${width}:${color ? 'color' : 'plain'}` as const, roadmapId: roadmap.id };
  const compute = () => layoutOf(ctx.style, roadmap.title, loadTreeItems(db, roadmap.id, { includeRemoved: removed }), (item) => item.id);
  return keptUnderPlan(db, key, LAYOUT, compute, { enabled: ctx.env.AI_LEARN_PLAN_CACHE !== 'off' });
}

/** What the tree needs of an item (a TreeItem is one). */
interface TreeRow {
  number: number;
  kind: string;
  text: string;
  section: readonly string[];
  optional: boolean;
  removed: boolean;
}

/**
 * The tree as printed, every status mark a placeholder: UTF-8 bytes, and for
 * each item a row of ROW numbers: its key, then byte offsets into the text
 * (where its line starts, where its mark starts, how many of the mark's
 * three characters the line shows (one cut short to the width may cut it),
 * where the line ends).
 */
interface Layout {
  text: Buffer;
  rows: Int32Array;
}
const ROW = 5;
const PLACEHOLDER = STATUS_MARK.todo;

const LAYOUT: Codec<Layout> = {
  encode: (layout) => ({ data: layout.text, columns: columnBytes([layout.rows]) }),
  decode: ({ data, columns }) => {
    const bytes = aligned(columns);
    return { text: Buffer.isBuffer(data) ? data : Buffer.from(data), rows: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) };
  },
};

/**
 * The title, then each item under the headings of its section path (printed
 * where it changes), indented, one line each, cut to the width; `keyOf`
 * gives the key each item's status is found by when it is marked. Indexed
 * loops, not forEach and findIndex: at 10,000 items this runs once per
 * change to the plan, in V8's interpreter.
 */
function layoutOf<T extends TreeRow>(style: Style, title: string, items: readonly T[], keyOf: (item: T, index: number) => number): Layout {
  const lines = [paint(style, 'bold', title)];
  let bytes = Buffer.byteLength(lines[0]!) + 1;
  const rows = new Int32Array(items.length * ROW);
  let shown: readonly string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const path = item.removed ? REMOVED : item.section;
    let keep = 0;
    while (keep < shown.length && keep < path.length && path[keep] === shown[keep]) keep++;
    for (let d = keep; d < path.length; d++) {
      const heading = paint(style, 'bold', fit(`${'  '.repeat(d)}${path[d]!}`, style.width));
      lines.push(heading);
      bytes += Buffer.byteLength(heading) + 1;
    }
    shown = path;
    const kind = item.kind === 'task' ? '' : ` (${item.kind}${item.optional ? ', optional' : ''})`;
    const indent = '  '.repeat(path.length);
    const line = fit(`${indent}${PLACEHOLDER} #${item.number} ${item.text}${kind}`, style.width);
    let shownOfMark = 0;
    while (shownOfMark < PLACEHOLDER.length && line[indent.length + shownOfMark] === PLACEHOLDER[shownOfMark]) shownOfMark++;
    const length = Buffer.byteLength(line);
    const at = i * ROW;
    rows[at] = keyOf(item, i);
    rows[at + 1] = bytes;
    rows[at + 2] = bytes + indent.length;
    rows[at + 3] = shownOfMark;
    rows[at + 4] = bytes + length;
    lines.push(line);
    bytes += length + 1;
  }
  return { text: Buffer.from(lines.join('\n')), rows };
}

/** The one heading removed items are shown under. */
const REMOVED = ['(removed from the roadmap file)'];

/**
 * The layout with each item's status marked, and done items dimmed where
 * colours are on. It marks the layout's own bytes, a megabyte at 10,000
 * items, rather than a copy: a layout is read (or made and stored) for one
 * printing only.
 */
function marked(style: Style, layout: Layout, statusOf: (key: number) => Status): Buffer {
  const { text, rows } = layout;
  const [dim, undim] = style.color ? codes('dim').map((code) => Buffer.from(code)) : [];
  const parts: Buffer[] = [];
  let from = 0;
  for (let r = 0; r < rows.length; r += ROW) {
    const status = statusOf(rows[r]!);
    const mark = STATUS_MARK[status];
    const at = rows[r + 2]!;
    for (let j = 0; j < rows[r + 3]!; j++) text[at + j] = mark.charCodeAt(j); // the marks are ASCII
    if (dim && undim && status === 'done') {
      parts.push(text.subarray(from, rows[r + 1]), dim, text.subarray(rows[r + 1], rows[r + 4]), undim);
      from = rows[r + 4]!;
    }
  }
  if (parts.length === 0) return text;
  parts.push(text.subarray(from));
  return Buffer.concat(parts);
}
