import { describe, expect, it } from 'vitest';
import { renderIcs, type IcsInput } from './ics.js';

const week = (n: number, start: string, end: string, items: number[]) => ({ week: n, start, end, items, targetHours: 4 });

const input: IcsInput = {
  name: 'tiny',
  title: 'Tiny; Plan, with commas',
  rhythm: [
    { day: 'tue', activity: 'Drills', hours: 1.5 },
    { day: 'weekend', activity: 'Project work', hours: 3 },
  ],
  plan: {
    start: '2026-03-02',
    finish: '2026-03-15',
    days: ['sun', 'tue', 'thu', 'sat'],
    weeks: [week(1, '2026-03-02', '2026-03-08', [1, 2]), week(2, '2026-03-09', '2026-03-15', [3])],
    milestones: [{ week: 2, date: '2026-03-15', text: 'Network trained', waitsOn: [1, 2, 3] }],
  },
  itemText: new Map([
    [1, 'Install PyTorch'],
    [2, 'Read "ResNet", the paper'],
    [3, 'Train on MNIST'],
  ]),
  now: new Date('2026-03-02T09:00:00Z'),
};

const events = (ics: string) => ics.split('BEGIN:VEVENT').slice(1);
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('renderIcs', () => {
  it('makes an all-day event for each study day of the plan and each milestone', () => {
    const ics = unfold(renderIcs(input));
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toMatch(/\r\nX-WR-CALNAME:Tiny/);
    const starts = events(ics).map((e) => /DTSTART;VALUE=DATE:(\d+)/.exec(e)![1]);
    expect(starts).toEqual(['20260303', '20260305', '20260307', '20260308', '20260310', '20260312', '20260314', '20260315', '20260315']);
    expect(ics).toContain('UID:tiny-study-2026-03-03@ai-learn\r\n');
    expect(ics).toContain('UID:tiny-milestone-1-2@ai-learn\r\n');
    expect(ics).toContain('DTSTAMP:20260302T090000Z\r\n');
  });

  it('names the rhythm activity of the weekday, else the roadmap, and lists the week\'s items', () => {
    const [tue, thu, sat] = events(unfold(renderIcs(input)));
    expect(tue).toContain('SUMMARY:Study: Drills (1.5 h)\r\n');
    expect(tue).toContain('DESCRIPTION:#1 Install PyTorch\\n#2 Read "ResNet"\\, the paper\r\n');
    expect(thu).toContain('SUMMARY:Study: Tiny\\; Plan\\, with commas\r\n');
    expect(sat).toContain('SUMMARY:Study: Project work (3 h)\r\n');
    expect(events(unfold(renderIcs(input))).at(-1)).toContain('SUMMARY:Milestone: Network trained\r\n');
  });

  it('studies every day when the plan names no days, and is the same file every time', () => {
    const every = renderIcs({ ...input, plan: { ...input.plan, days: [] } });
    expect(events(every)).toHaveLength(14 + 1);
    expect(renderIcs(input)).toBe(renderIcs(input));
  });

  it('folds long lines at 75 bytes of UTF-8 without splitting a character, and unfolds to the item texts', () => {
    // Accents (2 bytes), CJK (3) and emoji (4 bytes, two UTF-16 units) across many fold points.
    const texts = Array.from({ length: 40 }, (_, i) => `Lire l'article n°${i} — 注意力机制 🤖 ${'é'.repeat(i)} and some plain words`);
    const ics = renderIcs({
      ...input,
      plan: { ...input.plan, weeks: [week(1, '2026-03-02', '2026-03-08', texts.map((_, i) => i + 1))] },
      itemText: new Map(texts.map((t, i) => [i + 1, t])),
    });
    const lines = ics.split('\r\n');
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // Half an emoji on either side of a fold.
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    const description = /DESCRIPTION:(.*)\r\n/.exec(unfold(ics))![1]!;
    expect(description.split('\\n')).toEqual(texts.map((t, i) => `#${i + 1} ${t}`));
  });
});
