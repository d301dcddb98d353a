import type { Statement } from 'better-sqlite3';
import type { ItemKind, WeekRange, Paper, Course } from '../roadmap/model.js';
import type { DB } from './db.js';

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

/**
 * Parses section paths once per distinct path: a roadmap of 10,000 items has
 * a few hundred. The arrays are shared, so callers must not change them.
 */
function sectionParser(): (json: string) => string[] {
  const seen = new Map<string, string[]>();
  return (json) => {
    let path = seen.get(json);
    if (!path) {
      path = JSON.parse(json) as string[];
      seen.set(json, path);
    }
    return path;
  };
}

function fromRecord(r: ItemRecord, sectionOf: (json: string) => string[]): StoredItem {
  const [id, number, key, kind, text, sectionJson, group, weekStart, weekEnd, effort, optional, position, line, extraJson, removedAt] = r;
  const item: StoredItem = {
    id,
    number,
    key,
    kind,
    text,
    section: sectionOf(sectionJson),
    group,
    weeks: weekStart === null || weekEnd === null ? null : { start: weekStart, end: weekEnd },
    effortHours: effort,
    optional: optional === 1,
    position,
    line,
    removedAt,
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

/** Items of a roadmap in document order; removed ones (kept for their history) only when asked. */
export function loadItems(db: DB, roadmapId: number, options: { includeRemoved?: boolean } = {}): StoredItem[] {
  const where = options.includeRemoved ? '' : 'AND removed_at IS NULL';
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM items WHERE roadmap_id = ? ${where} ORDER BY removed_at IS NOT NULL, position, number`)
    .raw()
    .all(roadmapId) as ItemRecord[];
  const sectionOf = sectionParser();
  return rows.map((r) => fromRecord(r, sectionOf));
}

const statements = new WeakMap<DB, Map<string, Statement>>();

/**
 * A write statement prepared once per connection: an import writes thousands
 * of items, and a statement prepared per row cost a quarter of a second at
 * 10,000 items, and held SQLite's memory for each until garbage collection.
 */
function prepared(db: DB, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

const INSERT_ITEM = `INSERT INTO items (roadmap_id, number, key, kind, text, section_json, group_label, week_start, week_end,
    effort_hours, optional, position, line, extra_json)
  VALUES (@roadmapId, @number, @key, @kind, @text, @section, @group, @weekStart, @weekEnd,
    @effort, @optional, @position, @line, @extra)`;

export function insertItem(db: DB, roadmapId: number, item: NewItem): number {
  const result = prepared(db, INSERT_ITEM).run(toParams(roadmapId, item));
  return Number(result.lastInsertRowid);
}

const UPDATE_ITEM = `UPDATE items SET key = @key, kind = @kind, text = @text, section_json = @section, group_label = @group,
    week_start = @weekStart, week_end = @weekEnd, effort_hours = @effort, optional = @optional,
    position = @position, line = @line, extra_json = @extra, removed_at = NULL
  WHERE id = @id`;

/** Replaces what the roadmap file says about an item; its id, number and history stay. */
export function updateItem(db: DB, id: number, item: NewItem): void {
  prepared(db, UPDATE_ITEM).run({ ...toParams(0, item), id });
}

export function markItemRemoved(db: DB, id: number, at: string): void {
  prepared(db, 'UPDATE items SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
}
