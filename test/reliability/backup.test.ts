/**
 * `export --format json` is a complete backup and `restore` brings it back
 * exactly; older backups restore; damaged ones are refused without touching
 * the target home.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, json, ok, ROOT, run, seed, tempDir } from '../helpers/cli.js';
import { loadSchema1, SCHEMA1, SCHEMA1_BACKUP, seenNow } from '../helpers/schema1.js';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');
/** Every read is made at this time, in both homes, so that views can be compared. */
const LATER = '2026-04-20T18:00:00';
const VIEWS = [['progress'], ['plan'], ['streak'], ['show'], ['roadmaps']];

/** Several roadmaps, a changed plan, sessions over weeks, done, skip, undo, a clock, a note, an estimate. */
function realisticHistory(): string {
  const home = tempDir();
  ok(home, ['import', seed('001')], { now: '2026-02-20T08:00:00' });
  ok(home, ['done', '1', '2'], { now: '2026-02-21T20:00:00' });
  ok(home, ['log', '45m', '-m', 'other roadmap'], { now: '2026-02-21T20:05:00' });
  ok(home, ['import', TINY], { now: '2026-02-27T08:00:00' });
  ok(home, ['import', seed('000')], { now: '2026-03-02T08:00:00' });
  ok(home, ['plan', '--hours', '6', '--days', 'mon,wed,sat'], { now: '2026-03-02T08:05:00' });
  let day = 2;
  for (const [cmd, args] of [
    ['log', ['90m', '1', '-m', 'first session']],
    ['done', ['1']],
    ['log', ['1h', '--date', 'yesterday']],
    ['skip', ['4']],
    ['done', ['2', '3']],
    ['undo', []],
    ['start', ['5']],
    ['log', ['2h', '5', '-m', 'deep dive, with "quotes" and ünïcode']],
    ['done', ['5']],
    ['note', ['6', 're-read section 3.2']],
    ['estimate', ['7', '6h']],
    ['reset', ['1']],
    ['done', ['1', '8']],
    ['log', ['30m']],
  ] as const) {
    ok(home, [cmd, ...args], { now: `2026-03-${String(day).padStart(2, '0')}T19:00:00` });
    day += 2;
  }
  ok(home, ['use', 'tiny-study-plan'], { now: '2026-03-30T08:00:00' });
  ok(home, ['done', '3'], { now: '2026-03-30T08:01:00' });
  ok(home, ['plan', '--hours', '2'], { now: '2026-03-30T08:02:00' });
  ok(home, ['use', '6-month-roadmap-to-frontier-ai-skills'], { now: '2026-03-31T08:00:00' });
  return home;
}

function views(home: string): Record<string, unknown> {
  return Object.fromEntries(VIEWS.map((v) => [v.join(' '), json(home, v, { now: LATER })]));
}

function expectCleanFailure(r: { code: number; stderr: string }, message: RegExp) {
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^ai-learn: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
}

describe('backup and restore', () => {
  it('export json then restore into an empty home gives identical progress, plan and streak', { timeout: 120_000 }, () => {
    const home = realisticHistory();
    const file = join(tempDir(), 'backup.json');
    ok(home, ['export', '--format', 'json', '-o', file], { now: LATER });
    const backupText = ok(home, ['export', '--format', 'json'], { now: LATER });
    const backup = JSON.parse(backupText);
    expect(backup.tables.roadmaps).toHaveLength(3);
    expect(backup.tables.plans).toHaveLength(2);
    expect(backup.tables.events.some((e: any) => e.type === 'undo')).toBe(true);

    const fresh = join(tempDir(), 'new-home');
    const staging = tempDir(); // the system's temporary folder, where restore stages the backup
    expect(ok(fresh, ['restore', file], { env: { TMPDIR: staging } })).toMatch(/^Restored 3 roadmaps, \d+ items and \d+ events from /);
    expect(readdirSync(staging)).toEqual([]);
    const before = views(home);
    const after = views(fresh);
    for (const v of Object.keys(before)) expect(after[v], v).toEqual(before[v]);
    expect((before.plan as any).hoursPerWeek).toBe(6);
    expect((before.plan as any).days).toEqual(['mon', 'wed', 'sat']);
    // Byte for byte the same backup, and the same views for the other roadmaps too.
    expect(ok(fresh, ['export', '--format', 'json'], { now: LATER })).toBe(backupText);
    for (const name of ['tiny-study-plan', '6-month-roadmap-to-anthropic-ready']) {
      ok(home, ['use', name]);
      ok(fresh, ['use', name]);
      const v1 = views(home);
      const v2 = views(fresh);
      for (const v of Object.keys(v1)) expect(v2[v], `${name}: ${v}`).toEqual(v1[v]);
    }
    // Restoring again over existing data (with --yes) is idempotent.
    ok(fresh, ['restore', file, '--yes']);
    expect(ok(fresh, ['export', '--format', 'json'], { now: LATER })).toBe(backupText);
  });

  it('restore over a home with other data gives exactly the backup (no cached state survives)', { timeout: 120_000 }, () => {
    const home = realisticHistory();
    const file = join(tempDir(), 'backup.json');
    ok(home, ['export', '--format', 'json', '-o', file], { now: LATER });
    const before = views(home);

    // Another home whose roadmap 1 is a different roadmap with more history, read so that any cache is warm.
    const other = tempDir();
    ok(other, ['import', seed('003')], { now: '2026-03-01T08:00:00' });
    for (let i = 1; i <= 12; i++) ok(other, ['done', String(i)], { now: `2026-03-${String(i + 1).padStart(2, '0')}T20:00:00` });
    for (let i = 0; i < 10; i++) ok(other, ['log', '20m', '-m', `other ${i}`], { now: '2026-03-14T20:00:00' });
    ok(other, ['plan', '--hours', '12'], { now: '2026-03-14T20:00:00' });
    views(other);

    ok(other, ['restore', file, '--yes'], { now: LATER });
    const after = views(other);
    for (const v of Object.keys(before)) expect(after[v], v).toEqual(before[v]);
    // Writing after the restore builds on the restored history, not on the old one.
    ok(home, ['log', '15m'], { now: LATER });
    ok(other, ['log', '15m'], { now: LATER });
    expect(json(other, ['progress'], { now: LATER })).toEqual(json(home, ['progress'], { now: LATER }));
  });

  it('restores a backup from schema 1 (no plans table)', { timeout: 60_000 }, () => {
    const home = tempDir();
    ok(home, ['import', seed('002')], { now: '2026-03-02T08:00:00' });
    ok(home, ['done', '1', '3'], { now: '2026-03-03T20:00:00' });
    ok(home, ['log', '1h', '2', '-m', 'v1 session'], { now: '2026-03-04T20:00:00' });
    ok(home, ['skip', '5'], { now: '2026-03-05T20:00:00' });
    const current = JSON.parse(ok(home, ['export', '--format', 'json']));
    const { plans, ...v1Tables } = current.tables;
    expect(plans).toEqual([]);
    const v1 = { ...current, schema: 1, tables: v1Tables };
    const file = join(tempDir(), 'schema1.json');
    writeFileSync(file, JSON.stringify(v1));

    const fresh = tempDir();
    ok(fresh, ['restore', file]);
    for (const v of VIEWS) expect(json(fresh, v, { now: LATER }), v.join(' ')).toEqual(json(home, v, { now: LATER }));
    const restored = JSON.parse(ok(fresh, ['export', '--format', 'json']));
    expect(restored.tables).toEqual(current.tables);
  });

  it('restores a backup exported by ai-learn at schema 1, as that version showed it and as its migrated database holds it', { timeout: 60_000 }, () => {
    const fresh = tempDir();
    expect(ok(fresh, ['restore', SCHEMA1_BACKUP])).toBe(`Restored 2 roadmaps, 133 items and 15 events from ${SCHEMA1_BACKUP}.\n`);
    const seen = seenNow(fresh);
    for (const { name } of SCHEMA1.roadmaps) expect(seen[name], name).toEqual(SCHEMA1[name]);

    // The same history reached the other way, by migrating the database that version kept (test/reliability/migrations.test.ts checks what it shows).
    const migrated = tempDir();
    loadSchema1(migrated);
    const tables = (home: string) => JSON.parse(ok(home, ['export', '--format', 'json'], { now: LATER })).tables;
    expect(tables(fresh)).toEqual(tables(migrated));
  });

  it('removes the staging folder a killed restore left, and keeps one a running restore holds', { timeout: 60_000 }, () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const file = join(tempDir(), 'backup.json');
    ok(home, ['export', '--format', 'json', '-o', file]);
    const staging = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has ended
    mkdirSync(join(staging, `ai-learn-restore-${gone}-aaaaaa`));
    writeFileSync(join(staging, `ai-learn-restore-${gone}-aaaaaa`, 'backup.db'), 'a copy of the data');
    mkdirSync(join(staging, `ai-learn-restore-${process.pid}-bbbbbb`)); // this test's process runs
    mkdirSync(join(staging, 'someone-else'));
    ok(tempDir(), ['restore', file], { env: { TMPDIR: staging } });
    expect(readdirSync(staging).sort()).toEqual([`ai-learn-restore-${process.pid}-bbbbbb`, 'someone-else']);
  });

  it('stops at an interrupt while it checks the backup: the staging folder removed, the home untouched', { timeout: 60_000 }, async () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const backup = JSON.parse(ok(home, ['export', '--format', 'json']));
    // 60,000 sessions, so that checking them takes a while.
    const base = backup.tables.events.length;
    for (let n = 1; n <= 60_000; n++) {
      backup.tables.events.push({ id: base + n, roadmap_id: 1, batch: base + n, item_id: null, type: 'session', status: null, minutes: 30, day: '2026-01-01', note: null, ref: null, at: '2026-01-01T10:00:00.000Z' });
    }
    const file = join(tempDir(), 'backup.json');
    writeFileSync(file, JSON.stringify(backup));
    const staging = tempDir();
    const target = join(tempDir(), 'new-home');
    const child = spawn(process.execPath, [CLI, 'restore', file], {
      env: { PATH: process.env.PATH ?? '', AI_LEARN_HOME: target, AI_LEARN_NOW: '2026-03-02T09:00:00', TZ: 'UTC', TMPDIR: staging },
    });
    const exited = once(child, 'exit');
    while (readdirSync(staging).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGINT');
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(staging)).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });

  it('leaves no staging folder when interrupted the moment it makes one (20 trials)', { timeout: 60_000 }, async () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const file = join(tempDir(), 'backup.json');
    writeFileSync(file, ok(home, ['export', '--format', 'json']));
    // It must listen for signals before the folder exists: before it did, 37 of 40 such interrupts left the folder.
    for (let trial = 0; trial < 20; trial++) {
      const staging = tempDir();
      const target = join(tempDir(), 'new-home');
      const child = spawn(process.execPath, [CLI, 'restore', file], { env: { PATH: process.env.PATH ?? '', AI_LEARN_HOME: target, TMPDIR: staging }, stdio: 'ignore' });
      const exited = once(child, 'exit');
      while (readdirSync(staging).length === 0) await new Promise((resolve) => setImmediate(resolve));
      child.kill('SIGINT');
      await exited;
      expect(readdirSync(staging), `trial ${trial}`).toEqual([]);
      expect(existsSync(target), `trial ${trial}`).toBe(false);
    }
  });

  it('reads a backup from a pipe, and refuses a folder in one sentence', { timeout: 60_000 }, () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['done', '2']);
    const backup = ok(home, ['export', '--format', 'json']);
    const file = join(tempDir(), 'backup.json');
    writeFileSync(file, backup);
    // A shell's pipe, as in `gunzip -c backup.json.gz | ai-learn restore /dev/stdin`: it cannot be read from its start again.
    const fresh = tempDir();
    const piped = spawnSync('sh', ['-c', 'cat "$1" | "$2" "$3" restore /dev/stdin', 'sh', file, process.execPath, CLI], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AI_LEARN_HOME: fresh, AI_LEARN_NOW: '2026-03-02T09:00:00', TZ: 'UTC' },
    });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toMatch(/^Restored 1 roadmap, \d+ items and 1 event from \/dev\/stdin\.\n$/);
    expect(ok(fresh, ['export', '--format', 'json'])).toBe(backup);
    const folder = tempDir();
    expectCleanFailure(run(tempDir(), ['restore', folder]), /Cannot read .* \(EISDIR\)\./);
  });

  describe('a damaged backup is refused with one sentence, exit 1, and the target home unchanged', () => {
    const source = () => {
      const home = tempDir();
      ok(home, ['import', TINY]);
      ok(home, ['done', '2']);
      ok(home, ['log', '40m', '2']);
      return ok(home, ['export', '--format', 'json']);
    };
    /** The export's own layout, one row to a line, with line `row` of `table`'s rows changed by `change`. */
    const changeRow = (text: string, table: string, row: number, change: (line: string) => string) => {
      const lines = text.split('\n');
      const at = lines.indexOf(`"${table}":[`) + 1 + row;
      lines[at] = change(lines[at]!);
      return lines.join('\n');
    };
    // `backup` is the export parsed; `text` is the export as written, read a line at a time.
    const cases: [string, (backup: any, text: string) => string, RegExp][] = [
      ['truncated JSON', (_, text) => text.slice(0, Math.floor(text.length * 0.6)), /is not a backup: it is not valid JSON/],
      ['a row line without the comma before the next', (_, text) => changeRow(text, 'items', 0, (line) => line.slice(0, -1)), /is not a backup: it is not valid JSON/],
      [
        'an item with an unknown kind, in the export\'s own layout',
        (_, text) => changeRow(text, 'items', 1, (line) => line.replace(/"kind":"\w+"/, '"kind":"homework"')),
        /is not a valid ai-learn backup: tables\.items\.1\.kind: /,
      ],
      [
        'an event pointing at a missing item, in the export\'s own layout',
        (_, text) => changeRow(text, 'events', 0, (line) => line.replace(/"item_id":\d+/, '"item_id":9999')),
        /cannot be restored: the backup refers to 1 rows it does not contain; nothing was changed\./,
      ],
      ['a wrong format', (b) => JSON.stringify({ ...b, format: 'not-ai-learn' }), /is not a valid ai-learn backup: format: /],
      [
        'an item with an unknown kind',
        (b) => {
          b.tables.items[1].kind = 'homework';
          return JSON.stringify(b);
        },
        /is not a valid ai-learn backup: tables\.items\.1\.kind: /,
      ],
      [
        'an event pointing at a missing item',
        (b) => {
          b.tables.events.find((e: any) => e.item_id !== null).item_id = 9999;
          return JSON.stringify(b);
        },
        /cannot be restored: .*; nothing was changed\./,
      ],
      [
        'an item whose section is not JSON',
        (b) => {
          b.tables.items[0].section_json = '["Phase 1", "Week 1"';
          return JSON.stringify(b, null, 2); // as a tool might lay it out: read whole
        },
        /is not a valid ai-learn backup: tables\.items\.0\.section_json: not JSON text of a list of strings\./,
      ],
      [
        'a roadmap whose model is not JSON',
        (b) => {
          b.tables.roadmaps[0].model_json = '{"title": ';
          return JSON.stringify(b);
        },
        /is not a valid ai-learn backup: tables\.roadmaps\.0\.model_json: not JSON text of an object\./,
      ],
      ['a backup from a newer schema', (b) => JSON.stringify({ ...b, schema: 99 }), /was made by a newer ai-learn \(schema 99\)/],
      ['an empty file', () => '', /is not a backup: it is not valid JSON/],
    ];
    for (const [name, damage, message] of cases) {
      it(name, { timeout: 60_000 }, () => {
        const text = source();
        const file = join(tempDir(), 'damaged.json');
        writeFileSync(file, damage(JSON.parse(text), text));

        // A target home with its own data.
        const target = tempDir();
        ok(target, ['import', seed('004')]);
        ok(target, ['done', '1']);
        ok(target, ['log', '25m', '-m', 'keep me']);
        const snapshot = ok(target, ['export', '--format', 'json']);
        const staging = tempDir();
        const r = run(target, ['restore', file, '--yes'], { env: { TMPDIR: staging } });
        expectCleanFailure(r, message);
        expect(readdirSync(staging)).toEqual([]);
        expect(r.stderr).toContain('damaged.json');
        expect(ok(target, ['export', '--format', 'json'])).toBe(snapshot);

        // And into an empty home: refused, and nothing is left behind, not even the folder.
        const empty = join(tempDir(), 'empty-home');
        expectCleanFailure(run(empty, ['restore', file]), message);
        expect(existsSync(empty)).toBe(false);
      });
    }
  });
});
