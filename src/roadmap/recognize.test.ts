import { describe, expect, it } from 'vitest';
import { guessKind, isImperative, labelRole, parseChoose, cleanTitle } from './kinds.js';
import {
  parseDays,
  parseDuration,
  parsePace,
  parsePaper,
  parseTarget,
  parseTimeAmount,
  parseWeekRange,
  parseYear,
} from './recognize.js';
import { splitWeeks } from './schedule.js';

describe('week ranges', () => {
  it.each([
    ['Phase 1: Foundations (Weeks 1-8)', { start: 1, end: 8 }],
    ['Week 1-2: ML Fundamentals', { start: 1, end: 2 }],
    ['Weeks 3–4: Probability', { start: 3, end: 4 }],
    ['Weeks 9 — 12', { start: 9, end: 12 }],
    ['Weeks 5 to 6', { start: 5, end: 6 }],
    ['Week 5', { start: 5, end: 5 }],
    ['Month 3: Speech', { start: 9, end: 12 }],
    ['Months 4-5', { start: 13, end: 20 }],
    ['Months 0–2: Phase 0–1.', { start: 1, end: 8 }],
  ])('%s', (text, weeks) => {
    expect(parseWeekRange(text)).toEqual(weeks);
  });

  it('ignores lengths that are not ranges', () => {
    expect(parseWeekRange('6-Month Roadmap to AI')).toBeNull();
    expect(parseWeekRange('A 12-week plan')).toBeNull();
  });
});

describe('hours', () => {
  it.each([
    ['This roadmap assumes 3-5 hours/week of study', { min: 3, max: 5 }],
    ['Recommended Schedule (4 hours/week):', { min: 4, max: 4 }],
    ['about 10 hrs per week', { min: 10, max: 10 }],
    ['6–10 hours per week', { min: 6, max: 10 }],
  ])('pace in "%s"', (text, hours) => {
    expect(parsePace(text)).toEqual({ hours, project: false });
  });

  it('knows a pace said for project phases', () => {
    expect(parsePace('During Project Phases: Scale to 6-8 hours/week')).toEqual({
      hours: { min: 6, max: 8 },
      project: true,
    });
    expect(parsePace('assumes 3-5 hours/week, scaling up during project phases')?.project).toBe(false);
  });

  it('reads time amounts and durations', () => {
    expect(parseTimeAmount('1 hr')).toBe(1);
    expect(parseTimeAmount('1.5 hr')).toBe(1.5);
    expect(parseTimeAmount('90 min')).toBe(1.5);
    expect(parseTimeAmount('Paper reading (2 hours)')).toBe(2);
    expect(parseTimeAmount('Content creation')).toBeNull();
    expect(parseDuration('13 weeks')).toEqual({ weeks: 13 });
    expect(parseDuration('3 months')).toEqual({ weeks: 13 });
    expect(parseDuration('40 hours')).toEqual({ hours: 40 });
  });

  it('reads rhythm days', () => {
    expect(parseDays('Mon')).toEqual(['mon']);
    expect(parseDays('Wednesday')).toEqual(['wed']);
    expect(parseDays('Weekend')).toEqual(['weekend']);
    expect(parseDays('Mon/Wed')).toEqual(['mon', 'wed']);
    expect(parseDays('Mon–Fri')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseDays('Monthly')).toEqual([]);
  });
});

describe('papers', () => {
  it('takes the quoted title and a year in parentheses', () => {
    expect(parsePaper('"Thermodynamics and signatures of criticality in a network of neurons" (2015)')).toEqual({
      title: 'Thermodynamics and signatures of criticality in a network of neurons',
      year: 2015,
    });
    expect(parseYear('"Language models are unsupervised multitask learners" (GPT-2, 2019)')).toBe(2019);
    expect(parsePaper('Read "Attention Is All You Need" (annotated)')).toEqual({
      title: 'Attention Is All You Need',
      year: null,
    });
  });

  it('names unquoted papers by the words before "paper"', () => {
    expect(parsePaper('Read Chinchilla paper')).toEqual({ title: 'Chinchilla', year: null });
    expect(parsePaper('LoRA paper (Low-Rank Adaptation)')).toEqual({ title: 'LoRA', year: null });
    expect(parsePaper("Read Chip Huyen's book")).toBeNull();
  });
});

describe('count targets', () => {
  it.each([
    ['6 portfolio projects on GitHub', 6, '6 portfolio projects on GitHub'],
    ['50+ Substack posts establishing technical thought leadership', 50, '50+ Substack posts establishing technical thought leadership'],
    ['DSA refresh: arrays, heaps. Solve 100–150 targeted problems.', 100, 'Solve 100–150 targeted problems'],
  ])('%s', (text, count, clause) => {
    expect(parseTarget(text)).toEqual({ count, text: clause });
  });

  it.each([
    'Add 2-3 hours/week, compress to 4 months',
    'Python 3.11+, conda/uv, virtualenvs',
    'Integrate all Month 1-2 implementations',
    'Write attention in under 30 lines of PyTorch',
    '70% building, 20% reading, 10% notes.',
  ])('no target in "%s"', (text) => {
    expect(parseTarget(text)).toBeNull();
  });
});

describe('kinds', () => {
  it('recognizes imperative lines', () => {
    expect(isImperative('Implement attention manually in PyTorch.')).toBe(true);
    expect(isImperative('Build custom RAG, not copy templates.')).toBe(true);
    expect(isImperative('Set up Python environment')).toBe(true);
    expect(isImperative('Fine-tune a model')).toBe(true);
    expect(isImperative('Focus on latency, memory, throughput tradeoffs.')).toBe(false);
    expect(isImperative('If it feels hard, good.')).toBe(false);
    expect(isImperative('Training vs inference')).toBe(false);
    expect(isImperative('Debug drills: make a loop converge')).toBe(false);
  });

  it('guesses kinds of unlabelled lines', () => {
    expect(guessKind('Read "Attention Is All You Need"', 'task')).toBe('reading');
    expect(guessKind('LoRA paper (Low-Rank Adaptation)', 'task')).toBe('reading');
    expect(guessKind('Can explain attention mechanism from memory', 'task')).toBe('checkpoint');
    expect(guessKind('Start Project 1 (Transformer from Scratch)', 'task')).toBe('project');
    expect(guessKind('Complete Projects 3 & 4', 'task')).toBe('project');
    expect(guessKind('Complete Project 1 blog post', 'task')).toBe('task');
    expect(guessKind('Practice paper discussions', 'task')).toBe('task');
    expect(guessKind('Activations', 'topic')).toBe('topic');
  });

  it('maps labels to roles', () => {
    expect(labelRole('Resource')).toEqual({ role: 'kind', kind: 'resource' });
    expect(labelRole('Core Paper')).toEqual({ role: 'kind', kind: 'reading' });
    expect(labelRole('Phase 1 Checkpoint')).toEqual({ role: 'kind', kind: 'checkpoint' });
    expect(labelRole('Month 3 Deliverables')).toEqual({ role: 'kind', kind: 'deliverable' });
    expect(labelRole('Key Concepts')).toEqual({ role: 'kind', kind: 'topic' });
    expect(labelRole('Implementation')).toEqual({ role: 'kind', kind: 'task' });
    expect(labelRole('Focus')).toEqual({ role: 'goal' });
    expect(labelRole('Daily Schedule')).toEqual({ role: 'rhythm' });
    expect(labelRole('Critical')).toEqual({ role: 'critical' });
  });

  it('reads choose marks and cleans titles', () => {
    expect(parseChoose('Phase 6 — Specialization tracks (choose 1–2)')).toEqual({ min: 1, max: 2 });
    expect(parseChoose('Pick one track')).toEqual({ min: 1, max: 1 });
    expect(cleanTitle('🚀 Phase 1: Basics (Weeks 1–4)')).toBe('Phase 1: Basics (Weeks 1–4)');
    expect(cleanTitle('Technical Mastery Progression:')).toBe('Technical Mastery Progression');
  });
});

describe('schedule split', () => {
  it('splits shared weeks in order, by item count, at least a week each', () => {
    expect(splitWeeks({ start: 1, end: 8 }, [5, 8])).toEqual([
      { start: 1, end: 3 },
      { start: 4, end: 8 },
    ]);
    expect(splitWeeks({ start: 1, end: 4 }, [100, 1])).toEqual([
      { start: 1, end: 3 },
      { start: 4, end: 4 },
    ]);
  });
});
