import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, run, seed, tempDir } from './helpers/cli.js';

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A home with one roadmap and some history, and a snapshot of what it stores. */
function populated() {
  const home = tempDir();
  ok(home, ['import', seed('000')]);
  ok(home, ['done', '1']);
  ok(home, ['log', '1h']);
  return { home, snapshot: ok(home, ['export']) };
}

function expectCleanFailure(r: { code: number; stderr: string; stdout: string }, code: number, message: RegExp) {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^ai-learn: /);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad roadmap files', () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ['a missing file', (d) => join(d, 'nope.md'), /No such file: .*nope\.md\./],
    ['a directory', (d) => d, /is a directory; give the path of a markdown file/],
    ['an empty file', (d) => write(d, 'empty.md', '  \n\n'), /empty\.md is empty\./],
    ['a binary file', (d) => write(d, 'photo.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff])), /looks like a binary file/],
    ['a file with no items', (d) => write(d, 'prose.md', 'Just some thoughts about learning.\n\nNothing to do here.\n'), /has no items/],
    ['invalid UTF-8', (d) => write(d, 'latin1.md', Buffer.from('# Caf\xe9 plan\n- [ ] r\xe9sum\xe9\n', 'latin1')), /is not valid UTF-8 text/],
    ['a 10 MB file', (d) => write(d, 'huge.md', `# Huge\n${'- [ ] item\n'.repeat(1_000_000)}`), /is 10\.\d MB; roadmaps up to 5\.0 MB are supported/],
  ];
  for (const [name, make, message] of cases) {
    it(`refuses ${name} with one sentence, exit 1, nothing stored`, () => {
      const { home, snapshot } = populated();
      const dir = tempDir();
      const file = make(dir);
      for (const command of ['import', 'parse']) expectCleanFailure(run(home, [command, file]), 1, message);
      expect(ok(home, ['export'])).toBe(snapshot);
    });
  }

  it('never creates a database for a failed first import', () => {
    const home = join(tempDir(), 'fresh');
    expectCleanFailure(run(home, ['import', join(home, 'missing.md')]), 1, /No such file/);
    expectCleanFailure(run(home, ['progress']), 1, /No roadmap yet: run `ai-learn init --demo`/);
  });
});

function write(dir: string, name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('bad command-line input', () => {
  it('an unknown item exits 2 and changes nothing', () => {
    const { home, snapshot } = populated();
    expectCleanFailure(run(home, ['done', 'underwater basket weaving']), 2, /No item matches "underwater basket weaving"/);
    expect(ok(home, ['export'])).toBe(snapshot);
  });

  it('a malformed duration or date exits 2 and changes nothing', () => {
    const { home, snapshot } = populated();
    expectCleanFailure(run(home, ['log', '1h90x']), 2, /"1h90x" is not a duration/);
    expectCleanFailure(run(home, ['log', '25h']), 2, /longer than a day/);
    expectCleanFailure(run(home, ['log', '30m', '--date', 'someday']), 2, /"someday" is not a date/);
    expectCleanFailure(run(home, ['log', '30m', '--date', '2030-01-01']), 2, /is in the future/);
    // The day already holds the 1h logged by populated(): a day's sessions add up to a day at most.
    expectCleanFailure(run(home, ['log', '23h30m']), 2, /^ai-learn: Mon, Mar 2 already has 1h logged; 23h 30m more would make it longer than a day\.\n$/);
    expect(ok(home, ['export'])).toBe(snapshot);
    expect(ok(home, ['log', '23h'])).toContain('Logged 23h for Mon, Mar 2.');
    expect(ok(home, ['log', '23h30m', '--date', '2026-03-01'])).toContain('Logged 23h 30m for Sun, Mar 1.');
  });

  it('an unknown command or option exits 2', () => {
    const home = tempDir();
    expect(run(home, ['frobnicate']).code).toBe(2);
    expect(run(home, ['progress', '--sideways']).code).toBe(2);
  });
});

describe('a database that cannot be used', () => {
  it('locked by another writer: one sentence, exit 1, nothing lost', () => {
    const { home, snapshot } = populated();
    const holder = new Database(join(home, 'ai-learn.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = run(home, ['log', '30m'], { env: { AI_LEARN_BUSY_TIMEOUT_MS: '100' } });
      expectCleanFailure(r, 1, /is locked by another program; wait for it to finish and try again/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(ok(home, ['export'])).toBe(snapshot);
  });

  it('corrupt: refuses and leaves the file as it was', () => {
    const home = tempDir();
    mkdirSync(home, { recursive: true });
    const file = join(home, 'ai-learn.db');
    writeFileSync(file, 'this is not a database, just text that landed here by mistake\n'.repeat(100));
    const before = hash(file);
    expectCleanFailure(run(home, ['progress']), 1, /is damaged or is not an ai-learn database/);
    expectCleanFailure(run(home, ['log', '30m']), 1, /is damaged/);
    expect(hash(file)).toBe(before);
  });

  it('from a newer schema: refuses and changes nothing', () => {
    const { home } = populated();
    const file = join(home, 'ai-learn.db');
    const db = new Database(file);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)').run('2030-01-01T00:00:00Z');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = hash(file);
    expectCleanFailure(run(home, ['progress']), 1, /written by a newer ai-learn \(schema 99, this version knows \d+\); upgrade ai-learn/);
    expectCleanFailure(run(home, ['done', '2']), 1, /newer ai-learn/);
    expect(hash(file)).toBe(before);
  });

  it('shows a stack trace only with --debug', () => {
    const home = tempDir();
    const plain = run(home, ['import', join(home, 'missing.md')]);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = run(home, ['import', join(home, 'missing.md'), '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^ai-learn: No such file: /);
    expect(debug.stderr).toMatch(/ENOENT[\s\S]*\n\s+at /);
  });
});
