import { describe, expect, it } from 'vitest';
import { RoadmapError } from '../errors.js';
import { readRoadmap } from './reader.js';

const md = (lines: string[]): string => lines.join('\n');

describe('readRoadmap', () => {
  it('throws one sentence naming the source when there are no items', () => {
    const read = (): unknown => readRoadmap('# Just a title\n\nSome prose here.\n', { source: 'notes.md' });
    expect(read).toThrow(RoadmapError);
    expect(read).toThrow('notes.md has no items: expected checkboxes, bullets or headings with work under them.');
    expect(() => readRoadmap('')).toThrow('The roadmap has no items');
  });

  it('never throws on odd markdown that has items', () => {
    const r = readRoadmap(md(['## ', '- [ ]', '- ![img](x.png)', '- ok then', '```', '- not a list', '```', '| a |', '|---|', '| b |']));
    expect(r.title).toBe('Untitled roadmap');
    expect(r.items.map((i) => i.text)).toEqual(['ok then', 'b']);
    expect(r.warnings[0]).toMatch(/table at line 8 has no recognized columns/);
  });

  it("keeps what micromark reads as an unknown tag as the author's text, and drops HTML's own tags", () => {
    const r = readRoadmap(md([
      '# Rust <b>plan</b>',
      '## Week 1',
      '- [ ] Understand Option<T> and Result<T, E> in Rust',
      '- [ ] Read the List<String> chapter <!-- from the book -->',
      '- [ ] Copy with <kbd>Ctrl</kbd>+<kbd>C</kbd>, paste with <KBD>Ctrl</KBD>+V',
      '- [ ] <img src="x.png"> <span class="new">Sort</span> a Vec<u8>',
      '- [ ] Type Array<Object> and Promise<Data>; use <Link> in Next.js; fn map<U>(f)',
    ]));
    expect(r.title).toBe('Rust plan');
    expect(r.items.map((i) => i.text)).toEqual([
      'Understand Option<T> and Result<T, E> in Rust',
      'Read the List<String> chapter',
      'Copy with Ctrl+C, paste with Ctrl+V',
      'Sort a Vec<u8>',
      'Type Array<Object> and Promise<Data>; use <Link> in Next.js; fn map<U>(f)',
    ]);
  });

  it("gives an item only a web, mail or relative link as its URL", () => {
    const r = readRoadmap(md([
      '# Plan',
      '## Week 1',
      '- [ ] Read [the notes](javascript:alert(1)) and [the paper](https://arxiv.org/abs/1706.03762)',
      '- [ ] Open [this](data:text/html;base64,PHNjcmlwdD4=)',
      '- [ ] Write to [the author](mailto:a@example.org)',
      '- [ ] See [chapter 2](notes/ch2.md) and [VBScript](VBSCRIPT:msgbox)',
    ]));
    expect(r.items.map((i) => [i.text, i.url ?? null])).toEqual([
      ['Read the notes and the paper', 'https://arxiv.org/abs/1706.03762'],
      ['Open this', null],
      ['Write to the author', 'mailto:a@example.org'],
      ['See chapter 2 and VBScript', 'notes/ch2.md'],
    ]);
  });

  it('gives nested bullets the context of their parent', () => {
    const r = readRoadmap(md([
      '# Plan',
      '## Week 3: Practice',
      '**Phase 9 Checkpoint:**',
      '- Can explain gradients',
      '  - Have notes on chain rule',
      '- Optional: extra drills',
      '  - Drill set A',
    ]));
    expect(r.items.map((i) => [i.text, i.kind, i.group, i.optional, i.weeks?.start])).toEqual([
      ['Can explain gradients', 'checkpoint', 'Phase 9 Checkpoint', false, 3],
      ['Have notes on chain rule', 'checkpoint', 'Phase 9 Checkpoint', false, 3],
      ['extra drills', 'checkpoint', 'Phase 9 Checkpoint', true, 3],
      ['Drill set A', 'checkpoint', 'Phase 9 Checkpoint', true, 3],
    ]);
  });

  it('reads a week schedule table and a rhythm table in minutes', () => {
    const r = readRoadmap(md([
      '# Plan',
      'About 6 hours per week.',
      '| Week | Topic | Link |',
      '|---|---|---|',
      '| 1 | Tensors | [docs](https://example.org/t) |',
      '| 2-3 | Autograd | |',
      '',
      '| Day | Activity | Time |',
      '|---|---|---|',
      '| Tue | Drills | 90 min |',
      '| Weekdays | Flashcards | 15 min |',
    ]));
    expect(r.items.map((i) => [i.text, i.weeks, i.url ?? null])).toEqual([
      ['Tensors', { start: 1, end: 1 }, 'https://example.org/t'],
      ['Autograd', { start: 2, end: 3 }, null],
    ]);
    expect(r.rhythm.map((e) => [e.day, e.hours])).toEqual([
      ['tue', 1.5], ['mon', 0.25], ['tue', 0.25], ['wed', 0.25], ['thu', 0.25], ['fri', 0.25],
    ]);
    expect(r.hoursPerWeek).toEqual({ min: 6, max: 6 });
    expect(r.totalWeeks).toBe(3);
  });

  it('warns about overlapping weeks and milestones after the last section', () => {
    const r = readRoadmap(md([
      '# A 4-week plan',
      '## Weeks 1-3: One',
      '- [ ] Task one',
      '## Weeks 3-4: Two',
      '- [ ] Task two',
      '## Milestones',
      '| Week | Milestone |',
      '|---|---|',
      '| 9 | Late demo |',
    ]));
    expect(r.warnings).toEqual([
      '"Weeks 1-3: One" (weeks 1-3) and "Weeks 3-4: Two" (weeks 3-4) overlap.',
      'Milestone "Late demo" is due in week 9, after the last section ends (week 4).',
      'The title says 4 weeks but the weeks run to 9 (about 2.1 months).',
    ]);
  });

  it('shares a block of weeks by kind weight and falls back to defaults', () => {
    const r = readRoadmap(md([
      '# Plan',
      'This plan assumes 4 hours/week.',
      '## Week 1-2: Block',
      '- [ ] Task one',
      '- [ ] Task two',
      '- [ ] Task three',
      '- **Resource:** A book',
      '## Extras',
      '- **Critical:** Start Project 9 (Thing)',
    ]));
    expect(r.items.map((i) => [i.kind, i.effortHours])).toEqual([
      ['task', 2.25], ['task', 2.25], ['task', 2.25], ['resource', 1.25], ['project', 10],
    ]);
  });

  it('treats intro prose and quoted asides as no work', () => {
    const r = readRoadmap(md([
      '# Plan',
      'Read this first. Build habits.',
      '## Part A',
      '> Build nothing on Sundays.',
      '',
      'Build a parser.',
      '',
      'Parsing is fun.',
    ]));
    expect(r.items.map((i) => i.text)).toEqual(['Build a parser.']);
  });

  it('returns the same roadmap for the same text', () => {
    const text = md(['# P', '## Week 1', '- a', '- a', '- b']);
    expect(readRoadmap(text)).toEqual(readRoadmap(text));
    expect(readRoadmap(text).items.map((i) => i.key)).toEqual(['week-1/a', 'week-1/a-2', 'week-1/b']);
  });

  it('strips the status note an export appends, leaving the status to the checkbox', () => {
    const r = readRoadmap(md([
      '# Plan',
      '## Week 1',
      '- [x] Implement attention _(done 2026-03-02)_',
      '- [x] Read the LoRA paper (done 2026-02-27)',
      '- [ ] Train a tokenizer _(skipped)_',
      '- [ ] **Resource:** The PyTorch docs ([link](https://pytorch.org)) _(done 2026-01-05)_',
      '- [ ] Keep (done soon) and (skipped lunch) notes',
    ]));
    expect(r.items.map((i) => [i.text, i.checked, i.kind, i.url ?? null])).toEqual([
      ['Implement attention', true, 'task', null],
      ['Read the LoRA paper', true, 'reading', null],
      ['Train a tokenizer', false, 'task', null],
      ['The PyTorch docs', false, 'resource', 'https://pytorch.org'],
      ['Keep (done soon) and (skipped lunch) notes', false, 'task', null],
    ]);
  });
});
