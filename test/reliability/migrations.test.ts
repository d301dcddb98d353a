/**
 * A database made by the first schema version, with data, migrates to the
 * current one with nothing lost.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { json, ok, ROOT, runAsync, seed, tempDir } from '../helpers/cli.js';
import { loadSchema1, SCHEMA1, seenNow } from '../helpers/schema1.js';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');
const LATER = '2026-04-20T18:00:00';

/** The columns each table had in schema 1, read from the first migration itself. */
function v1Columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

/** Writes a schema-1 database holding the rows of a current backup (minus what v1 lacks), as ai-learn 1 would have. */
function buildV1(home: string, tables: Record<string, Record<string, unknown>[]>): void {
  const db = new Database(join(home, 'ai-learn.db'));
  db.transaction(() => {
    // Exactly what src/store/db.ts does for the first migration.
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    db.exec(MIGRATIONS[0]!.sql);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(1, '2026-01-01T00:00:00.000Z');
  })();
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const v1Tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'schema_version'").all() as { name: string }[]).map((t) => t.name);
  expect(v1Tables.sort()).toEqual(['events', 'items', 'roadmaps', 'settings']);
  db.transaction(() => {
    for (const table of ['roadmaps', 'items', 'events', 'settings']) {
      const columns = v1Columns(db, table);
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      for (const row of tables[table]!) insert.run(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
    }
  })();
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
}

describe('migrations', () => {
  it(`a schema-1 database with data migrates to schema ${SCHEMA_VERSION} with nothing lost`, { timeout: 120_000 }, () => {
    expect(MIGRATIONS[0]!.version).toBe(1);
    expect(SCHEMA_VERSION).toBeGreaterThan(1);

    // The data, made with the current CLI: two roadmaps and some history, without plan settings (v1 had none).
    const home = tempDir();
    ok(home, ['import', TINY], { now: '2026-02-27T08:00:00' });
    ok(home, ['done', '1'], { now: '2026-02-28T08:00:00' });
    ok(home, ['import', seed('000')], { now: '2026-03-02T08:00:00' });
    ok(home, ['done', '1', '2', '3'], { now: '2026-03-03T20:00:00' });
    ok(home, ['log', '90m', '2', '-m', 'before the upgrade'], { now: '2026-03-03T20:10:00' });
    ok(home, ['skip', '6'], { now: '2026-03-05T20:00:00' });
    ok(home, ['undo'], { now: '2026-03-05T20:01:00' });
    ok(home, ['start', '4'], { now: '2026-03-07T10:00:00' });
    ok(home, ['stop'], { now: '2026-03-07T11:30:00' });
    ok(home, ['note', '5', 'remember this'], { now: '2026-03-08T10:00:00' });
    ok(home, ['estimate', '7', '3h'], { now: '2026-03-08T10:01:00' });
    const backup = JSON.parse(ok(home, ['export', '--format', 'json'], { now: LATER }));
    const expected = {
      progress: json(home, ['progress'], { now: LATER }),
      show: json(home, ['show'], { now: LATER }),
      streak: json(home, ['streak'], { now: LATER }),
    };
    expect(backup.tables.plans).toEqual([]);

    const old = tempDir();
    buildV1(old, backup.tables);

    // The first command on it migrates it.
    expect(json(old, ['progress'], { now: LATER })).toEqual(expected.progress);
    expect(json(old, ['show'], { now: LATER })).toEqual(expected.show);
    expect(json(old, ['streak'], { now: LATER })).toEqual(expected.streak);

    const db = new Database(join(old, 'ai-learn.db'), { readonly: true });
    try {
      const versions = (db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]).map((r) => r.version);
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
      expect(Math.max(...versions)).toBe(SCHEMA_VERSION);
      expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(backup.tables.events.length);
      expect((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBe(backup.tables.items.length);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // Row for row the same data as the database it was made from.
    expect(JSON.parse(ok(old, ['export', '--format', 'json'], { now: LATER })).tables).toEqual(backup.tables);

    // And it keeps working: a new plan setting and a session are stored in the migrated file.
    ok(old, ['plan', '--hours', '6'], { now: LATER });
    ok(old, ['log', '30m'], { now: LATER });
    expect(json(old, ['progress'], { now: LATER }).sessions).toBe(expected.progress.sessions + 1);
    expect(json(old, ['plan'], { now: LATER }).hoursPerWeek).toBe(6);
  });

  it('a database made by ai-learn at schema 1 migrates and shows what that version showed, every stored row kept as it was', { timeout: 120_000 }, () => {
    const home = tempDir();
    loadSchema1(home);
    const rowsOf = (db: Database.Database) =>
      Object.fromEntries(['roadmaps', 'items', 'events', 'settings'].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
    let before: Record<string, unknown[]>;
    {
      const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
      expect(db.prepare('SELECT max(version) AS v FROM schema_version').get()).toEqual({ v: 1 });
      before = rowsOf(db);
      db.close();
    }
    expect(before.events!.length).toBeGreaterThan(10);

    // The first command migrates; then both roadmaps show what ai-learn at schema 1 showed.
    const now = SCHEMA1.now;
    expect(json<any[]>(home, ['roadmaps'], { now }).map(({ name, title, current }) => ({ name, title, current }))).toEqual(SCHEMA1.roadmaps);
    const seen = seenNow(home);
    for (const { name } of SCHEMA1.roadmaps) expect(seen[name], name).toEqual(SCHEMA1[name]);
    // The item the re-import dropped keeps its status, and views that schema 1 did not have work on its data.
    expect(ok(home, ['show', '--removed'], { now })).toMatch(/\(removed from the roadmap file\)\n {2}\[-\] #5 Plot the learning curve\n/);
    expect(json(home, ['plan'], { now })).toMatchObject({ roadmap: 'Tiny Study Plan', start: '2026-02-27' });
    expect(json(home, ['today'], { now }).items.map((i: { number: number; status: string }) => `${i.number} ${i.status}`)).toEqual(['1 done', '2 doing', '3 doing']);
    expect(json(home, ['week'], { now })).toMatchObject({ week: 1, loggedHours: 1.3 });
    expect(json(home, ['streak'], { now })).toMatchObject({ current: 2, today: 'studied' });
    expect(json(home, ['calendar'], { now }).days).toEqual([{ day: '2026-02-27', minutes: 75 }]);

    const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
    try {
      const versions = (db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]).map((r) => r.version);
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every old row is still there with the values it had (migrations only add columns).
      const after = rowsOf(db);
      for (const [table, rows] of Object.entries(before)) {
        expect(after[table]!.length, table).toBe(rows.length);
        rows.forEach((row, i) => expect(after[table]![i], `${table} row ${i}`).toMatchObject(row as object));
      }
    } finally {
      db.close();
    }

    // The clock schema 1 left running still stops, logging the time to its item.
    expect(ok(home, ['stop', '-m', 'after the upgrade'], { now: '2026-03-02T19:00:00' })).toBe('Logged 1h on #3 Write a two-layer network with autograd.\n');
    const progress = json(home, ['progress'], { now: '2026-03-02T19:00:00' });
    expect(progress.sessions).toBe(SCHEMA1['tiny-study-plan']!.progress.sessions + 1);
    expect(progress.hours.logged).toBeCloseTo(SCHEMA1['tiny-study-plan']!.progress.hours.logged + 1, 1);
  });

  it('processes opening a schema-1 database at once all succeed: one migrates, the others wait and see it done', { timeout: 60_000 }, async () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const backup = JSON.parse(ok(home, ['export', '--format', 'json']));
    const expected = JSON.stringify(json(home, ['show']));
    const old = tempDir();
    buildV1(old, backup.tables);
    // Hold the write lock so that every process reads "schema 1" and then waits for the lock.
    const holder = new Database(join(old, 'ai-learn.db'));
    holder.exec('BEGIN IMMEDIATE');
    const running = Promise.all([0, 1, 2].map(() => runAsync(old, ['show', '--json'])));
    await new Promise((r) => setTimeout(r, 1500));
    holder.exec('ROLLBACK');
    holder.close();
    for (const r of await running) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.stringify(JSON.parse(r.stdout))).toBe(expected);
    }
    const db = new Database(join(old, 'ai-learn.db'), { readonly: true });
    try {
      const versions = (db.prepare('SELECT version FROM schema_version ORDER BY version').all() as { version: number }[]).map((r) => r.version);
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      db.close();
    }
  });
});

