import { describe, expect, it } from 'vitest';
import { json, ok, run, tempDir, ROOT } from './helpers/cli.js';
import { join } from 'node:path';

const TINY = join(ROOT, 'test', 'fixtures', 'tiny.md');
const NOW = '2026-03-04T18:00:00'; // a Wednesday

function logged(): string {
  const home = tempDir();
  ok(home, ['import', TINY], { now: '2025-12-01T09:00:00' });
  ok(home, ['log', '45m', '--date', '2026-03-02'], { now: NOW });
  ok(home, ['log', '2h', '1', '--date', '2026-02-27'], { now: NOW });
  ok(home, ['log', '30m', '--date', '2026-02-27'], { now: NOW });
  ok(home, ['log', '10m', '--date', '2025-12-01'], { now: NOW });
  return home;
}

describe('calendar', () => {
  it('draws the year of logged minutes as a heatmap', () => {
    const home = logged();
    const out = ok(home, ['calendar'], { now: NOW });
    const lines = out.trimEnd().split('\n');
    const cell = (weekday: number, week: number) => lines[1 + weekday]!.padEnd(57)[4 + week];
    expect(out).not.toMatch(/\u001b/);
    expect(lines[1]).toMatch(/^Mon /);
    expect(cell(0, 52)).toBe('+'); // Mon 2026-03-02: 45 minutes
    expect(cell(4, 51)).toBe('#'); // Fri 2026-02-27: 150 minutes
    expect(cell(3, 52)).toBe(' '); // Thursday: still to come
    expect(lines.at(-1)).toBe('3 days studied in the last year, 3.4 h in all.');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('prints the minutes per day with --json', () => {
    const home = logged();
    expect(json(home, ['calendar'], { now: NOW })).toEqual({
      from: '2025-03-03',
      to: '2026-03-04',
      days: [
        { day: '2025-12-01', minutes: 10 },
        { day: '2026-02-27', minutes: 150 },
        { day: '2026-03-02', minutes: 45 },
      ],
    });
  });

  it('colours the cells when asked to', () => {
    const home = logged();
    const out = ok(home, ['calendar'], { now: NOW, env: { FORCE_COLOR: '1' } });
    expect(out).toContain('\u001b[38;5;40m■');
  });

  it('needs a roadmap first', () => {
    const r = run(tempDir(), ['calendar']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ai-learn: No roadmap yet/);
  });
});
