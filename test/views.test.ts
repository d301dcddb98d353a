import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations.js';
import { ok, seed, tempDir } from './helpers/cli.js';

// Read commands cache what they compute in the `views` table, keyed by a
// revision counter that triggers move on every change of tracked data, the
// day and the build (src/store/views.ts). These tests hold the cache to its
// promise: the same output as computing afresh, and never a stale answer.

const NOW = '2026-03-20T09:00:00';
const READS = [
  ['progress'],
  ['progress', '--json'],
  ['next', '--count', '4'],
  ['next', '--json'],
  ['today'],
  ['today', '--json'],
  ['streak'],
  ['streak', '--by', 'week', '--json'],
  ['calendar'],
  ['calendar', '--json'],
  ['show'],
  ['show', 'phase 1'],
  ['show', '--json'],
  ['show', '--removed', '--json'],
  ['roadmaps'],
  ['roadmaps', '--json'],
  ['milestones'],
  ['checkpoints', '--json'],
  ['week'],
  ['week', '2', '--json'],
];
const OFF = { AI_LEARN_VIEW_CACHE: 'off' };

function trackedHome(): string {
  const home = tempDir();
  ok(home, ['import', seed('000')], { now: '2026-03-01T09:00:00' });
  ok(home, ['plan', '--start', '2026-03-02', '--hours', '6'], { now: '2026-03-01T09:00:00' });
  for (const [day, minutes] of [['2026-03-02', '50m'], ['2026-03-04', '1h'], ['2026-03-18', '2h']] as const) {
    ok(home, ['log', minutes, '--date', day], { now: NOW });
  }
  ok(home, ['done', '1'], { now: NOW });
  ok(home, ['start', '2'], { now: NOW });
  return home;
}

const views = (home: string) => {
  const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
  try {
    return db.prepare('SELECT name, day FROM views ORDER BY name').all() as { name: string; day: string }[];
  } finally {
    db.close();
  }
};

/** Puts `text` in place of the roadmap's name in every cached view, to see which answers come from the cache. */
function tamper(home: string, from: string, to: string): void {
  const db = new Database(join(home, 'ai-learn.db'));
  db.prepare('UPDATE views SET data = replace(data, ?, ?)').run(from, to);
  db.close();
}

describe('cached views', () => {
  it('show exactly what computing afresh shows, on the first read and on later ones', () => {
    const home = trackedHome();
    for (const args of READS) {
      const fresh = ok(home, args, { now: NOW, env: OFF });
      expect(ok(home, args, { now: NOW }), args.join(' ')).toBe(fresh); // computes and stores
      expect(ok(home, args, { now: NOW }), args.join(' ')).toBe(fresh); // reads back
    }
    expect(views(home).map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'calendar',
        'checkpoints:json',
        'milestones',
        'next:4',
        'next:5',
        'progress:3',
        'roadmaps',
        'show',
        'show:json:printed',
        'show:printed:80:plain:text',
        'show:removed:json:printed',
        'streak',
        'streak:week',
        'today',
        'week',
        'week:2',
      ]),
    );
  });

  it('keep a printed listing per colouring, so a coloured show never gets the plain one', () => {
    const home = trackedHome();
    const plain = ok(home, ['show'], { now: NOW });
    const colored = ok(home, ['show'], { now: NOW, env: { FORCE_COLOR: '1' } });
    expect(colored).not.toBe(plain);
    expect(colored).toContain('\u001b[');
    expect(colored).toBe(ok(home, ['show'], { now: NOW, env: { FORCE_COLOR: '1', ...OFF } }));
    expect(ok(home, ['show'], { now: NOW })).toBe(plain);
  });

  it('are read back, and are never used once anything is written, on another day or by another build', () => {
    const home = trackedHome();
    const title = JSON.parse(ok(home, ['progress', '--json'], { now: NOW })).roadmap as string;
    tamper(home, title, 'FROM THE CACHE');
    expect(JSON.parse(ok(home, ['progress', '--json'], { now: NOW })).roadmap).toBe('FROM THE CACHE');

    // Every kind of write moves the revision on: a session, a status, a note, an estimate, the plan, undo.
    const writes = [['log', '20m'], ['skip', '3'], ['note', '2', 'halfway'], ['estimate', '2', '3h'], ['plan', '--hours', '7'], ['undo']];
    for (const args of writes) {
      ok(home, ['progress', '--json'], { now: NOW });
      tamper(home, title, 'FROM THE CACHE');
      ok(home, args, { now: NOW });
      expect(JSON.parse(ok(home, ['progress', '--json'], { now: NOW })).roadmap, args.join(' ')).toBe(title);
    }

    tamper(home, title, 'FROM THE CACHE');
    expect(JSON.parse(ok(home, ['progress', '--json'], { now: '2026-03-21T09:00:00' })).roadmap).toBe(title);

    tamper(home, title, 'FROM THE CACHE');
    const db = new Database(join(home, 'ai-learn.db'));
    db.prepare("UPDATE views SET build = 'an older build'").run();
    db.close();
    expect(JSON.parse(ok(home, ['progress', '--json'], { now: '2026-03-21T09:00:00' })).roadmap).toBe(title);
  });

  it('follow the current roadmap and a restore', () => {
    const home = trackedHome();
    const progress = () => JSON.parse(ok(home, ['progress', '--json'], { now: NOW })) as { name: string; items: { done: number } };
    const first = progress();
    expect(first.items.done).toBe(1);
    ok(home, ['import', seed('001')], { now: NOW });
    const second = progress();
    expect(second.name).not.toBe(first.name);
    expect(second.items.done).toBe(0);
    const current = () => (JSON.parse(ok(home, ['roadmaps', '--json'], { now: NOW })) as { name: string; current: boolean }[]).find((r) => r.current)?.name;
    expect(current()).toBe(second.name);
    ok(home, ['use', first.name], { now: NOW });
    expect(progress()).toEqual(first);
    expect(current()).toBe(first.name);

    // A backup taken now, then more progress, then the backup restored: the views go back with the data.
    const backup = join(tempDir(), 'backup.json');
    ok(home, ['export', '--format', 'json', '--output', backup], { now: NOW });
    ok(home, ['done', '3'], { now: NOW });
    expect(progress().items.done).toBe(2);
    ok(home, ['restore', backup, '--yes'], { now: NOW });
    expect(progress()).toEqual(first);
  });

  it('are kept current by triggers on every table of tracked data', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS) db.exec(m.sql);
    const untracked = new Set(['snapshots', 'views', 'revision', 'schema_version', 'plan_revision', 'plan_views']); // caches and bookkeeping
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name).filter((t) => !untracked.has(t));
    const triggers = db.prepare("SELECT tbl_name AS t, sql FROM sqlite_master WHERE type = 'trigger'").all() as { t: string; sql: string }[];
    for (const table of tables) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        expect(triggers.some((tr) => tr.t === table && tr.sql.includes(`AFTER ${op} ON ${table}`)), `${op} on ${table}`).toBe(true);
      }
    }
    const revision = () => (db.prepare('SELECT n FROM revision').get() as { n: number }).n;
    const before = revision();
    db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run();
    db.prepare("UPDATE settings SET value = 'c'").run();
    db.prepare('DELETE FROM settings').run();
    expect(revision()).toBe(before + 3);
    db.close();
  });
});
