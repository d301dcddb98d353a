import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRoadmap, traceRoadmap } from '../src/roadmap/reader.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

describe('a very large nested checklist', () => {
  const text = fixture('large-checklist.md');
  const r = readRoadmap(text, { source: 'large-checklist.md' });

  it('reads every checkbox, nested ones included', () => {
    expect(r.items).toHaveLength(4 * 3 * 2 * 2 * 7);
    expect(r.items.every((i) => i.kind === 'task')).toBe(true);
    expect(r.items.filter((i) => i.checked)).toHaveLength((text.match(/- \[x\]/g) ?? []).length);
    expect(r.hoursPerWeek).toEqual({ min: 5, max: 5 });
  });

  it('keeps the deepest section paths, link text and urls', () => {
    const last = r.items[r.items.length - 1]!;
    expect(last).toMatchObject({
      text: 'Sketch note 4.3.2.2.5',
      url: 'https://example.org/notes/4.3.2.2/5',
      section: ['Track 4: Area 4', 'Module 4.3', 'Unit 4.3.2', 'Lesson 4.3.2.2'],
      key: 'lesson-4-3-2-2/sketch-note-4-3-2-2-5',
    });
    const nested = r.items.find((i) => i.text === 'Re-derive step B of 1.1.1.1');
    expect(nested).toMatchObject({ url: 'https://example.org/pdf/1.1.1.1', section: ['Track 1: Area 1', 'Module 1.1', 'Unit 1.1.1', 'Lesson 1.1.1.1'] });
    expect(new Set(r.items.map((i) => i.key)).size).toBe(r.items.length);
  });

  it('accounts for every list line', () => {
    const trace = traceRoadmap(text);
    const listLines = text.split('\n').filter((l) => /^\s*- \[/.test(l)).length;
    expect(trace.uses.filter((u) => u.use === 'item')).toHaveLength(listLines);
  });
});

describe('a course table', () => {
  const r = readRoadmap(fixture('course-table.md'));

  it('makes one task per course with duration × effort', () => {
    expect(r.items.map((i) => [i.text, i.kind, i.effortHours])).toEqual([
      ['Statistics with Python', 'task', 104],
      ['Applied Machine Learning', 'task', 65],
      ['Deep Learning Specialization', 'task', 80],
      ['Capstone Lab', 'task', 40],
    ]);
    expect(r.items[0]).toMatchObject({
      url: 'https://example.org/courses/stats',
      course: { durationWeeks: 13, hoursPerWeek: { min: 6, max: 10 }, prerequisites: 'None' },
    });
    expect(r.items[1]!.course?.prerequisites).toBe('Statistics with Python');
    expect(r.warnings).toEqual([]);
  });
});

describe('a lecture list written as bold paragraphs', () => {
  const r = readRoadmap(fixture('lectures.md'));

  it('reads each lecture as a label section holding resource links', () => {
    expect(r.sections[0]!.sections.map((s) => [s.title, s.level])).toEqual([
      ['Lecture 1: Course Overview', 7],
      ['Lecture 2: Linear Classifiers', 7],
      ['Lecture 3: Backpropagation', 7],
    ]);
    expect(r.items).toHaveLength(7);
    expect(r.items.every((i) => i.kind === 'resource' && i.url?.startsWith('https://example.org/'))).toBe(true);
    expect(r.items[5]).toMatchObject({
      text: 'Slides',
      url: 'https://example.org/l3/slides.pdf',
      section: ['Lectures', 'Lecture 3: Backpropagation'],
      key: 'lecture-3-backpropagation/slides',
    });
  });
});

describe('banners, badges, details, emoji and a table of contents', () => {
  const text = fixture('messy.md');
  const trace = traceRoadmap(text);
  const r = trace.roadmap;

  it('strips emoji from titles and reads en-dash week ranges', () => {
    expect(r.title).toBe('Hands-On ML Starter');
    expect(r.sections.map((s) => [s.title, s.weeks])).toEqual([
      ['Phase 1: Basics (Weeks 1–4)', { start: 1, end: 4 }],
      ['Phase 2: Models (Weeks 5–8)', { start: 5, end: 8 }],
      ['License', null],
    ]);
  });

  it('reads the list inside <details> and skips the contents, badges and licence', () => {
    expect(r.items.map((i) => i.text)).toEqual([
      'Install a Python toolchain and Jupyter',
      'Plot a histogram of a small dataset',
      'Vectorize a loop with NumPy broadcasting',
      'Profile the notebook and remove the slowest cell',
      'Decision trees and random forests',
      'Read the scikit-learn user guide chapter on ensembles',
      'gradient boosting internals',
      'Awesome ML list',
      'Build a tiny model card for your best model',
    ]);
    expect(trace.uses.filter((u) => u.use === 'toc')).toHaveLength(3);
    expect(r.items.find((i) => i.text === 'gradient boosting internals')?.optional).toBe(true);
    expect(r.items.find((i) => i.text === 'Vectorize a loop with NumPy broadcasting')?.weeks).toEqual({ start: 1, end: 4 });
  });
});
