/**
 * Processes writing to the same home at once: nothing is lost, no command
 * fails, nobody sees "locked" (WAL plus the busy timeout must absorb it).
 *
 * The races on a first open and on an import are made deterministic by
 * holding the write lock from the test while the commands start, so that
 * each reads the database before any of them can write.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, json, ok, ROOT, runAsync, seed, tempDir } from '../helpers/cli.js';

const WRITER = join(import.meta.dirname, 'writer.mjs');
const PER_WRITER = 200;

interface WriterReport {
  name: string;
  commands: number;
  logs: number;
  statusChanges: number;
  failures: { args: string[]; code: number | null; signal: string | null; stderr: string }[];
  ms: number;
}

function startWriter(home: string, name: string, firstItem: number): Promise<WriterReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, CLI, home, name, String(PER_WRITER), String(firstItem)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`writer ${name} exited ${code}: ${err}`));
      resolve(JSON.parse(out) as WriterReport);
    });
  });
}

describe('two processes writing at once', () => {
  it(`stores all ${2 * PER_WRITER} sessions and every status change, with no failed or locked command`, { timeout: 120_000 }, async () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);

    const started = Date.now();
    const reports = await Promise.all([startWriter(home, 'alpha', 1), startWriter(home, 'beta', 6)]);
    console.log(
      `concurrent writers: ${reports.map((r) => `${r.name} ${r.commands} commands in ${r.ms} ms`).join(', ')}; wall ${Date.now() - started} ms`,
    );

    for (const r of reports) {
      for (const f of r.failures) console.log(`${r.name}: ai-learn ${f.args.join(' ')} → ${f.signal ?? `exit ${f.code}`}: ${f.stderr.split('\n').find((l) => /Error|ai-learn:/.test(l)) ?? f.stderr.slice(0, 200)}`);
      expect(r.failures, `${r.name}: failed commands`).toEqual([]);
      expect(r.logs).toBe(PER_WRITER);
      expect(r.statusChanges).toBe(PER_WRITER / 4);
    }

    const backup = JSON.parse(ok(home, ['export', '--format', 'json']));
    const events: any[] = backup.tables.events;
    expect(events.filter((e) => e.type === 'undo')).toEqual([]);
    const sessions = events.filter((e) => e.type === 'session');
    expect(sessions).toHaveLength(2 * PER_WRITER);
    const notes = new Set(sessions.map((e) => e.note));
    for (const name of ['alpha', 'beta']) {
      for (let i = 0; i < PER_WRITER; i++) expect(notes.has(`${name} session ${i}`), `${name} session ${i}`).toBe(true);
    }
    // The two really wrote at the same time: in the log, their sessions take turns many times.
    const writers = sessions.map((e) => String(e.note).split(' ')[0]);
    const turns = writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length;
    expect(turns, 'alternations between the two writers').toBeGreaterThanOrEqual(20);

    // Every status change was stored: each writer's 50 alternate done/reset on its own five items.
    const idOf = new Map<number, number>(backup.tables.items.map((i: any) => [i.number, i.id]));
    const statusEvents = events.filter((e) => e.type === 'status');
    for (const [first, name] of [
      [1, 'alpha'],
      [6, 'beta'],
    ] as const) {
      const own = new Set([0, 1, 2, 3, 4].map((k) => idOf.get(first + k)));
      expect(statusEvents.filter((e) => own.has(e.item_id)), name).toHaveLength(PER_WRITER / 4);
    }
    // Each command got its own batch (what `undo` reverses): no two concurrent commands shared one.
    const commandEvents = [...sessions, ...statusEvents];
    expect(new Set(commandEvents.map((e) => e.batch)).size).toBe(commandEvents.length);

    const progress = json(home, ['progress']);
    expect(progress.sessions).toBe(2 * PER_WRITER);
    expect(progress.hours.logged).toBeCloseTo((2 * PER_WRITER) / 60, 1);
    // Each pair ended with a reset: nothing is done.
    expect(progress.items.done).toBe(0);
  });

  it('two first commands at once on a fresh home both succeed (the schema is created once)', { timeout: 60_000 }, async () => {
    const home = tempDir();
    // An empty database file, as the first command creates it, held with a write lock so that
    // both commands open it, find no schema, and then wait for the lock together.
    const holder = new Database(join(home, 'ai-learn.db'));
    holder.exec('BEGIN IMMEDIATE');
    const files = ['tiny.md', 'lectures.md'].map((f) => join(ROOT, 'test', 'fixtures', f));
    const running = Promise.all(files.map((f) => runAsync(home, ['import', f])));
    await new Promise((r) => setTimeout(r, 2000));
    holder.exec('ROLLBACK');
    holder.close();
    const results = await running;
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(json<any[]>(home, ['roadmaps'])).toHaveLength(2);
  });

  it('the same roadmap imported twice at once is stored once (the second import updates it)', { timeout: 60_000 }, async () => {
    const home = tempDir();
    ok(home, ['import', join(ROOT, 'test', 'fixtures', 'lectures.md')]);
    // Hold the write lock so that both imports look for an existing roadmap before either stores one.
    const holder = new Database(join(home, 'ai-learn.db'));
    holder.exec('BEGIN IMMEDIATE');
    const tiny = join(ROOT, 'test', 'fixtures', 'tiny.md');
    const running = Promise.all([tiny, tiny].map((f) => runAsync(home, ['import', f])));
    await new Promise((r) => setTimeout(r, 2000));
    holder.exec('ROLLBACK');
    holder.close();
    for (const r of await running) expect(r.code, r.stderr).toBe(0);
    const names = json<any[]>(home, ['roadmaps']).map((r) => r.name);
    expect(names.filter((n) => n.startsWith('tiny-study-plan'))).toEqual(['tiny-study-plan']);
  });
});

