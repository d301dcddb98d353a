/**
 * Commands killed with SIGKILL at random points (a first import, an update
 * import, a burst of logs, a restore): the database always opens,
 * passes integrity_check, and holds the state from before or after each
 * command, never a part of one.
 *
 * Delays are drawn from a seeded generator (AI_LEARN_CRASH_SEED, fixed by
 * default; `random` for a fresh one), so CI kills at the same offsets, though
 * where in a command those land still varies with the machine's speed.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, json, ok, run, seed, tempDir } from '../helpers/cli.js';

const TRIALS = 20;
const NOW = '2026-03-02T09:00:00';

const seedEnv = process.env.AI_LEARN_CRASH_SEED;
let state = seedEnv === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedEnv ?? 4242);
console.log(`crash trials: AI_LEARN_CRASH_SEED=${state}`);
/** mulberry32: a small seeded generator, uniform in [0, 1). */
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/**
 * Runs the CLI; with `kill`, sends SIGKILL `afterMs` after the spawn, or after
 * the file `whenExists` appears (polled every millisecond), if it still runs.
 */
function spawnCli(home: string, args: string[], kill?: { afterMs: number; whenExists?: string }, env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '', HOME: home, TZ: 'UTC', AI_LEARN_HOME: home, AI_LEARN_NOW: NOW, ...env },
    });
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    if (kill?.whenExists) {
      const file = kill.whenExists;
      poll = setInterval(() => {
        if (!existsSync(file)) return;
        clearInterval(poll);
        timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      }, 1);
    } else if (kill) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code, signal, ms: performance.now() - started });
    });
  });
}

/** Opens the file as SQLite does for anyone, and checks it page by page. */
function integrity(home: string): string {
  const db = new Database(join(home, 'ai-learn.db'));
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

function query<T>(home: string, sql: string): T {
  const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** How long one run of the command takes here, so that kills can land anywhere in it. */
async function duration(home: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const o = await spawnCli(home, args, undefined, env);
  expect(o.code).toBe(0);
  return o.ms;
}

/**
 * The faster of two runs of the command on copies of `template`, the way the
 * trials run it: one slow run (another test file busy on the other core)
 * would put most kills after the command has finished, where they test
 * nothing.
 */
async function fastestRun(template: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const home = tempDir();
    cpSync(template, home, { recursive: true });
    runs.push(await duration(home, args, env));
  }
  return Math.min(...runs);
}

/**
 * A third of the trials kill in the first 300 ms after the spawn (on a slow
 * machine start-up alone takes that long), a third anywhere in the command's
 * measured run time, a third in its last 40 %, where the write happens;
 * never after it, where a kill tests nothing (on a fast machine a command
 * may take less than 300 ms: a kill up to 300 ms, or 20 % past the measured
 * time, missed 9 restores of 10 in one CI run).
 */
function delay(trial: number, commandMs: number): number {
  if (trial % 3 === 0) return Math.round(random() * Math.min(300, commandMs));
  if (trial % 3 === 1) return Math.round(random() * commandMs);
  return Math.round(commandMs * (0.6 + random() * 0.4));
}

/**
 * Ten trials of a command run on copies of `template`, each killed at a
 * random point: afterwards the home opens, passes integrity_check and exports
 * exactly `oldData` or `newData` (`newData` if the command finished).
 */
async function allOrNothing(template: string, args: string[], commandMs: number, oldData: string, newData: string, env: Record<string, string> = {}) {
  const seen = { old: 0, new: 0, killed: 0 };
  for (let trial = 0; trial < 10; trial++) {
    const home = tempDir();
    cpSync(template, home, { recursive: true });
    const wait = delay(trial, commandMs);
    const o = await spawnCli(home, args, { afterMs: wait }, env);
    const label = `trial ${trial}: killed after ${wait} ms (${o.signal ?? `exit ${o.code}`})`;
    expect(run(home, ['progress', '--json']).code, label).toBe(0);
    expect(integrity(home), label).toBe('ok');
    const now = ok(home, ['export', '--format', 'json']);
    expect([oldData, newData], label).toContain(now);
    if (o.code === 0) expect(now, label).toBe(newData);
    seen[now === oldData ? 'old' : 'new'] += 1;
    if (o.signal === 'SIGKILL') seen.killed += 1;
  }
  return seen;
}

describe('killed with SIGKILL at random points', () => {
  it(`an import of seed 003 on a fresh home: ${TRIALS} trials, each all or nothing`, { timeout: 120_000 }, async () => {
    const source = seed('003');
    const parsed = json(tempDir(), ['parse', source]).items.length as number;
    expect(parsed).toBeGreaterThan(100);
    const importMs = await duration(tempDir(), ['import', source]);

    const seen = { before: 0, after: 0, noFile: 0, killed: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      const home = tempDir();
      // Every fourth trial kills 0–40 ms after the database file appears: inside the write, mostly.
      const watch = trial % 4 === 3;
      const wait = watch ? Math.round(random() * 40) : delay(trial, importMs);
      const o = await spawnCli(home, ['import', source], watch ? { afterMs: wait, whenExists: join(home, 'ai-learn.db') } : { afterMs: wait });
      const label = `trial ${trial}: killed ${wait} ms after ${watch ? 'the database appeared' : 'the spawn'} (${o.signal ?? `exit ${o.code}`})`;
      if (o.signal === 'SIGKILL') seen.killed += 1;

      const progress = run(home, ['progress', '--json']);
      if (progress.code === 0) {
        seen.after += 1;
      } else {
        expect(progress.code, label).toBe(1);
        expect(progress.stderr, label).toMatch(/^ai-learn: No roadmap yet/);
        expect(progress.stderr.trim().split('\n'), label).toHaveLength(1);
        // A kill that came after the commit must have left the roadmap.
        expect(o.code, label).not.toBe(0);
      }
      if (!existsSync(join(home, 'ai-learn.db'))) {
        seen.noFile += 1;
        expect(progress.code, label).toBe(1);
        continue;
      }
      expect(integrity(home), label).toBe('ok');
      const tables = query<{ n: number }>(home, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'roadmaps'");
      const roadmaps = tables.n === 0 ? 0 : query<{ n: number }>(home, 'SELECT count(*) AS n FROM roadmaps').n;
      const items = tables.n === 0 ? 0 : query<{ n: number }>(home, 'SELECT count(*) AS n FROM items').n;
      if (roadmaps === 0) {
        expect(items, label).toBe(0);
        expect(progress.code, label).toBe(1);
        seen.before += 1;
      } else {
        expect(roadmaps, label).toBe(1);
        expect(items, label).toBe(parsed);
        expect(progress.code, label).toBe(0);
        expect(JSON.parse(progress.stdout).items.total, label).toBeGreaterThan(0);
      }
      // Still usable afterwards: the same import completes (or finds the roadmap already there).
      ok(home, ['import', source]);
      expect(query<{ n: number }>(home, 'SELECT count(*) AS n FROM items').n, label).toBe(parsed);
    }
    console.log(`import kills (import takes ${Math.round(importMs)} ms): ${JSON.stringify(seen)}`);
    // The kills landed while imports ran, and some before anything was stored: the trials tested something.
    expect(seen.killed).toBeGreaterThanOrEqual(TRIALS / 4);
    expect(seen.before + seen.noFile).toBeGreaterThanOrEqual(1);
  });

  it(`a burst of log commands: ${TRIALS} trials, sessions stored = commands that succeeded (+1 for one killed after its commit)`, { timeout: 120_000 }, async () => {
    const home = tempDir();
    ok(home, ['import', seed('003')]);
    const logMs = await duration(home, ['log', '1m', '-m', 'calibration']);
    let expected = 1;
    const seen = { committed: 0, lost: 0 };
    for (let trial = 0; trial < TRIALS; trial++) {
      // A short burst run sequentially, the last command killed at a random point.
      const burst = 1 + Math.floor(random() * 3);
      let succeeded = 0;
      for (let k = 0; k < burst; k++) {
        const o = await spawnCli(home, ['log', '1m', '-m', `trial ${trial} log ${k}`]);
        if (o.code === 0) succeeded += 1;
      }
      const wait = delay(trial, logMs);
      const killed = await spawnCli(home, ['log', '1m', '-m', `trial ${trial} killed`], { afterMs: wait });
      if (killed.code === 0) succeeded += 1;
      const label = `trial ${trial}: ${burst} logs, then one killed after ${wait} ms (${killed.signal ?? `exit ${killed.code}`})`;
      expect(succeeded, label).toBe(burst + (killed.code === 0 ? 1 : 0));

      const progress = run(home, ['progress', '--json']);
      expect(progress.code, `${label}: ${progress.stderr}`).toBe(0);
      expect(integrity(home), label).toBe('ok');
      const stored = query<{ n: number }>(home, "SELECT count(*) AS n FROM events WHERE type = 'session'").n;
      expect(JSON.parse(progress.stdout).sessions, label).toBe(stored);
      // Sessions before this trial, plus those that succeeded, plus possibly the killed one.
      const killedStored = query<{ n: number }>(home, `SELECT count(*) AS n FROM events WHERE note = 'trial ${trial} killed'`).n;
      expect([expected + succeeded, expected + succeeded + 1], label).toContain(stored);
      expect(stored, label).toBe(expected + succeeded + (killed.code === 0 ? 0 : killedStored));
      if (killed.code !== 0) seen[killedStored === 1 ? 'committed' : 'lost'] += 1;
      expected = stored;
    }
    console.log(`log kills (log takes ${Math.round(logMs)} ms): ${JSON.stringify(seen)}`);
    expect(seen.committed + seen.lost, 'logs killed before they finished').toBeGreaterThanOrEqual(TRIALS / 4);
  });

  it('an update import over history (items reworded, dropped and added): 10 trials, each leaves the old roadmap or the new one, never a mix', { timeout: 120_000 }, async () => {
    // The roadmap as first imported, with history; then an edited copy to import over it.
    const original = seed('003');
    const edited = join(tempDir(), 'edited.md');
    let listed = 0;
    const lines = readFileSync(original, 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (!/^\s*[-*] (?!\*\*)/.test(line)) return [line];
        listed += 1;
        if (listed % 9 === 0) return [];
        if (listed % 6 === 0) return [`${line} again, in more depth`];
        if (listed % 25 === 1) return [line, `${line.match(/^\s*[-*] /)![0]}A new item added by the edit ${listed}`];
        return [line];
      });
    writeFileSync(edited, lines.join('\n'));
    const template = tempDir();
    ok(template, ['import', original, '--name', 'roadmap']);
    ok(template, ['done', '1', '2', '3', '6', '12']);
    ok(template, ['skip', '7']);
    ok(template, ['log', '2h', '6', '-m', 'before the edit']);
    const oldData = ok(template, ['export', '--format', 'json']);
    const importMs = await fastestRun(template, ['import', edited, '--name', 'roadmap']);
    const reference = tempDir();
    cpSync(template, reference, { recursive: true });
    ok(reference, ['import', edited, '--name', 'roadmap']);
    const newData = ok(reference, ['export', '--format', 'json']);
    const summary = (data: string) => {
      const t = JSON.parse(data).tables;
      return { items: t.items.length, removed: t.items.filter((i: { removed_at: string | null }) => i.removed_at !== null).length, events: t.events.length };
    };
    const [before, after] = [summary(oldData), summary(newData)];
    // The edit did change the roadmap: items were added and removed, and the history stayed.
    expect(after.items).toBeGreaterThan(before.items);
    expect(after.removed).toBeGreaterThan(before.removed);
    expect(after.events).toBeGreaterThanOrEqual(before.events);

    const seen = await allOrNothing(template, ['import', edited, '--name', 'roadmap'], importMs, oldData, newData);
    console.log(`update import kills (the import takes ${Math.round(importMs)} ms): ${JSON.stringify(seen)}`);
    expect(seen.killed, 'imports killed before they finished').toBeGreaterThanOrEqual(3);
  });

  it('a restore over existing data: 10 trials, each leaves the old data or the backup, never a mix', { timeout: 120_000 }, async () => {
    // The backup: seed 003 with some history. The target: seed 000 with its own.
    const source = tempDir();
    ok(source, ['import', seed('003')]);
    ok(source, ['done', '1', '2', '3']);
    ok(source, ['log', '2h', '-m', 'from the backup']);
    const file = join(tempDir(), 'backup.json');
    ok(source, ['export', '--format', 'json', '-o', file]);
    const template = tempDir();
    ok(template, ['import', seed('000')]);
    ok(template, ['done', '5']);
    ok(template, ['log', '30m', '-m', 'from the target']);
    const oldData = ok(template, ['export', '--format', 'json']);
    const newData = ok(source, ['export', '--format', 'json']);
    // Killed restores leave their staging folders in a temporary folder of the test's own.
    const staging = tempDir();
    const restoreMs = await fastestRun(template, ['restore', file, '--yes'], { TMPDIR: staging });
    const seen = await allOrNothing(template, ['restore', file, '--yes'], restoreMs, oldData, newData, { TMPDIR: staging });
    const left = readdirSync(staging).length;
    console.log(`restore kills (restore takes ${Math.round(restoreMs)} ms): ${JSON.stringify(seen)}; staging folders left: ${left}`);
    expect(seen.killed, 'restores killed before they finished').toBeGreaterThanOrEqual(3);
    // The next restore removes them.
    expect((await spawnCli(tempDir(), ['restore', file], undefined, { TMPDIR: staging })).code).toBe(0);
    expect(readdirSync(staging)).toEqual([]);
  });
});
