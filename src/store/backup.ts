import type Database from 'better-sqlite3';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { readLines } from '../io/lines.js';
import { clearPlanViews } from './plan-views.js';
import { clearViews } from './views.js';
import type { DB } from './db.js';
import { BACKUP_SCHEMA, SCHEMA_VERSION } from './migrations.js';

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
/** A table's columns, as its shape names them: what staging inserts and the copy selects. */
const columnsOf = (table: TableName) => Object.keys(TABLES[table].shape);
/** The tables a backup holds, in an order that respects foreign keys. */
export const BACKUP_TABLES: readonly TableName[] = ['roadmaps', 'items', 'events', 'settings', 'plans'];

/** A backup's first fields. `schema` is checked before any row: a newer ai-learn's rows may not fit these shapes. */
const HeaderSchema = z.object({ format: z.literal('ai-learn-backup'), schema: int.min(1), exportedAt: text });

/** Which tables a backup must have; each row is checked on its own as it is read (BackupStage.row). */
const TablesSchema = z.object({
  roadmaps: z.array(z.unknown()),
  items: z.array(z.unknown()),
  events: z.array(z.unknown()),
  settings: z.array(z.unknown()),
  // Backups from schema 1 have no plans.
  plans: z.array(z.unknown()).optional(),
});

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
    let text = `{"format":"ai-learn-backup","schema":${BACKUP_SCHEMA},"exportedAt":${JSON.stringify(exportedAt)},"tables":{`;
    BACKUP_TABLES.forEach((table, k) => {
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
  return BACKUP_TABLES.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
}

/**
 * A backup checked row by row and written into a staging database as it is
 * read (`openScratchDatabase(file)`), so that it is never held whole: the
 * staging database then holds all of it, and `replaceFromStaging` copies it
 * into the real one. Each method throws one sentence naming `source` for the
 * first thing wrong, before the real database is touched.
 */
export class BackupStage {
  readonly counts: Record<TableName, number> = { roadmaps: 0, items: 0, events: 0, settings: 0, plans: 0 };
  private readonly inserts = new Map<TableName, Database.Statement>();

  constructor(
    private readonly db: DB,
    private readonly source: string,
  ) {
    // Checked once at the end (finish), where it can say how many rows are missing.
    db.pragma('foreign_keys = OFF');
    // Rows are appended in order: a small cache does, where SQLite's default 16 MB would add to the peak.
    db.pragma('cache_size = -2000');
    // Staging needs only the tables' own rules (NOT NULL, CHECK, UNIQUE): indexes for
    // reading and the revision triggers would cost a B-tree update per row.
    for (const { type, name } of db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL").all() as {
      type: string;
      name: string;
    }[]) {
      db.exec(`DROP ${type.toUpperCase()} ${name}`);
    }
  }

  /** `value` as `schema` takes it, or one sentence naming the first thing wrong, `at` the path to `value`. */
  private check<T>(schema: z.ZodType<T>, value: unknown, at: readonly PropertyKey[]): T {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const path = [...at, ...issue.path].map(String).join('.') || 'top level';
    throw new UserError(`${this.source} is not a valid ai-learn backup: ${path}: ${issue.message}.`);
  }

  private unrestorable(reason: string, cause?: unknown): UserError {
    return new UserError(`${this.source} cannot be restored: ${reason}; nothing was changed.`, { cause });
  }

  /** Checks the backup's format and schema: `value` is the backup, or its first line with its tables left out. */
  header(value: unknown): void {
    const { schema } = this.check(HeaderSchema, value, []);
    if (schema > SCHEMA_VERSION) {
      throw new UserError(`${this.source} was made by a newer ai-learn (schema ${schema}); upgrade ai-learn to restore it.`);
    }
  }

  /** Checks that the backup has every table it must: `tables` maps each table the backup has to its rows. */
  tables(tables: unknown): void {
    this.check(TablesSchema, tables, ['tables']);
  }

  /** Checks the next row of `table` and stages it. Tables this version does not know are passed over, as before. */
  row(table: string, value: unknown): void {
    if (!Object.hasOwn(TABLES, table)) return;
    const name = table as TableName;
    const row = this.check<Record<string, unknown>>(TABLES[name], value, ['tables', name, this.counts[name]++]);
    try {
      this.insert(name).run(row);
    } catch (cause) {
      // A row breaking the schema's rules (a number used twice); anything else (a full disk) is not the backup's fault.
      if (!String((cause as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw cause;
      throw this.unrestorable((cause as Error).message, cause);
    }
  }

  /** Refuses a backup whose rows refer to rows it does not contain. */
  finish(): void {
    const broken = this.db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw this.unrestorable(`the backup refers to ${broken.length} rows it does not contain`);
  }

  /** Forgets every staged row, to read the backup again another way. */
  reset(): void {
    for (const t of BACKUP_TABLES) {
      this.db.prepare(`DELETE FROM ${t}`).run();
      this.counts[t] = 0;
    }
  }

  private insert(table: TableName): Database.Statement {
    let statement = this.inserts.get(table);
    if (!statement) {
      const columns = columnsOf(table);
      statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      this.inserts.set(table, statement);
    }
    return statement;
  }
}

/** The first line writeBackup writes: the header, then the tables object left open. */
const HEADER_LINE = /^\{"format":.*,"tables":\{$/;
const TABLE_LINE = /^("[a-z_]+"):\[$/;
/** A header line is short: this much of the file must hold it, or the file is not in writeBackup's layout. */
const HEADER_BYTES = 1024;

/**
 * Reads the backup at `path` into `stage`. A backup in writeBackup's layout
 * (one row to a line) is read a line at a time; anything else (an older
 * backup, or one a tool has reformatted) is parsed whole, as JSON, which
 * takes several times its size in memory. Returns which way it was read.
 */
export function stageBackupFile(path: string, stage: BackupStage): 'lines' | 'whole' {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw unreadable(path, cause);
  }
  try {
    // Only a regular file can be read again from its start: a pipe (`restore <(gunzip -c …)`) is read whole.
    if (fstatSync(fd).isFile() && stageLines(fd, stage, path)) return 'lines';
    stage.reset();
    stageWhole(path, readWhole(fd, path), stage);
    return 'whole';
  } finally {
    closeSync(fd);
  }
}

function unreadable(path: string, cause: unknown): UserError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new UserError(code === 'ENOENT' ? `No such file: ${path}.` : `Cannot read ${path} (${code ?? 'error'}).`, { cause });
}

function readWhole(fd: number, path: string): string {
  try {
    return readFileSync(fd, 'utf8');
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/** Parses the whole text as JSON, then stages it as the line reader would. */
function stageWhole(path: string, raw: string, stage: BackupStage): void {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new UserError(`${path} is not a backup: it is not valid JSON (${(cause as Error).message}).`, { cause });
  }
  stage.header(json);
  const tables = (json as { tables?: unknown }).tables;
  stage.tables(tables);
  for (const table of BACKUP_TABLES) {
    for (const row of (tables as Partial<Record<TableName, unknown[]>>)[table] ?? []) stage.row(table, row);
  }
  stage.finish();
}

/**
 * Stages a backup in writeBackup's layout a line at a time, taking exactly
 * what JSON.parse would take from the same text. Returns false as soon as a
 * line is not in that layout (or not JSON), for the caller to parse the file
 * whole: it then reports what is wrong as JSON, or reads another layout.
 * The rows staged by then are for the caller to drop.
 */
function stageLines(fd: number, stage: BackupStage, path: string): boolean {
  try {
    return stageLinesOf(fd, stage);
  } catch (error) {
    // Reading the file failed (EIO, EISDIR): a system call's error. The staging database's are SQLite's, and pass.
    if ((error as NodeJS.ErrnoException).syscall === undefined) throw error;
    throw unreadable(path, error);
  }
}

function stageLinesOf(fd: number, stage: BackupStage): boolean {
  const start = Buffer.alloc(HEADER_BYTES);
  const head = start.subarray(0, readSync(fd, start, 0, HEADER_BYTES, 0)).toString('utf8');
  const newline = head.indexOf('\n');
  if (newline < 0 || !HEADER_LINE.test(head.slice(0, newline))) return false;

  const lines = readLines(fd);
  const header = parsed(`${lines.next().value as string}}}`);
  if (header === undefined) return false;
  stage.header(header);
  const seen = new Set<string>();
  let table: string | null = null;
  let rows = 0; // rows of the open table so far
  let comma = false; // the last row ended in ",": another must follow
  let done = false;
  for (const line of lines) {
    if (done) {
      if (line !== '') return false; // only the final newline may follow
    } else if (table === null) {
      const name = TABLE_LINE.exec(line)?.[1];
      if (name === undefined) return false;
      table = JSON.parse(name) as string;
      if (seen.has(table)) return false; // JSON.parse keeps the last one: leave that to it
      seen.add(table);
      rows = 0;
      comma = false;
    } else if (line === '],' || line === ']}}') {
      if (comma) return false;
      table = null;
      done = line === ']}}';
    } else {
      if (rows > 0 && !comma) return false;
      comma = line.endsWith(',');
      const row = parsed(comma ? line.slice(0, -1) : line);
      if (row === undefined) return false;
      try {
        stage.row(table, row);
      } catch (error) {
        // The text may give this table again further on, and JSON.parse keeps the last: let the whole parse judge.
        if (error instanceof UserError) return false;
        throw error;
      }
      rows++;
    }
  }
  if (!done) return false;
  stage.tables(Object.fromEntries([...seen].map((t) => [t, []])));
  stage.finish();
  return true;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Replaces all stored data with the staged backup's, in one transaction: the
 * database then holds exactly the backup, or, if anything fails, what it held.
 */
export function replaceFromStaging(db: DB, staged: string): void {
  db.prepare('ATTACH DATABASE ? AS staged').run(staged);
  try {
    // The copy reads the staged rows in order and appends them: small caches do (with
    // SQLite's default of 16 MB for each, a restore at scale peaked 15 MiB higher).
    db.pragma('staged.cache_size = -1000');
    db.pragma('main.cache_size = -4000');
    db.transaction(() => {
      db.prepare('DELETE FROM main.snapshots').run(); // derived from the log being replaced
      clearViews(db); // likewise
      clearPlanViews(db);
      for (const t of [...BACKUP_TABLES].reverse()) db.prepare(`DELETE FROM main.${t}`).run();
      for (const t of BACKUP_TABLES) {
        const columns = columnsOf(t).join(', ');
        db.prepare(`INSERT INTO main.${t} (${columns}) SELECT ${columns} FROM staged.${t} ORDER BY rowid`).run();
      }
    }).immediate();
  } finally {
    db.prepare('DETACH DATABASE staged').run();
  }
}
