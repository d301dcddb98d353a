import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, ok, run, tempDir } from './helpers/cli.js';

// A roadmap of 2,500 items: larger than any seed, and past the size at which
// loading the items stops V8 growing its young generation (src/io/heap.ts),
// so the commands here that load them all (progress, the exports, importing
// the file again) run with that tuning. What the learner sees must not
// depend on it: nothing on stderr, the counts the file gives, and a
// checklist that imports back into the same items and statuses.

const NOW = '2026-03-10T09:00:00';
const SECTIONS = 25;
const PER_SECTION = 100;

function largeRoadmap(): string {
  const lines = ['# Long Study Plan', '', 'About 6 hours/week.', ''];
  for (let s = 1; s <= SECTIONS; s++) {
    lines.push(`## Part ${s}: Area ${s}`, '');
    for (let i = 1; i <= PER_SECTION; i++) {
      const box = (s * PER_SECTION + i) % 50 === 0 ? 'x' : ' ';
      lines.push(`- [${box}] Study topic ${s}.${i} and write a short summary`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

describe('a roadmap of 2,500 items', () => {
  it('imports, tracks and exports a checklist that imports back the same', { timeout: 60_000 }, () => {
    const dir = tempDir();
    const file = join(dir, 'long.md');
    writeFileSync(file, largeRoadmap());
    const home = join(dir, 'home');

    const imported = run(home, ['import', file], { now: NOW });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('2500 items in 25 sections');

    ok(home, ['done', '7'], { now: NOW });
    ok(home, ['start', '8'], { now: NOW });
    ok(home, ['log', '45m', '9'], { now: NOW });

    const progress = run(home, ['progress'], { now: NOW });
    expect(progress).toMatchObject({ code: 0, stderr: '' });
    // 50 boxes ticked in the file (every fiftieth), and item 7 done since.
    const counts = json(home, ['progress'], { now: NOW, env: { AI_LEARN_VIEW_CACHE: 'off' } }).items;
    expect(counts).toEqual({ done: 51, doing: 1, skipped: 0, todo: 2448, total: 2500 });

    const sessions = run(home, ['export', '--format', 'csv'], { now: NOW });
    expect(sessions).toMatchObject({ code: 0, stderr: '' });
    expect(sessions.stdout.trim().split('\n')).toHaveLength(2);
    expect(sessions.stdout).toContain('Study topic 1.9 and write a short summary');

    const again = run(home, ['import', file], { now: NOW });
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(json(home, ['progress'], { now: NOW, env: { AI_LEARN_VIEW_CACHE: 'off' } }).items).toEqual(counts);

    const checklist = run(home, ['export', '--format', 'md'], { now: NOW });
    expect(checklist).toMatchObject({ code: 0, stderr: '' });
    const copy = join(dir, 'copy.md');
    writeFileSync(copy, checklist.stdout);
    const other = join(dir, 'other');
    ok(other, ['import', copy], { now: NOW });
    expect(json(other, ['progress'], { now: NOW }).items).toEqual(counts);
    const texts = (h: string) => json<{ text: string; status: string }[]>(h, ['show'], { now: NOW }).map((i) => [i.text, i.status]);
    expect(texts(other)).toEqual(texts(home));
  });
});
