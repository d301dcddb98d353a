import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError, UserError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { databasePath } from './paths.js';

export type DB = Database.Database;

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection, for statements run row by row:
 * an import writes thousands of items, and preparing per row cost a quarter
 * of a second at 10,000 items and held SQLite memory until garbage collection.
 */
export function prepared(db: DB, sql: string): Database.Statement {
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

/** Set by the build: in the bundle, better-sqlite3's JavaScript is inlined but its addon is not. */
declare const __AI_LEARN_BUNDLE__: boolean | undefined;

function addonOptions(): Database.Options {
  if (typeof __AI_LEARN_BUNDLE__ === 'undefined') return {};
  return { nativeBinding: require.resolve('better-sqlite3/build/Release/better_sqlite3.node') };
}

export interface OpenOptions {
  /** Create the home and the database if missing (only commands that write data). */
  create: boolean;
  /** Milliseconds to wait for another process's write lock. */
  busyTimeoutMs?: number;
  /**
   * Where the database cannot be opened for writing (a read-only folder or
   * file), read a copy of it in memory instead. Only for commands that never
   * write what the learner did: the copy refuses writes, and caches written
   * to it are dropped.
   */
  copyIfReadOnly?: boolean;
}

/**
 * SQLite's page cache per connection, in KiB when negative: SQLite's own
 * default, 2 MiB. better-sqlite3 builds SQLite with 16 MB, for servers that
 * read the same pages again and again; a command reads most pages once, and
 * one that read them all kept all of them: `export --format json` at 10,000
 * items and 100,000 events peaked at 75 MiB instead of 67, `remove` at 63
 * instead of 51, and the import's writes took 6 MiB instead of 3 (docs/performance.md,
 * "SQLite's page cache").
 */
const PAGE_CACHE = -2048;

/**
 * Opens the database in `home`, migrating it to the current schema.
 * Returns null when there is no database yet and `create` is false, so that
 * read-only commands never create files.
 */
export function openDatabase(home: string, options: OpenOptions): DB | null {
  const file = databasePath(home);
  if (!existsSync(file)) {
    if (!options.create) return null;
    if (existsSync(home) && !statSync(home).isDirectory()) {
      throw new UserError(`The data home ${home} is a file, not a directory; point --home or AI_LEARN_HOME at a directory.`);
    }
    try {
      mkdirSync(home, { recursive: true });
    } catch (cause) {
      throw new UserError(`Cannot create the data home ${home}${whyNotCreated(home, cause)}; choose another with --home or AI_LEARN_HOME.`, { cause });
    }
  }
  probeReadOnly(file);
  let db: DB | undefined;
  try {
    db = new Database(file, { fileMustExist: !options.create, ...addonOptions() });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    migrate(db, file);
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${PAGE_CACHE}`);
    return db;
  } catch (error) {
    db?.close();
    if (options.copyIfReadOnly && cannotWrite(home, file, error)) return openCopy(file);
    throw translateSqliteError(error, file);
  }
}

/**
 * Did opening fail only because nothing may be written beside the database
 * (its folder or the file is read-only), while the file itself can be read?
 * A rollback journal left by an interrupted write does not count: only a
 * write can undo it, and the file alone would show the half-done write.
 */
function cannotWrite(home: string, file: string, error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY'))) return false;
  if (existsSync(`${file}-journal`)) return false;
  try {
    accessSync(file, constants.R_OK);
  } catch {
    return false;
  }
  try {
    accessSync(home, constants.W_OK);
    accessSync(file, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * The database's pages. Beside a -wal file (its newest transactions) they
 * are read through SQLite, which can open a WAL database in a read-only
 * folder when the -shm file exists. Without one the file holds everything
 * (a writer in WAL mode writes only to the WAL, and checkpoints only while it
 * exists), so its bytes are read as they are, and read again should a writer
 * have started meanwhile.
 */
function databaseBytes(file: string): Buffer {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (existsSync(`${file}-wal`)) {
      const source = new Database(file, { readonly: true, fileMustExist: true, ...addonOptions() });
      try {
        schemaVersion(source); // opens the file and its WAL for real, so errors come with SQLite's code
        return source.serialize();
      } finally {
        source.close();
      }
    }
    const before = statSync(file);
    const bytes = readFileSync(file);
    const after = statSync(file);
    const unchanged = before.mtimeMs === after.mtimeMs && before.size === after.size && bytes.length === after.size;
    if (unchanged && !existsSync(`${file}-wal`) && !existsSync(`${file}-journal`)) return bytes;
  }
  throw new StoreError(`The database ${file} kept changing while it was read; try again.`);
}

/**
 * The database as a copy in memory, migrated there if it is older, that
 * refuses writes (`query_only`): for commands that only read, where the
 * database cannot be opened for writing.
 */
function openCopy(file: string): DB {
  let db: DB | undefined;
  try {
    const bytes = databaseBytes(file);
    // Bytes 18 and 19 of the header say "WAL", which a database in memory cannot be: the copy says "rollback journal".
    if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
    db = new Database(bytes, addonOptions());
    migrate(db, file);
    db.pragma('foreign_keys = ON');
    db.pragma('query_only = ON');
    return db;
  } catch (error) {
    db?.close();
    const translated = translateSqliteError(error, file);
    if (translated instanceof UserError) throw translated;
    // The file system's own error: the file went away or changed its permissions between the check and the read.
    const code = (error as { code?: unknown }).code;
    throw new StoreError(`Cannot read the database ${file}${typeof code === 'string' ? ` (${code})` : ''}; check the permissions of its folder.`, { cause: error });
  }
}

/**
 * Why a folder could not be made, for the sentence that says so. A
 * recursive mkdir reports ENOENT for a missing folder on a read-only file
 * system (EROFS underneath), so the nearest folder that exists is asked.
 */
function whyNotCreated(home: string, cause: unknown): string {
  let dir = dirname(resolve(home));
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    return `: ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return ` (${(cause as NodeJS.ErrnoException).code ?? 'error'})`;
}

/** An empty database with the current schema, in memory or in a new `file`: to try a change before it touches the real one. */
export function openScratchDatabase(file = ':memory:'): DB {
  const db = new Database(file, addonOptions());
  // Nothing to recover after a crash, the database is thrown away: no journal
  // file and no syncs. (better-sqlite3's defensive mode refuses journal_mode OFF.)
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  migrate(db, file);
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * When a -wal file is left beside the database (a crash, or another process
 * has it open), reads it through a read-only connection first: a damaged
 * database is refused without the read-write connection's close writing that
 * log into it. Without a -wal file there is nothing to write, and no probe.
 */
function probeReadOnly(file: string): void {
  if (!existsSync(`${file}-wal`) || statSync(file).size === 0) return;
  let probe: DB | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, ...addonOptions() });
    schemaVersion(probe);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) || code === 'AI_LEARN_FOREIGN') {
      throw translateSqliteError(error, file);
    }
    // Anything else (a lock, a read-only folder without -shm) is for the read-write open to report.
  } finally {
    probe?.close();
  }
}

function migrate(db: DB, file: string): void {
  const refuseNewer = (version: number) => {
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        `The database ${file} was written by a newer ai-learn (schema ${version}, this version knows ${SCHEMA_VERSION}); upgrade ai-learn to use it.`,
      );
    }
  };
  const seen = schemaVersion(db);
  refuseNewer(seen);
  if (seen === SCHEMA_VERSION) return;
  // Another process may be migrating too: take the write lock, then look again.
  db.transaction(() => {
    const current = schemaVersion(db);
    refuseNewer(current);
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version > current)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    }
  }).immediate();
}

function schemaVersion(db: DB): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) {
    const others = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (others.n > 0) throw Object.assign(new Error('not an ai-learn database'), { code: 'AI_LEARN_FOREIGN' });
    return 0;
  }
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Turns SQLite's errors into one sentence that names the file and what to do. */
export function translateSqliteError(error: unknown, file: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const make = (message: string) => new StoreError(message, { cause: error });
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return make(`The database ${file} is locked by another program; wait for it to finish and try again.`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'AI_LEARN_FOREIGN') {
    return make(`The database ${file} is damaged or is not an ai-learn database; move it aside and run \`ai-learn restore BACKUP.json\`.`);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM') {
    return make(`Cannot read or write the database ${file} (${code}); check the permissions of its folder.`);
  }
  if (code === 'SQLITE_FULL') {
    return make(`The disk holding ${file} is full; nothing was saved. Free some space and try again.`);
  }
  return error;
}
