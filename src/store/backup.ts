import { z } from 'zod';
import { clearViews } from './views.js';
import type { DB } from './db.js';
import { SCHEMA_VERSION } from './migrations.js';

const int = z.number().int();
const text = z.string();
const nullable = <T extends z.ZodType>(t: T) => t.nullable();
/** A column holding JSON text: it must parse to what `shape` allows, or every later read would fail on it. */
const jsonText = (shape: z.ZodType, what: string) =>
  text.refine(
    (value) => {
      try {
        return shape.safeParse(JSON.parse(value)).success;
      } catch {
        return false;
      }
    },
    { message: `not JSON text of ${what}` },
  );
const jsonObject = jsonText(z.record(z.string(), z.unknown()), 'an object');
const jsonStrings = jsonText(z.array(z.string()), 'a list of strings');

/** Row shapes of each table, as the current schema stores them. */
const TABLES = {
  roadmaps: z.strictObject({
    id: int,
    name: text,
    title: text,
    source: text,
    content_hash: text,
    model_json: jsonObject,
    started_on: text,
    imported_at: text,
    updated_at: text,
  }),
  items: z.strictObject({
    id: int,
    roadmap_id: int,
    number: int,
    key: text,
    kind: z.enum(['task', 'topic', 'reading', 'resource', 'project', 'deliverable', 'checkpoint', 'milestone']),
    text,
    section_json: jsonStrings,
    group_label: nullable(text),
    week_start: nullable(int),
    week_end: nullable(int),
    effort_hours: z.number(),
    optional: z.union([z.literal(0), z.literal(1)]),
    position: int,
    line: nullable(int),
    extra_json: nullable(jsonObject),
    removed_at: nullable(text),
  }),
  events: z.strictObject({
    id: int,
    roadmap_id: int,
    batch: int,
    item_id: nullable(int),
    type: z.enum(['status', 'session', 'note', 'estimate', 'clock', 'undo']),
    status: nullable(z.enum(['todo', 'doing', 'done', 'skipped'])),
    minutes: nullable(z.number()),
    day: nullable(text),
    note: nullable(text),
    ref: nullable(int),
    at: text,
  }),
  settings: z.strictObject({ key: text, value: text }),
  plans: z.strictObject({
    roadmap_id: int,
    start_on: nullable(text),
    hours_per_week: nullable(z.number()),
    days_json: nullable(jsonStrings),
    from_section: nullable(text),
    include_json: jsonStrings,
    target_weeks: nullable(int),
    rest_days: nullable(int),
    updated_at: text,
  }),
} as const;

type TableName = keyof typeof TABLES;
/** Insertion order respects foreign keys. */
const ORDER: TableName[] = ['roadmaps', 'items', 'events', 'settings', 'plans'];

export const BackupSchema = z.object({
  format: z.literal('ai-learn-backup'),
  schema: int.min(1),
  exportedAt: text,
  tables: z.object({
    roadmaps: z.array(TABLES.roadmaps),
    items: z.array(TABLES.items),
    events: z.array(TABLES.events),
    settings: z.array(TABLES.settings),
    // Backups from schema 1 have no plans.
    plans: z.array(TABLES.plans).default([]),
  }),
});
export type Backup = z.infer<typeof BackupSchema>;

/** write() gets the backup's text in pieces of about this many characters. */
const PIECE = 1 << 16;

/**
 * A complete, versioned copy of everything stored, as JSON (a Backup), one
 * row to a line. It is read in one transaction, so the tables agree, and
 * handed to `write` in pieces as the rows are read: a backup of 100,000
 * events is never held whole, as rows or as text. Returns how many rows of
 * each table it wrote.
 */
export function writeBackup(db: DB, exportedAt: string, write: (text: string) => void): Record<TableName, number> {
  return db.transaction(() => {
    const counts = {} as Record<TableName, number>;
    let text = `{"format":"ai-learn-backup","schema":${SCHEMA_VERSION},"exportedAt":${JSON.stringify(exportedAt)},"tables":{`;
    ORDER.forEach((table, k) => {
      text += `${k > 0 ? ',' : ''}\n${JSON.stringify(table)}:[`;
      let n = 0;
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate()) {
        text += `${n++ > 0 ? ',' : ''}\n${JSON.stringify(row)}`;
        if (text.length >= PIECE) {
          write(text);
          text = '';
        }
      }
      text += '\n]';
      counts[table] = n;
    });
    write(`${text}}}\n`);
    return counts;
  })();
}

export function countRows(db: DB): number {
  return ORDER.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
}

/** Replaces all stored data with the backup's. Run inside a transaction. */
export function replaceWithBackup(db: DB, backup: Backup): void {
  db.prepare('DELETE FROM snapshots').run(); // derived from the log being replaced
  clearViews(db); // likewise
  for (const t of [...ORDER].reverse()) db.prepare(`DELETE FROM ${t}`).run();
  for (const t of ORDER) {
    const rows = backup.tables[t] as Record<string, unknown>[];
    const columns = Object.keys(TABLES[t].shape);
    const insert = db.prepare(`INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const row of rows) insert.run(row);
  }
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`the backup refers to ${broken.length} rows it does not contain`);
}
