import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Item, Roadmap } from '../roadmap/model.js';
import { readRoadmap } from '../roadmap/reader.js';
import { renderMarkdown, type ItemStatus, type MarkdownItem } from './markdown.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const FIXTURES = new URL('../../test/fixtures/', import.meta.url);

const sources: Array<[string, string]> = [
  ...readdirSync(SEEDS).map((f): [string, string] => [`seed ${f.slice(0, 3)}`, readFileSync(new URL(f, SEEDS), 'utf8')]),
  ...['tiny.md', 'lectures.md', 'messy.md', 'course-table.md'].map((f): [string, string] => [f, readFileSync(new URL(f, FIXTURES), 'utf8')]),
];

/** Every third item done, every seventh skipped: a roadmap in progress. */
function exported(r: Roadmap): string {
  const statusOf = (i: Item): ItemStatus => {
    const status = i.number % 3 === 0 ? 'done' : i.number % 7 === 0 ? 'skipped' : 'todo';
    return { status, day: status === 'done' ? '2026-03-02' : null };
  };
  return renderMarkdown({ ...r, statusOf });
}

describe('renderMarkdown', () => {
  it.each(sources)('%s reads back with the same texts, kinds and done marks', (_, source) => {
    const original = readRoadmap(source);
    const again = readRoadmap(exported(original));
    expect(again.title).toBe(original.title);
    expect(again.items.map((i) => [i.number, i.text])).toEqual(original.items.map((i) => [i.number, i.text]));
    expect(again.items.map((i) => i.checked)).toEqual(original.items.map((i) => i.number % 3 === 0));
    expect(again.items.map((i) => i.optional)).toEqual(original.items.map((i) => i.optional));
    expect(again.items.map((i) => `${i.number} ${i.kind}`)).toEqual(original.items.map((i) => `${i.number} ${i.kind}`));
  });

  it('keeps sections, groups, rhythm, milestones and pace of seed 000', () => {
    const original = readRoadmap(sources[0]![1]);
    const again = readRoadmap(exported(original));
    expect(again.items.map((i) => [i.section, i.group])).toEqual(original.items.map((i) => [i.section, i.group]));
    expect(again.rhythm).toEqual(original.rhythm);
    expect(again.milestones).toEqual(original.milestones);
    expect(again.hoursPerWeek).toEqual(original.hoursPerWeek);
    expect(again.projectHoursPerWeek).toEqual(original.projectHoursPerWeek);
  });

  it('writes a checklist with headings, group labels, kind labels and status notes', () => {
    const md = exported(readRoadmap(sources[0]![1]));
    const lines = md.split('\n');
    expect(lines[0]).toBe('# 6-Month Roadmap to Frontier AI Skills');
    expect(lines).toContain('## Phase 1: Foundations (Weeks 1-8)');
    expect(lines).toContain('### Week 1-2: ML Fundamentals');
    expect(lines).toContain('**Phase 1 Checkpoint:**');
    expect(lines).toContain('- [x] Loss functions and regularization _(done 2026-03-02)_');
    expect(md).toMatch(/^[-*] \[ \] \*\*Resource:\*\* Deep Learning Book Ch\. 6-8$/m);
    expect(md).toMatch(/^[-*] \[ \] \*\*Deliverable:\*\* Working transformer, blog post draft$/m);
    expect(md).toMatch(/^[-*] \[ \] Read Chinchilla paper _\(skipped\)_$/m);
  });

  it('keeps a paper year and escapes markup in texts', () => {
    const items: MarkdownItem[] = [
      { kind: 'reading', text: 'Read "Deep Residual Learning" (2015)', section: ['Papers'], group: null, optional: false },
      { kind: 'task', text: 'Implement A* search with *stars* and [brackets] & <tags>', section: ['Papers'], group: null, optional: true },
    ];
    const todo = (): ItemStatus => ({ status: 'todo', day: null });
    const md = renderMarkdown({ title: 'T', hoursPerWeek: null, projectHoursPerWeek: null, rhythm: [], milestones: [], items, statusOf: todo });
    expect(md).toContain('Read "Deep Residual Learning" (2015)');
    const again = readRoadmap(md);
    expect(again.items.map((i) => [i.text, i.optional, i.paper?.year ?? null])).toEqual([
      ['Read "Deep Residual Learning" (2015)', false, 2015],
      ['Implement A* search with *stars* and [brackets] & <tags>', true, null],
    ]);
  });
});
