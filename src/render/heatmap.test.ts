import { describe, expect, it } from 'vitest';
import { heatmapRange, renderHeatmap } from './heatmap.js';
import { fit, fitAround, PLAIN, wrap, type Style } from './style.js';

const COLOR: Style = { color: true, bars: true, width: 80 };
// 2026-03-04 is a Wednesday: its week runs Mon 2026-03-02 .. Sun 2026-03-08.
const TODAY = '2026-03-04';
const ESC = /\u001b\[/;
const visible = (line: string) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length;

/** The character in the row of a weekday (0 = Monday) and the column of a week (0 = first). */
function cellAt(out: string, weekday: number, week: number): string {
  const row = out.split('\n')[1 + weekday]!;
  return row.padEnd(4 + 53)[4 + week]!;
}

describe('renderHeatmap', () => {
  const minutes = new Map([
    ['2026-03-02', 45], // Monday of the last week
    ['2026-03-03', 10],
    ['2026-02-27', 60], // Friday of the week before
    ['2026-02-22', 150], // Sunday
    ['2025-03-03', 30], // the first day shown
    ['2025-03-02', 500], // before the year shown: not counted
    ['2026-03-05', 90], // after today: not shown
  ]);

  it('covers 53 Monday-first weeks ending with the week of today', () => {
    expect(heatmapRange(TODAY)).toEqual({ from: '2025-03-03', to: TODAY });
    expect(heatmapRange('2026-03-08')).toEqual({ from: '2025-03-03', to: '2026-03-08' });
    expect(heatmapRange('2026-03-09').from).toBe('2025-03-10');
  });

  it('shows each day by intensity in its weekday row and week column', () => {
    const out = renderHeatmap(minutes, TODAY, PLAIN);
    expect(cellAt(out, 0, 52)).toBe('+'); // 45 minutes: 30-59
    expect(cellAt(out, 1, 52)).toBe('-'); // 10 minutes: 1-29
    expect(cellAt(out, 2, 52)).toBe('.'); // today, nothing logged
    expect(cellAt(out, 3, 52)).toBe(' '); // after today: blank, even with minutes
    expect(cellAt(out, 6, 52)).toBe(' ');
    expect(cellAt(out, 4, 51)).toBe('*'); // 60 minutes: 60-119
    expect(cellAt(out, 6, 50)).toBe('#'); // 150 minutes: 120+
    expect(cellAt(out, 0, 0)).toBe('+');
    expect(cellAt(out, 1, 0)).toBe('.');
  });

  it('labels alternate weekday rows and the months where they start', () => {
    const lines = renderHeatmap(minutes, TODAY, PLAIN).split('\n');
    expect(lines.slice(1, 8).map((l) => l.slice(0, 4))).toEqual(['Mon ', '    ', 'Wed ', '    ', 'Fri ', '    ', '    ']);
    // 2025-04-01 is in the fifth week shown, 2026-03-01 (a Sunday) in the 52nd.
    expect(lines[0]!.indexOf('Apr')).toBe(4 + 4);
    expect(lines[0]!.indexOf('Mar')).toBe(4 + 51);
    for (const month of ['May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb']) expect(lines[0]).toContain(month);
  });

  it('ends with a legend of the five levels and a summary of the year', () => {
    const lines = renderHeatmap(minutes, TODAY, PLAIN).split('\n');
    expect(lines.at(-2)).toBe('    less . - + * # more   (0, 1-29, 30-59, 60-119, 120+ min)');
    expect(lines.at(-1)).toBe('5 days studied in the last year, 4.9 h in all.');
  });

  it('fits 80 columns and uses plain ASCII without colour', () => {
    const out = renderHeatmap(minutes, TODAY, PLAIN);
    expect(out).not.toMatch(ESC);
    expect(out).toMatch(/^[\x20-\x7e\n]*$/);
    for (const line of out.split('\n')) expect(visible(line)).toBeLessThanOrEqual(80);
  });

  it('paints green shades with colour, still within 80 columns', () => {
    const out = renderHeatmap(minutes, TODAY, COLOR);
    expect(out).toMatch(ESC);
    expect(out).toContain('\u001b[38;5;40m■'); // the brightest shade for 120+ minutes
    for (const line of out.split('\n')) expect(visible(line)).toBeLessThanOrEqual(80);
  });

  it('says so when nothing was logged', () => {
    expect(renderHeatmap(new Map(), TODAY, PLAIN).split('\n').at(-1)).toBe('0 days studied in the last year, 0 h in all.');
  });
});

describe('wrap', () => {
  it('breaks prose at spaces within the width, indenting continuation lines', () => {
    const text = wrap('Rule: a link is a planned study day with study logged; other days neither break nor extend it.', 30, '  ');
    expect(text.split('\n').every((l) => l.length <= 30)).toBe(true);
    expect(text).toBe('Rule: a link is a planned\n  study day with study logged;\n  other days neither break nor\n  extend it.');
  });
});

describe('fit', () => {
  it('keeps text that fits and cuts longer text to the width with an ellipsis, counting characters', () => {
    expect(fit('Attention Is All You Need', 25)).toBe('Attention Is All You Need');
    expect(fit('Attention Is All You Need', 10)).toBe('Attention…');
    // Emoji are two UTF-16 units but one character: 🚀 counts once, and is never cut in half.
    expect(fit('🚀 Ship it 🚀', 11)).toBe('🚀 Ship it 🚀');
    expect(fit('🚀🚀🚀🚀', 3)).toBe('🚀🚀…');
  });

  it('cuts the name and keeps what is around it whole, unless that leaves the name under 10 characters', () => {
    expect(fitAround('[ ] Sat, Feb 20  ', 'Project 1 complete', ' · 3 of 20 items left', 80)).toBe('[ ] Sat, Feb 20  Project 1 complete · 3 of 20 items left');
    expect(fitAround('Milestone ', 'Project 1 complete (Tabular Model Behind an API)', ' · 15 of 20 items left', 50)).toBe('Milestone Project 1 complet… · 15 of 20 items left');
    expect(fitAround('[ ] Sat, Feb 20 (week 12)  #12 ', 'Project 1 complete', ' · 15 of 20 items left', 40)).toBe(
      fit('[ ] Sat, Feb 20 (week 12)  #12 Project 1 complete · 15 of 20 items left', 40),
    );
  });
});
