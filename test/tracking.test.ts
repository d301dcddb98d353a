import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, ok, run, tempDir, ROOT } from './helpers/cli.js';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');

describe('tracking a roadmap', () => {
  it('tells its version, the one package.json names, without a home', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(ok(tempDir(), ['--version']).trim()).toBe(version);
  });

  it('imports, marks items by number or text, and shows progress by effort', () => {
    const home = tempDir();
    expect(ok(home, ['import', TINY])).toMatch(/Imported "Tiny Study Plan" as tiny-study-plan: \d+ items/);
    const before = json(home, ['progress']);
    expect(before.roadmap).toBe('Tiny Study Plan');
    expect(before.percent).toBe(0);
    expect(before.items).toMatchObject({ done: 0, doing: 0, skipped: 0 });
    expect(before.next[0]).toMatchObject({ number: 1, text: 'Install PyTorch and run a matrix multiply on the GPU', kind: 'task' });

    expect(ok(home, ['done', '1'])).toContain('Done: #1 Install PyTorch');
    expect(ok(home, ['done', 'two-layer network'])).toContain('Done: #3 Write a two-layer network with autograd');
    const after = json(home, ['progress']);
    expect(after.items.done).toBe(2);
    const shown = json<any[]>(home, ['show']);
    const effort = (n: number) => shown.find((i) => i.number === n).effortHours;
    const inScope = shown.filter((i) => !i.optional);
    const total = inScope.reduce((s, i) => s + i.effortHours, 0);
    expect(after.percent).toBeCloseTo(((effort(1) + effort(3)) / total) * 100, 0);
    expect(after.hours.done).toBeCloseTo(effort(1) + effort(3), 1);
  });

  it('leaves skipped items out of the total and keeps optional parts outside it', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const shown = json<any[]>(home, ['show']);
    const optional = shown.filter((i) => i.optional);
    expect(optional.map((i) => i.text)).toEqual(['Try mixed precision training']);
    const p0 = json(home, ['progress']);
    expect(p0.items.total).toBe(shown.length - optional.length);
    ok(home, ['skip', '2']);
    const p1 = json(home, ['progress']);
    expect(p1.items.skipped).toBe(1);
    expect(p1.hours.total).toBeCloseTo(p0.hours.total - shown[1].effortHours, 1);
  });

  it('lists candidates and exits 2 for an ambiguous or unknown item, storing nothing', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    const before = ok(home, ['export']);
    const ambiguous = run(home, ['done', 'train']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('"train" matches 2 items');
    expect(ambiguous.stderr).toContain('#4 Train a classifier on MNIST');
    const unknown = run(home, ['done', 'quantum chromodynamics']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ai-learn: No item matches "quantum chromodynamics"/);
    expect(run(home, ['done', '99']).stderr).toContain('There is no item #99');
    expect(ok(home, ['export'])).toBe(before);
  });

  it('names an item by number, #number or key, once however often it is named, and never a removed one', () => {
    const home = tempDir();
    const file = join(tempDir(), 'plan.md');
    writeFileSync(file, readFileSync(TINY, 'utf8'));
    ok(home, ['import', file]);
    const shown = json<{ number: number; key: string; text: string }[]>(home, ['show']);
    const third = shown[2]!;
    expect(ok(home, ['done', third.key, '#3', '3'])).toBe(`Done: #3 ${third.text}\n`);
    expect(ok(home, ['note', '#2', 'later'])).toBe(`Noted on #2 ${shown[1]!.text}.\n`);
    expect(ok(home, ['log', '20m', shown[1]!.key])).toContain(`on #2 ${shown[1]!.text}`);
    // Item 1 leaves the roadmap file: its number and key name nothing any more.
    writeFileSync(file, readFileSync(TINY, 'utf8').replace(/^- \[ \] Install PyTorch.*\n/m, ''));
    ok(home, ['import', file]);
    const before = ok(home, ['export']);
    expect(run(home, ['done', '1']).stderr).toBe(
      `ai-learn: #1 ${shown[0]!.text} was removed from the roadmap file; its history is kept (\`ai-learn show --removed\`).\n`,
    );
    expect(run(home, ['done', '99']).stderr).toContain(`There is no item #99; numbers run from 1 to ${shown.length}`);
    expect(run(home, ['done', shown[0]!.key]).code).toBe(2);
    expect(ok(home, ['export'])).toBe(before);
  });

  it('logs sessions in every duration form and counts them', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    expect(ok(home, ['log', '90m'])).toMatch(/Logged 1h 30m for .*1\.5 h logged in all/);
    ok(home, ['log', '1.5h', '4', '-m', 'first epochs']);
    ok(home, ['log', '1h30m', '--date', 'yesterday']);
    const p = json(home, ['progress']);
    expect(p.hours.logged).toBe(4.5);
    expect(p.sessions).toBe(3);
    const bad = run(home, ['log', 'ninety']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('ai-learn: "ninety" is not a duration: write it like 90m, 1.5h or 1h30m.');
    expect(json(home, ['progress']).sessions).toBe(3);
  });

  it('runs a clock from start to stop and logs the time', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['start', '4'], { now: '2026-03-02T18:00:00' });
    expect(json(home, ['progress']).items.doing).toBe(1);
    expect(ok(home, ['stop'], { now: '2026-03-02T18:50:00' })).toBe('Logged 50m on #4 Train a classifier on MNIST.\n');
    expect(run(home, ['stop']).stderr).toContain('No clock is running');
    ok(home, ['start', '5'], { now: '2026-03-02T19:00:00' });
    expect(ok(home, ['done', '5'], { now: '2026-03-02T19:20:00' })).toContain('Logged 20m from the running clock.');
    expect(json(home, ['progress']).hours.logged).toBeCloseTo(70 / 60, 1);
  });

  it('stops a clock with the time given instead, as its hint for a forgotten clock says', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['start', '4'], { now: '2026-03-02T09:00:00' });
    const forgotten = run(home, ['stop'], { now: '2026-03-02T23:00:00' });
    expect(forgotten.code).toBe(2);
    expect(forgotten.stderr).toBe('ai-learn: The clock has run for 14h; say how long you studied, e.g. `ai-learn stop 2h`.\n');
    expect(json(home, ['progress']).hours.logged).toBe(0);
    expect(run(home, ['stop', 'soon'], { now: '2026-03-02T23:00:00' }).code).toBe(2);
    expect(ok(home, ['stop', '2h'], { now: '2026-03-02T23:00:00' })).toBe('Logged 2h on #4 Train a classifier on MNIST.\n');
    expect(json(home, ['progress']).hours.logged).toBe(2);
    expect(run(home, ['stop', '20m']).stderr).toContain('No clock is running');
    // Nor does a clock take a day past 24 hours: the day holds 2h, then 21h more.
    ok(home, ['log', '21h'], { now: '2026-03-02T23:05:00' });
    ok(home, ['start', '5'], { now: '2026-03-02T23:10:00' });
    const full = run(home, ['stop', '2h'], { now: '2026-03-02T23:30:00' });
    expect(full.code).toBe(2);
    expect(full.stderr).toBe('ai-learn: Mon, Mar 2 already has 23h logged; 2h more would make it longer than a day.\n');
    expect(json(home, ['progress']).hours.logged).toBe(23);
    expect(ok(home, ['stop', '1h'], { now: '2026-03-02T23:30:00' })).toContain('Logged 1h on #5');
  });

  it('keeps one clock at a time: starting two items runs one clock, stopped once', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['start', '4', '5'], { now: '2026-03-02T18:00:00' });
    expect(json(home, ['progress']).items.doing).toBe(2);
    expect(ok(home, ['stop'], { now: '2026-03-02T18:30:00' })).toBe('Logged 30m on #4 Train a classifier on MNIST.\n');
    expect(run(home, ['stop'], { now: '2026-03-02T21:00:00' }).stderr).toContain('No clock is running');
    ok(home, ['start', '1'], { now: '2026-03-02T21:00:00' });
    expect(ok(home, ['start', '2'], { now: '2026-03-02T21:15:00' })).toContain('Logged 15m from the running clock.');
    expect(ok(home, ['stop'], { now: '2026-03-02T21:45:00' })).toContain('Logged 30m on #2');
    expect(json(home, ['progress']).hours.logged).toBe(1.3);
  });

  it('undoes the last command by appending, and keeps the log', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['done', '1', '2']);
    ok(home, ['log', '30m']);
    expect(ok(home, ['undo'])).toMatch(/Undid: log 30m/);
    const undone = ok(home, ['undo']).trim().split('\n');
    expect(undone).toEqual([expect.stringMatching(/^Undid: done #1 Install PyTorch/), expect.stringMatching(/^Undid: done #2 /)]);
    const p = json(home, ['progress']);
    expect(p.items.done).toBe(0);
    expect(p.sessions).toBe(0);
    const backup = JSON.parse(ok(home, ['export']));
    expect(backup.tables.events.filter((e: any) => e.type === 'undo')).toHaveLength(3);
    expect(run(home, ['undo']).stderr).toContain('Nothing to undo');
  });

  it('keeps a chain of study days, alive until today ends, with rest days for misses', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['plan', '--rest-days', '1']);
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04']) ok(home, ['log', '30m'], { now: `${day}T20:00:00` });
    expect(json(home, ['progress'], { now: '2026-03-05T08:00:00' }).streak).toMatchObject({ current: 3, best: 3 });
    expect(ok(home, ['progress'], { now: '2026-03-05T08:00:00' })).toContain('Chain     3 study days in a row, best 3 (skip today and a rest day keeps it)');
    // Thursday 5 missed uses the rest day; Friday 6 missed breaks the chain.
    expect(json(home, ['progress'], { now: '2026-03-06T08:00:00' }).streak).toMatchObject({ current: 3, best: 3 });
    expect(ok(home, ['progress'], { now: '2026-03-06T08:00:00' })).toContain('(log today or it breaks)');
    expect(json(home, ['progress'], { now: '2026-03-07T08:00:00' }).streak).toMatchObject({ current: 0, best: 3 });
  });

  it('prints the headline view with sections and the command to mark the next item', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['done', '1']);
    const text = ok(home, ['progress'], { env: { NO_COLOR: '1' } });
    expect(text).toContain('Tiny Study Plan');
    expect(text).toMatch(/Items +1 done · 0 doing · 0 skipped · \d+ to do/);
    expect(text).toMatch(/Phase 1: Basics.* +\d+% +1\/\d+/);
    expect(text).toContain('Mark it: ai-learn start 2');
    expect(text).not.toContain('█');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const bars = ok(home, ['progress'], { env: { FORCE_COLOR: '1' } });
    expect(bars).toContain('█');
  });

  it('manages several roadmaps with roadmaps, use and remove', () => {
    const home = tempDir();
    ok(home, ['init', '--demo']);
    ok(home, ['import', TINY]);
    expect(ok(home, ['roadmaps'])).toMatch(/\* tiny-study-plan/);
    expect(ok(home, ['use', 'engineer'])).toContain('Now using ai-engineer-in-9-months');
    expect(json(home, ['progress']).roadmap).toBe('AI Engineer in 9 Months');
    const refused = run(home, ['remove', 'tiny-study-plan']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(ok(home, ['remove', 'tiny-study-plan', '--yes'])).toContain('Removed tiny-study-plan.');
    expect(json<any[]>(home, ['roadmaps']).map((r) => r.name)).toEqual(['ai-engineer-in-9-months']);
  });

  it('says how many of the items it imports are optional, outside the totals roadmaps shows', () => {
    const home = tempDir();
    const out = ok(home, ['import', TINY]);
    const shown = json<{ optional: boolean }[]>(home, ['show']);
    const optional = shown.filter((i) => i.optional).length;
    expect(optional).toBeGreaterThan(0);
    expect(out).toContain(`tiny-study-plan: ${shown.length} items (${optional} optional) in `);
    expect(json<{ items: number }[]>(home, ['roadmaps'])[0]!.items).toBe(shown.length - optional);
  });

  it('lines up the roadmaps listed, whatever the length of their names', () => {
    const home = tempDir();
    ok(home, ['init', '--demo']);
    const long = join(home, 'long.md');
    writeFileSync(long, '# A Rather Long Roadmap Title for Learning Machine Learning\n\n## Week 1\n\n- [ ] Read a paper\n');
    ok(home, ['import', long]);
    ok(home, ['done', '1']);
    const lines = ok(home, ['roadmaps']).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^  ai-engineer-in-9-months +0%  123 items  AI Engineer in 9 …$/);
    expect(lines[1]).toMatch(/^\* a-rather-long-roadmap-title-for-learning +100%  1 item {5}A Rather Long R.*…$/);
    const columns = (line: string) => [line.search(/\d+%/) + /\d+%/.exec(line)![0].length, line.search(/  A/)];
    expect(columns(lines[0]!)).toEqual(columns(lines[1]!));
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('lists each roadmap with the items and percentage its progress shows', () => {
    const home = tempDir();
    ok(home, ['init', '--demo']);
    ok(home, ['done', '1', '2', '5']);
    ok(home, ['skip', '3']);
    ok(home, ['estimate', '2', '9h']);
    ok(home, ['import', TINY]);
    ok(home, ['done', '4']);
    ok(home, ['plan', '--include', 'Optional']);
    for (const r of json<{ name: string; items: number; percent: number }[]>(home, ['roadmaps'], { env: { AI_LEARN_VIEW_CACHE: 'off' } })) {
      ok(home, ['use', r.name]);
      const progress = json(home, ['progress']);
      expect([r.items, r.percent], r.name).toEqual([progress.items.total, progress.percent]);
      expect(r.percent).toBeGreaterThan(0);
    }
  });

  it('backs up with export and restores it exactly into an empty home', () => {
    const home = tempDir();
    ok(home, ['import', TINY]);
    ok(home, ['done', '1']);
    ok(home, ['log', '45m', '2', '-m', 'notes on residuals']);
    ok(home, ['note', '3', 'use', 'einsum']);
    const file = join(tempDir(), 'backup.json');
    ok(home, ['export', '--format', 'json', '-o', file]);
    const other = tempDir();
    expect(ok(other, ['restore', file])).toMatch(/Restored 1 roadmap, \d+ items and 3 events/);
    expect(ok(other, ['progress', '--json'])).toBe(ok(home, ['progress', '--json']));
    expect(ok(other, ['export'])).toBe(ok(home, ['export']));
  });
});
