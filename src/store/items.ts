import { memoized } from '../core/collections.js';
import { holdingRows } from '../io/heap.js';
import type { ItemKind, WeekRange, Paper, Course } from '../roadmap/model.js';
import { prepared, type DB } from './db.js';

/** An item as stored: the parsed item plus its stable number and database id. */
export interface StoredItem {
  id: number;
  number: number;
  key: string;
  kind: ItemKind;
  text: string;
  section: string[];
  group: string | null;
  weeks: WeekRange | null;
  effortHours: number;
  optional: boolean;
  position: number;
  line: number | null;
  paper?: Paper;
  course?: Course;
  url?: string;
  removedAt: string | null;
}

/** The columns loadItems reads, in order: rows come back as arrays, which is half the cost of objects at 10,000 items. */
const COLUMNS = 'id, number, key, kind, text, section_json, group_label, week_start, week_end, effort_hours, optional, position, line, extra_json, removed_at';
type ItemRecord = [
  id: number,
  number: number,
  key: string,
  kind: ItemKind,
  text: string,
  sectionJson: string,
  group: string | null,
  weekStart: number | null,
  weekEnd: number | null,
  effort: number,
  optional: number,
  position: number,
  line: number | null,
  extraJson: string | null,
  removedAt: string | null,
];

export type NewItem = Omit<StoredItem, 'id' | 'removedAt'>;

// Fields by index, not by destructuring: destructuring goes through the array
// iterator, which allocated 150,000 result objects for 10,000 items.
function fromRecord(r: ItemRecord, sectionOf: (json: string) => string[]): StoredItem {
  const weekStart = r[7];
  const weekEnd = r[8];
  const extraJson = r[13];
  const item: StoredItem = {
    id: r[0],
    number: r[1],
    key: r[2],
    kind: r[3],
    text: r[4],
    section: sectionOf(r[5]),
    group: r[6],
    weeks: weekStart === null || weekEnd === null ? null : { start: weekStart, end: weekEnd },
    effortHours: r[9],
    optional: r[10] === 1,
    position: r[11],
    line: r[12],
    removedAt: r[14],
  };
  return extraJson ? Object.assign(item, JSON.parse(extraJson) as Pick<StoredItem, 'paper' | 'course' | 'url'>) : item;
}

function toParams(roadmapId: number, item: NewItem) {
  const extra: Record<string, unknown> = {};
  if (item.paper) extra.paper = item.paper;
  if (item.course) extra.course = item.course;
  if (item.url) extra.url = item.url;
  return {
    roadmapId,
    number: item.number,
    key: item.key,
    kind: item.kind,
    text: item.text,
    section: JSON.stringify(item.section),
    group: item.group,
    weekStart: item.weeks?.start ?? null,
    weekEnd: item.weeks?.end ?? null,
    effort: item.effortHours,
    optional: item.optional ? 1 : 0,
    position: item.position,
    line: item.line,
    extra: Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
  };
}

/**
 * About how many rows a load of a roadmap's items will hold (removed ones
 * too), counted in the index before they are read (see holdingRows): told
 * at the 2,000th row read instead, V8 had grown its young generation by
 * then, and `show` and `export --format md` at 10,000 items peaked 4–5 MiB
 * higher.
 */
function countItems(db: DB, roadmapId: number): number {
  return prepared(db, 'SELECT count(*) FROM items WHERE roadmap_id = ?').pluck().get(roadmapId) as number;
}

/**
 * Reads the section paths of one load of items. A roadmap of 10,000 items
 * has a few hundred: each is parsed once and its array shared, so callers
 * must not change it.
 */
function sectionPaths(): (json: string) => string[] {
  return memoized((json: string) => JSON.parse(json) as string[]);
}

/**
 * What a loader reads a roadmap's items from, in document order: live items
 * in the order of the index items_in_order (nothing to sort), then, when
 * asked, removed ones (kept for their history).
 */
function itemsInOrder(includeRemoved: boolean): string {
  return includeRemoved
    ? 'FROM items WHERE roadmap_id = ? ORDER BY removed_at IS NOT NULL, position, number'
    : 'FROM items WHERE roadmap_id = ? AND removed_at IS NULL ORDER BY position, number';
}

/**
 * A roadmap's items in document order (itemsInOrder), each made from its row
 * by `make`, with the section paths parsed once; the heap is told first how
 * many rows the load will hold (holdingRows). Row by row, not with all():
 * each row's array then dies young, instead of 10,000 of them surviving the
 * young generation's scavenges together with the items made from them.
 */
function readItems<Row, T>(db: DB, roadmapId: number, columns: string, includeRemoved: boolean, make: (r: Row, sectionOf: (json: string) => string[]) => T): T[] {
  holdingRows(countItems(db, roadmapId));
  const rows = db.prepare(`SELECT ${columns} ${itemsInOrder(includeRemoved)}`).raw().iterate(roadmapId) as IterableIterator<Row>;
  const sectionOf = sectionPaths();
  const items: T[] = [];
  for (const r of rows) items.push(make(r, sectionOf));
  return items;
}

/** Items of a roadmap in document order; removed ones (kept for their history) only when asked. */
export function loadItems(db: DB, roadmapId: number, options: { includeRemoved?: boolean } = {}): StoredItem[] {
  return readItems(db, roadmapId, COLUMNS, options.includeRemoved === true, fromRecord);
}

/**
 * What a dated plan needs of an item (src/plan/schedule.ts, src/plan/table.ts):
 * a StoredItem is one. `text` is what a milestone or checkpoint shows as a
 * marker of the plan table; loadPlanItems reads it for those kinds only.
 */
export type PlanItem = Pick<StoredItem, 'id' | 'number' | 'kind' | 'section' | 'weeks' | 'effortHours' | 'optional' | 'position'> & {
  text: string | null;
};

const PLAN_COLUMNS = "id, number, kind, CASE WHEN kind IN ('milestone', 'checkpoint') THEN text END, section_json, week_start, week_end, effort_hours, optional, position";
type PlanRecord = [number, number, ItemKind, string | null, string, number | null, number | null, number, number, number];

/**
 * A roadmap's live items in document order, as loadItems gives them, with
 * only what a plan needs: no key, line, link, paper or course, and the text
 * of milestones and checkpoints only. At 10,000 items the first read after a
 * change to the plan loads every item; these rows take about a third less
 * time to read than whole items, and leave less for the garbage collector
 * to copy (docs/performance.md, "The plan made again").
 */
export function loadPlanItems(db: DB, roadmapId: number): PlanItem[] {
  return readItems(db, roadmapId, PLAN_COLUMNS, false, (r: PlanRecord, sectionOf): PlanItem => {
    const weekStart = r[5];
    const weekEnd = r[6];
    return {
      id: r[0],
      number: r[1],
      kind: r[2],
      text: r[3],
      section: sectionOf(r[4]),
      weeks: weekStart === null || weekEnd === null ? null : { start: weekStart, end: weekEnd },
      effortHours: r[7],
      optional: r[8] === 1,
      position: r[9],
    };
  });
}

/** What `show`'s tree prints of an item. */
export type TreeItem = Pick<StoredItem, 'id' | 'number' | 'kind' | 'text' | 'section' | 'optional'> & { removed: boolean };
type TreeRecord = [number, number, ItemKind, string, string, number, number];

/**
 * A roadmap's items in the order loadItems gives them (removed ones after
 * the live, only when asked), with only what `show`'s tree prints: at 10,000
 * items its first read after a change to the plan loads them all.
 */
export function loadTreeItems(db: DB, roadmapId: number, options: { includeRemoved?: boolean } = {}): TreeItem[] {
  const columns = 'id, number, kind, text, section_json, optional, removed_at IS NOT NULL';
  return readItems(db, roadmapId, columns, options.includeRemoved === true, (r: TreeRecord, sectionOf): TreeItem => ({
    id: r[0],
    number: r[1],
    kind: r[2],
    text: r[3],
    section: sectionOf(r[4]),
    optional: r[5] === 1,
    removed: r[6] === 1,
  }));
}

/** What matching a re-imported file's items to the stored ones reads of each (src/core/reconcile.ts), removed ones too. */
export type MatchedItem = Pick<StoredItem, 'id' | 'number' | 'key' | 'kind' | 'text' | 'section' | 'position' | 'removedAt'>;

/**
 * A roadmap's items as matching reads them, live ones in document order and
 * removed ones after them (as `loadItems` with `includeRemoved` gives them),
 * a row at a time as the caller asks, and without the rest of each item
 * (weeks, effort, a paper or a link parsed from JSON): the re-import
 * matches them just after the parse, at the peak of its memory, and keeps
 * few of them.
 */
export function* itemsToMatch(db: DB, roadmapId: number): Generator<MatchedItem> {
  holdingRows(countItems(db, roadmapId));
  const rows = db
    .prepare(`SELECT id, number, key, kind, text, section_json, position, removed_at ${itemsInOrder(true)}`)
    .raw()
    .iterate(roadmapId) as IterableIterator<[number, number, string, ItemKind, string, string, number, string | null]>;
  const sectionOf = sectionPaths();
  for (const r of rows) yield { id: r[0], number: r[1], key: r[2], kind: r[3], text: r[4], section: sectionOf(r[5]), position: r[6], removedAt: r[7] };
}

/** The highest number a roadmap's items (removed ones too) have, 0 for none: the next new item takes the one after. */
export function highestNumber(db: DB, roadmapId: number): number {
  return prepared(db, 'SELECT coalesce(max(number), 0) FROM items WHERE roadmap_id = ?').pluck().get(roadmapId) as number;
}

/** What `next` reads of an item to tell whether it is in the plan and show it. */
export type ItemHead = Pick<StoredItem, 'id' | 'number' | 'kind' | 'text' | 'section' | 'optional' | 'position'>;

/**
 * A roadmap's live items in document order, as loadItems gives them (from
 * `position` on, or only those of `ids`), read a row at a time as the
 * caller asks: one that stops early (`next`, once it has found what to do)
 * reads no further. The index items_in_order hands the rows over unsorted.
 */
export function* itemHeads(db: DB, roadmapId: number, options: { from?: number | null; ids?: readonly number[] } = {}): Generator<ItemHead> {
  const from = options.from ?? null;
  const ids = options.ids === undefined ? null : JSON.stringify(options.ids);
  const rows = db
    .prepare(
      `SELECT id, number, kind, text, section_json, optional, position FROM items
       WHERE roadmap_id = ? AND removed_at IS NULL AND (? IS NULL OR position >= ?) AND (? IS NULL OR id IN (SELECT value FROM json_each(?)))
       ORDER BY position, number`,
    )
    .raw()
    .iterate(roadmapId, from, from, ids, ids) as IterableIterator<[number, number, ItemKind, string, string, number, number]>;
  const sectionOf = sectionPaths();
  for (const r of rows) yield { id: r[0], number: r[1], kind: r[2], text: r[3], section: sectionOf(r[4]), optional: r[5] === 1, position: r[6] };
}

/** A live item of roadmap `?` under a section titled `?` (anywhere in its path). */
const LIVE_UNDER = 'roadmap_id = ? AND removed_at IS NULL AND EXISTS (SELECT 1 FROM json_each(section_json) WHERE value = ?)';

/** The position of the first live item under a section titled `title` (anywhere in its path), if any. */
export function firstPositionUnder(db: DB, roadmapId: number, title: string): number | null {
  // In order with LIMIT 1 rather than min(): the index's order lets SQLite stop at the first.
  const sql = `SELECT position FROM items WHERE ${LIVE_UNDER} ORDER BY position, number LIMIT 1`;
  return (db.prepare(sql).pluck().get(roadmapId, title) as number | undefined) ?? null;
}

/** Whether a live optional item stands under a section titled `title` (anywhere in its path): what `plan --include` can opt into. */
export function hasOptionalUnder(db: DB, roadmapId: number, title: string): boolean {
  const sql = `SELECT 1 FROM items WHERE ${LIVE_UNDER} AND optional = 1 LIMIT 1`;
  return db.prepare(sql).pluck().get(roadmapId, title) !== undefined;
}

/** The numbers of a roadmap's live items before a position, in document order (what `plan --from` leaves out). */
export function itemNumbersBefore(db: DB, roadmapId: number, position: number): number[] {
  return db
    .prepare('SELECT number FROM items WHERE roadmap_id = ? AND removed_at IS NULL AND position < ? ORDER BY position, number')
    .pluck()
    .all(roadmapId, position) as number[];
}

/** The number and text of each live item by its id: what an export names a session's item by. */
export function loadItemLabels(db: DB, roadmapId: number): Map<number, { number: number; text: string }> {
  holdingRows(countItems(db, roadmapId));
  const rows = db.prepare('SELECT id, number, text FROM items WHERE roadmap_id = ? AND removed_at IS NULL').raw().iterate(roadmapId);
  const labels = new Map<number, { number: number; text: string }>();
  for (const r of rows as IterableIterator<[number, number, string]>) labels.set(r[0], { number: r[1], text: r[2] });
  return labels;
}

/** The number, kind and text of live items by their numbers (what a view lists of them), read through the index on numbers. */
export function itemLabels(db: DB, roadmapId: number, numbers: Iterable<number>): Map<number, Pick<StoredItem, 'number' | 'kind' | 'text'>> {
  const byNumber = prepared(db, 'SELECT number, kind, text FROM items WHERE roadmap_id = ? AND number = ? AND removed_at IS NULL');
  const found = new Map<number, Pick<StoredItem, 'number' | 'kind' | 'text'>>();
  for (const number of numbers) {
    if (found.has(number)) continue;
    const row = byNumber.get(roadmapId, number) as Pick<StoredItem, 'number' | 'kind' | 'text'> | undefined;
    if (row) found.set(number, row);
  }
  return found;
}

/**
 * The text of every live item of a roadmap by its number, as one string
 * with each number's range in it (`start` -1 where no live item has the
 * number): small enough to keep (src/store/plan-views.ts), and a text is
 * cut from it (a slice, which V8 need not copy) only when it is asked for.
 */
export interface ItemTexts {
  all: string;
  start: Int32Array;
  end: Int32Array;
}

/** Reads every live item's text into ItemTexts. */
export function readItemTexts(db: DB, roadmapId: number): ItemTexts {
  const highest = highestNumber(db, roadmapId);
  const start = new Int32Array(highest + 1).fill(-1);
  const end = new Int32Array(highest + 1).fill(-1);
  const texts: string[] = [];
  let at = 0;
  const rows = db.prepare('SELECT number, text FROM items WHERE roadmap_id = ? AND removed_at IS NULL').raw().iterate(roadmapId);
  for (const [number, text] of rows as IterableIterator<[number, string]>) {
    start[number] = at;
    at += text.length;
    end[number] = at;
    texts.push(text);
  }
  return { all: texts.join(''), start, end };
}

/** The text of the live item with this number, if there is one. */
export function textOf(texts: ItemTexts, number: number): string | undefined {
  const from = texts.start[number] ?? -1;
  return from < 0 ? undefined : texts.all.slice(from, texts.end[number]);
}

/** One live item by its id, or undefined if it is gone from the roadmap file. */
export function loadItemById(db: DB, id: number): StoredItem | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM items WHERE id = ? AND removed_at IS NULL`).raw().get(id) as ItemRecord | undefined;
  return row ? fromRecord(row, parseSection) : undefined;
}

/** Items by id, removed ones too (an undo names what it takes back), read through the primary key. */
export function loadItemsById(db: DB, ids: Iterable<number>): Map<number, StoredItem> {
  const byId = prepared(db, `SELECT ${COLUMNS} FROM items WHERE id = ?`).raw();
  const found = new Map<number, StoredItem>();
  for (const id of new Set(ids)) {
    const row = byId.get(id) as ItemRecord | undefined;
    if (row) found.set(id, fromRecord(row, parseSection));
  }
  return found;
}

/**
 * The live item with this number, or else the first with this exact key, read
 * through an index: a write naming an item need not load all of them.
 */
export function loadItemByNumberOrKey(db: DB, roadmapId: number, number: number | null, key: string): StoredItem | undefined {
  const row = (
    number !== null
      ? prepared(db, `SELECT ${COLUMNS} FROM items WHERE roadmap_id = ? AND number = ? AND removed_at IS NULL`).raw().get(roadmapId, number)
      : prepared(db, `SELECT ${COLUMNS} FROM items WHERE roadmap_id = ? AND key = ? AND removed_at IS NULL ORDER BY position, number LIMIT 1`)
          .raw()
          .get(roadmapId, key)
  ) as ItemRecord | undefined;
  return row ? fromRecord(row, parseSection) : undefined;
}

/** The text of the item with this number if it was removed from the roadmap file (an index lookup). */
export function removedItemText(db: DB, roadmapId: number, number: number): string | undefined {
  return prepared(db, 'SELECT text FROM items WHERE roadmap_id = ? AND number = ? AND removed_at IS NOT NULL').pluck().get(roadmapId, number) as
    | string
    | undefined;
}

const parseSection = (json: string) => JSON.parse(json) as string[];

/** The columns an item's line in the file sets, each with the parameter toParams gives it as. */
const FILE_COLUMNS = [
  ['key', 'key'],
  ['kind', 'kind'],
  ['text', 'text'],
  ['section_json', 'section'],
  ['group_label', 'group'],
  ['week_start', 'weekStart'],
  ['week_end', 'weekEnd'],
  ['effort_hours', 'effort'],
  ['optional', 'optional'],
  ['position', 'position'],
  ['line', 'line'],
  ['extra_json', 'extra'],
] as const satisfies readonly (readonly [string, keyof ReturnType<typeof toParams>])[];

/** The columns a new item is given: its roadmap and number, then what its line in the file sets. */
const INSERT_COLUMNS = [['roadmap_id', 'roadmapId'], ['number', 'number'], ...FILE_COLUMNS] as const;

// Bound by position: better-sqlite3 looks each named parameter up in the object, a fifth of an
// insert's time alone (10,000 items with the revision triggers: 72 -> 56 ms).
const INSERT_ITEM = `INSERT INTO items (${INSERT_COLUMNS.map(([column]) => column).join(', ')})
  VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;

export function insertItem(db: DB, roadmapId: number, item: NewItem): number {
  const params = toParams(roadmapId, item);
  const result = prepared(db, INSERT_ITEM).run(INSERT_COLUMNS.map(([, param]) => params[param]));
  return Number(result.lastInsertRowid);
}

// Only a row that changes: most of a re-imported file's items are as stored, and an update
// rewrites the row's page and runs the revision triggers for each row it touches.
const UPDATE_ITEM = `UPDATE items SET ${FILE_COLUMNS.map(([column, param]) => `${column} = @${param}`).join(', ')}, removed_at = NULL
  WHERE id = @id AND (removed_at IS NOT NULL OR ${FILE_COLUMNS.map(([column, param]) => `${column} IS NOT @${param}`).join(' OR ')})`;

/** Replaces what the roadmap file says about an item, and brings it back if removed; its id, number and history stay. */
export function updateItem(db: DB, id: number, item: NewItem): void {
  // The id added to toParams' object, not both spread into a new one: at 10,000 items the spread's
  // copies outlived their update (V8's heap grew by 4.5 MiB over the loop, at a re-import's peak).
  prepared(db, UPDATE_ITEM).run(Object.assign(toParams(0, item), { id }));
}

export function markItemRemoved(db: DB, id: number, at: string): void {
  prepared(db, 'UPDATE items SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
}
