import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, json, ok, run, seed, tempDir, ROOT } from './helpers/cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');

/** number → "status text" of every item, as `show` reports them. */
function statuses(home: string): Record<number, string> {
  return Object.fromEntries(json<any[]>(home, ['show']).map((i) => [i.number, `${i.status} ${i.text}`]));
}

describe('export --format md', () => {
  it.each([
    ['seed 000', seed('000'), ['1', '5', '12', '18', '40', '98']],
    ['tiny.md', TINY, ['2', '7']],
  ])('%s imports back into an empty home with the same items and done marks', (_, source, done) => {
    const home = tempDir();
    ok(home, ['import', source]);
    ok(home, ['done', ...done.slice(1)]);
    ok(home, ['done', done[0]!], { now: '2026-03-05T20:00:00' });
    const file = join(tempDir(), 'roadmap.md');
    expect(run(home, ['export', '--format', 'md', '-o', file]).stderr).toMatch(/^Wrote \d+ items \(\d+ done\) to .*roadmap\.md\.\n$/);
    expect(readFileSync(file, 'utf8')).toContain('_(done 2026-03-05)_');

    const fresh = tempDir();
    ok(fresh, ['import', file]);
    const before = statuses(home);
    expect(Object.values(before).filter((s) => s.startsWith('done '))).toHaveLength(done.length);
    expect(statuses(fresh)).toEqual(before);
  });

  it('keeps in-progress and skipped items through export and import into an empty home', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['done', '1']);
    ok(home, ['start', '3']);
    ok(home, ['skip', '5', '6']);
    const file = join(tempDir(), 'roadmap.md');
    ok(home, ['export', '--format', 'md', '-o', file]);
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('- [ ] Write a two-layer network with autograd _(in progress)_\n');
    expect(md.match(/_\(skipped\)_/g)).toHaveLength(2);

    const fresh = tempDir();
    ok(fresh, ['import', file]);
    const before = statuses(home);
    expect(Object.values(before).filter((s) => /^(doing|skipped) /.test(s))).toHaveLength(3);
    expect(statuses(fresh)).toEqual(before);
  });

  it('prints the checklist to stdout', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['done', '1']);
    const md = ok(home, ['export', '--format', 'md']);
    expect(md).toMatch(/^# Tiny Study Plan\n/);
    expect(md).toContain('- [x] Install PyTorch and run a matrix multiply on the GPU _(done 2026-03-02)_\n');
    expect(md).toContain('**Phase 1 Checkpoint:**\n- [ ] Can explain why the loss went down\n');
    expect(md).toContain('[ ] **Resource:** The PyTorch tutorials\n');
  });
});

describe('export --format csv', () => {
  it('writes the sessions with hours, item and a quoted note', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['log', '90m', '3', '-m', 'autograd, then "backward" by hand', '--date', '2026-02-28']);
    ok(home, ['log', '20m', '--date', '2026-02-26']);
    const csv = ok(home, ['export', '--format', 'csv']);
    expect(csv.split('\r\n')).toEqual([
      'date,minutes,hours,item,item_text,note',
      '2026-02-26,20,0.33,,,',
      '2026-02-28,90,1.50,3,Write a two-layer network with autograd,"autograd, then ""backward"" by hand"',
      '',
    ]);
  });
});

describe('export --format csv, from a backup with a session without its day', () => {
  it('places it by the day of its time, ahead of that day\'s other sessions', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['log', '90m', '3', '--date', '2026-02-28']);
    ok(home, ['log', '20m', '--date', '2026-02-26']);
    ok(home, ['log', '30m', '--date', '2026-02-27']);
    const backup = JSON.parse(ok(home, ['export', '--format', 'json']));
    const first = backup.tables.events.find((e: { minutes: number | null }) => e.minutes === 90);
    Object.assign(first, { day: null, at: '2026-02-27T10:00:00.000Z' }); // ai-learn never writes this; a backup may hold it
    const file = join(tempDir(), 'backup.json');
    writeFileSync(file, JSON.stringify(backup));
    const restored = tempDir();
    ok(restored, ['restore', file]);
    expect(ok(restored, ['export', '--format', 'csv']).split('\r\n')).toEqual([
      'date,minutes,hours,item,item_text,note',
      '2026-02-26,20,0.33,,,',
      '2026-02-27,90,1.50,3,Write a two-layer network with autograd,',
      '2026-02-27,30,0.50,,,',
      '',
    ]);
  });
});

describe('export --format ics', () => {
  const uids = (ics: string) => [...ics.matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);

  it('has a study day event per planned day and the six milestones of seed 000, the same every time', () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);
    const ics = ok(home, ['export', '--format', 'ics']);
    expect(ok(home, ['export', '--format', 'ics'])).toBe(ics);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);

    const events = ics.split('BEGIN:VEVENT').slice(1);
    const ids = uids(ics);
    expect(ids).toHaveLength(events.length);
    expect(new Set(ids).size).toBe(ids.length);
    const milestones = events.filter((e) => e.includes('SUMMARY:Milestone: '));
    expect(milestones).toHaveLength(6);
    expect(milestones[0]).toContain('SUMMARY:Milestone: Project 1 complete (Transformer)');
    const plan = JSON.parse(ok(home, ['export'])).tables.roadmaps[0];
    expect(plan.name).toBe('6-month-roadmap-to-frontier-ai-skills');
    const study = events.filter((e) => e.includes('SUMMARY:Study: '));
    expect(study.length + 6).toBe(events.length);
    // Mon, Wed and Sat of the rhythm, from the day of the import.
    expect(study[0]).toContain('UID:6-month-roadmap-to-frontier-ai-skills-study-2026-03-02@ai-learn');
    expect(study[0]).toContain('DTSTART;VALUE=DATE:20260302\r\n');
    expect(study[0]).toContain('SUMMARY:Study: Read paper/blog (1 h)');
    expect(study[0]).toContain('#1 Review backpropagation\\, gradient descent');
    expect(study[1]).toContain('DTSTART;VALUE=DATE:20260304\r\n');
    expect(study[2]).toContain('DTSTART;VALUE=DATE:20260307\r\n');
    expect(ics).toContain('DTSTAMP:20260302T090000Z\r\n');
  });

  it('keeps the UIDs on a later export, so calendars update the same events', () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);
    const first = ok(home, ['export', '--format', 'ics']);
    ok(home, ['done', '1', '2']);
    const later = ok(home, ['export', '--format', 'ics'], { now: '2026-03-09T08:00:00' });
    expect(uids(later)).toEqual(uids(first));
    expect(later).toContain('DTSTAMP:20260309T080000Z\r\n');
  });

  it('writes to a file with -o', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const file = join(tempDir(), 'plan.ics');
    const r = run(home, ['export', '--format', 'ics', '-o', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Wrote the plan from 2026-03-02 to \d{4}-\d{2}-\d{2} and 0 milestones to /);
    expect(readFileSync(file, 'utf8')).toContain('X-WR-CALNAME:Tiny Study Plan\r\n');
  });
});

describe('export --format json', () => {
  it('writes the whole backup to a reader slower than the command, and to a file, the same', async () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);
    // Eleven years of daily sessions: a backup far larger than the pipe (a socket) to a spawned process holds (about 200 KB).
    const db = new Database(join(home, 'ai-learn.db'));
    const roadmap = db.prepare('SELECT id FROM roadmaps').pluck().get();
    const insert = db.prepare(
      "INSERT INTO events (roadmap_id, batch, item_id, type, minutes, day, at) VALUES (?, ?, NULL, 'session', 30, ?, ?)",
    );
    db.transaction(() => {
      for (let d = 0; d < 4000; d++) {
        const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
        insert.run(roadmap, 1000 + d, day, `${day}T18:00:00.000Z`);
      }
    })();
    db.close();
    const file = join(home, 'backup.json');
    ok(home, ['export', '-o', file]);
    const written = readFileSync(file, 'utf8');
    expect(written.length).toBeGreaterThan(600 * 1024);

    // The reader starts a second after the command: meanwhile the pipe fills up.
    const child = spawn(process.execPath, [CLI, 'export'], { env: { ...process.env, AI_LEARN_HOME: home, AI_LEARN_NOW: '2026-03-20T09:00:00' } });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
    const piped = Buffer.concat(chunks).toString('utf8');
    const { exportedAt: _a, ...fromPipe } = JSON.parse(piped);
    const { exportedAt: _b, ...fromFile } = JSON.parse(written);
    expect(fromPipe).toEqual(fromFile);
    expect(fromPipe.tables.events.filter((e: { type: string }) => e.type === 'session')).toHaveLength(4000);
  });

  it('keeps an earlier file as it was when the export cannot be written whole, and leaves nothing beside it', () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);
    const file = join(home, 'backup.json');
    writeFileSync(file, 'last week\n');
    // A limit on file size (40 KiB, below the backup's size) makes a write fail partway, as a full disk would.
    const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 40; exec "${process.execPath}" "${CLI}" export -o "${file}"`], {
      env: { ...process.env, AI_LEARN_HOME: home, AI_LEARN_NOW: '2026-03-20T09:00:00' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`ai-learn: Cannot write ${file} (EFBIG).\n`);
    expect(readFileSync(file, 'utf8')).toBe('last week\n');
    expect(readdirSync(home).filter((f) => f.includes('backup'))).toEqual(['backup.json']);
    // Without the limit it is replaced whole.
    ok(home, ['export', '-o', file]);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('ai-learn-backup');
  });

  it('ends quietly when its reader goes away (`| head`)', async () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);
    const child = spawn(process.execPath, [CLI, 'export'], { env: { ...process.env, AI_LEARN_HOME: home } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = await once(child, 'close');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
