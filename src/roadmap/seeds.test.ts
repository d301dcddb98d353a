import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Item, ItemKind, Roadmap, Section } from './model.js';
import { readRoadmap, traceRoadmap } from './reader.js';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);

function seedText(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return readFileSync(new URL(name, SEEDS), 'utf8');
}

function seed(prefix: string): Roadmap {
  return readRoadmap(seedText(prefix), { source: prefix });
}

/** "Title 1-8" lines, indented by depth: a compact view of the section tree. */
function tree(sections: readonly Section[], depth = 0): string[] {
  return sections.flatMap((s) => [
    `${'  '.repeat(depth)}${s.title}${s.weeks ? ` ${s.weeks.start}-${s.weeks.end}` : ''}`,
    ...tree(s.sections, depth + 1),
  ]);
}

function kinds(items: readonly Item[]): Partial<Record<ItemKind, number>> {
  const out: Partial<Record<ItemKind, number>> = {};
  for (const i of items) out[i.kind] = (out[i.kind] ?? 0) + 1;
  return out;
}

function item(r: Roadmap, text: string): Item {
  const found = r.items.find((i) => i.text === text);
  if (!found) throw new Error(`no item "${text}"`);
  return found;
}

function section(r: Roadmap, title: string): Section {
  const visit = (list: readonly Section[]): Section | undefined => {
    for (const s of list) {
      if (s.title === title) return s;
      const inner = visit(s.sections);
      if (inner) return inner;
    }
    return undefined;
  };
  const found = visit(r.sections);
  if (!found) throw new Error(`no section "${title}"`);
  return found;
}

describe('seed 000: 6-Month Roadmap to Frontier AI Skills', () => {
  const r = seed('000');

  it('reads phases and week blocks with their ranges', () => {
    expect(tree(r.sections)).toEqual([
      'Phase 1: Foundations (Weeks 1-8) 1-8',
      '  Week 1-2: ML Fundamentals 1-2',
      '  Week 3-4: Transformers Deep Dive 3-4',
      '  Week 5-6: Transformer Implementation 5-6',
      '  Week 7-8: Scaling Laws 7-8',
      'Phase 2: Practical Skills (Weeks 9-16) 9-16',
      '  Week 9-10: Finetuning Fundamentals 9-10',
      '  Week 11-12: Preference Tuning 11-12',
      '  Week 13-14: Evals & Benchmarks 13-14',
      '  Week 15-16: Inference & Serving 15-16',
      'Phase 3: Alignment & Safety (Weeks 17-24) 17-24',
      '  Week 17-18: RLHF Fundamentals 17-18',
      '  Week 19-20: Constitutional AI 19-20',
      '  Week 21-22: Interpretability 21-22',
      '  Week 23-24: Alignment Research 23-24',
      'Phase 4: Applications (Weeks 25-32) 25-32',
      '  Week 25-26: Prompting & ICL 25-26',
      '  Week 27-28: RAG Systems 27-28',
      '  Week 29-30: Agents & Tool Use 29-30',
      '  Week 31-32: Code Generation 31-32',
      'Phase 5: Mastery (Weeks 33-36) 33-36',
      '  Week 33-34: System Design 33-34',
      '  Week 35-36: Capstone 35-36',
      'Weekly Rhythm',
      'Milestones',
      'Adjustments',
    ]);
    expect(section(r, 'Phase 1: Foundations (Weeks 1-8)').goal).toBe(
      'Solid ML fundamentals and deep transformer understanding',
    );
  });

  it('counts items by kind', () => {
    expect(r.items).toHaveLength(98);
    expect(kinds(r.items)).toEqual({ task: 49, reading: 20, resource: 2, project: 9, deliverable: 1, checkpoint: 17 });
  });

  it('keeps the checkbox items of a week block, in their sections', () => {
    const review = item(r, 'Review backpropagation, gradient descent');
    expect(review).toMatchObject({
      kind: 'task',
      weeks: { start: 1, end: 2 },
      section: ['Phase 1: Foundations (Weeks 1-8)', 'Week 1-2: ML Fundamentals'],
      checked: false,
      line: 12,
      key: 'week-1-2-ml-fundamentals/review-backpropagation-gradient-descent',
      effortHours: 2.25,
    });
    expect(item(r, 'Deep Learning Book Ch. 6-8')).toMatchObject({ kind: 'resource', effortHours: 1.25 });
    expect(item(r, 'Start Project 1 (Transformer from Scratch)').kind).toBe('project');
    expect(item(r, 'Read "Attention Is All You Need" (annotated)')).toMatchObject({
      kind: 'reading',
      paper: { title: 'Attention Is All You Need', year: null },
    });
    expect(item(r, 'Read Chinchilla paper').kind).toBe('reading');
    expect(item(r, 'LoRA paper (Low-Rank Adaptation)').kind).toBe('reading');
    expect(item(r, 'Working transformer, blog post draft').kind).toBe('deliverable');
  });

  it('reads checkpoint lists as checkpoints of their phase', () => {
    expect(item(r, 'Can explain attention mechanism from memory')).toMatchObject({
      kind: 'checkpoint',
      group: 'Phase 1 Checkpoint',
      section: ['Phase 1: Foundations (Weeks 1-8)'],
      weeks: { start: 1, end: 8 },
    });
    expect(item(r, 'Published blog post on your implementation').kind).toBe('checkpoint');
    expect(item(r, 'Can discuss system design confidently').group).toBe('Final Checkpoint');
  });

  it('reads the rhythm, milestones, pace, targets and total weeks', () => {
    expect(r.title).toBe('6-Month Roadmap to Frontier AI Skills');
    expect(r.rhythm).toEqual([
      { day: 'mon', activity: 'Read paper/blog', hours: 1 },
      { day: 'wed', activity: 'Implementation/coding', hours: 1.5 },
      { day: 'sat', activity: 'Review + exercises', hours: 1.5 },
    ]);
    expect(r.milestones.map((m) => m.week)).toEqual([8, 16, 20, 24, 32, 36]);
    expect(r.milestones[0]).toEqual({ week: 8, text: 'Project 1 complete (Transformer)' });
    expect(r.hoursPerWeek).toEqual({ min: 3, max: 5 });
    expect(r.projectHoursPerWeek).toEqual({ min: 6, max: 8 });
    expect(r.totalWeeks).toBe(36);
    expect(r.targets).toContainEqual({ count: 6, text: '6 portfolio projects on GitHub' });
    expect(item(r, '6 portfolio projects on GitHub').kind).toBe('checkpoint');
  });

  it('warns that 36 weeks is more than the 6 months the title says', () => {
    expect(r.warnings).toEqual(['The title says 6 months but the weeks run to 36 (about 8.3 months).']);
  });

  it('does not read the Adjustments advice as work', () => {
    expect(r.items.filter((i) => i.section[0] === 'Adjustments')).toEqual([]);
    expect(r.items.some((i) => /Already strong|Limited time|go faster/.test(i.text))).toBe(false);
  });
});

describe('seed 001: 6-Month Roadmap to Anthropic-Ready', () => {
  const r = seed('001');

  it('reads five phases with their week blocks', () => {
    const top = r.sections.map((s) => `${s.title}${s.weeks ? ` ${s.weeks.start}-${s.weeks.end}` : ''}`);
    expect(top).toEqual([
      'Phase 1: Foundations (Weeks 1-8) 1-8',
      'Phase 2: LLM Engineering (Weeks 9-14) 9-14',
      'Phase 3: Alignment & Safety (Weeks 15-22) 15-22',
      'Phase 4: Agents & Applications (Weeks 23-30) 23-30',
      'Phase 5: Mastery & Portfolio (Weeks 31-36) 31-36',
      'Weekly Rhythm',
      'Milestones',
      'Adjustments',
    ]);
    expect(section(r, 'Week 13-14: Inference & Serving').weeks).toEqual({ start: 13, end: 14 });
  });

  it('counts items by kind', () => {
    expect(r.items).toHaveLength(95);
    expect(kinds(r.items)).toEqual({ task: 52, reading: 15, resource: 1, project: 8, deliverable: 1, checkpoint: 18 });
  });

  it('reads specific items', () => {
    expect(item(r, 'GPT-2, GPT-3 papers')).toMatchObject({ kind: 'reading', weeks: { start: 9, end: 10 } });
    expect(item(r, 'Start Project 4 (Agent Framework)').kind).toBe('project');
    expect(item(r, 'Can implement ReAct pattern from scratch')).toMatchObject({
      kind: 'checkpoint',
      group: 'Phase 4 Checkpoint',
    });
    expect(item(r, 'Write "Why Anthropic" essay').kind).toBe('task');
  });

  it('reads rhythm, milestones and the 6-month warning', () => {
    expect(r.rhythm).toHaveLength(3);
    expect(r.milestones.map((m) => m.week)).toEqual([8, 14, 18, 22, 30, 34, 36]);
    expect(r.totalWeeks).toBe(36);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/6 months.*36/);
  });
});

describe('seed 002: AI & ML Roadmap — From First Principles to Agents', () => {
  const r = seed('002');

  it('has no week ranges and numbered parts with an optional part', () => {
    expect(r.totalWeeks).toBeNull();
    expect(r.items.every((i) => i.weeks === null)).toBe(true);
    const optional = section(r, '3. Optional: Classic Architectures');
    expect(optional).toMatchObject({ kind: 'part', optional: true });
    expect(optional.sections.map((s) => [s.title, s.kind, s.optional])).toEqual([
      ['3.1 RNNs, LSTMs, Sequential Models', 'part', true],
      ['3.2 CNNs', 'part', true],
    ]);
    const inOptional = r.items.filter((i) => i.section.includes('3. Optional: Classic Architectures'));
    expect(inOptional).toHaveLength(6);
    expect(inOptional.every((i) => i.optional)).toBe(true);
  });

  it('counts items by kind', () => {
    expect(r.items).toHaveLength(96);
    expect(kinds(r.items)).toEqual({ topic: 86, milestone: 1, task: 5, project: 4 });
  });

  it('reads imperative lines and labelled milestones, not prose', () => {
    expect(item(r, 'Implement attention manually in PyTorch.')).toMatchObject({
      kind: 'task',
      section: ['Roadmap', '4. Attention From Scratch'],
    });
    expect(item(r, 'Build custom RAG, not copy templates.').kind).toBe('task');
    expect(item(r, 'Implement a neural network from scratch.').kind).toBe('milestone');
    expect(item(r, 'What is AI?').kind).toBe('topic');
    for (const prose of ['If it feels hard', 'No evals', 'Focus on', 'If you can', 'Build. Break.']) {
      expect(r.items.some((i) => i.text.startsWith(prose))).toBe(false);
    }
  });

  it('makes each project heading a project with its bullets as tasks', () => {
    const projects = r.items.filter((i) => i.kind === 'project');
    expect(projects.map((p) => p.text)).toEqual([
      'Agent Framework',
      'RL Fine-Tuning + Evals',
      'Devin-Style Agent',
      'Memory Framework',
    ]);
    expect(projects[0]).toMatchObject({
      section: ['Projects (Required)'],
      description: 'Build a minimal custom agent framework from scratch.',
    });
    expect(item(r, 'Fine-tune a model')).toMatchObject({
      kind: 'task',
      section: ['Projects (Required)', '2. RL Fine-Tuning + Evals'],
    });
  });

  it('keeps Goal, Prerequisites and Final Note out of the items', () => {
    expect(r.items.filter((i) => ['Goal', 'Prerequisites', 'Final Note'].includes(i.section[0]!))).toEqual([]);
    expect(section(r, 'Goal').goal).toBe(
      'Explain why modern AI works; Build LLM systems from scratch; Design and debug agents; Ship production-grade AI systems with evals',
    );
  });
});

describe('seed 003: Monthly Learning Plan', () => {
  const r = seed('003');

  it('reads months as four-week blocks holding weekly sections', () => {
    const month1 = section(r, 'Month 1: Neuroscience Foundations - Neural Population Dynamics');
    expect(month1).toMatchObject({ kind: 'month', weeks: { start: 1, end: 4 } });
    expect(tree(month1.sections)).toEqual([
      'Week 1: Statistical Mechanics Setup 1-1',
      'Week 2: Maximum Entropy Models 2-2',
      'Week 3: Neural Population Analysis 3-3',
      'Week 4: Scaling Laws in Biology 4-4',
    ]);
    expect(section(r, 'Month 12: Original Research and Leadership').weeks).toEqual({ start: 45, end: 48 });
    expect(r.totalWeeks).toBe(48);
    expect(section(r, 'Week 6: Criticality and Network Dynamics').goal).toBe('Deep dive into critical phenomena');
  });

  it('counts items by kind', () => {
    expect(r.items).toHaveLength(214);
    expect(kinds(r.items)).toEqual({ reading: 20, topic: 1, task: 144, deliverable: 49 });
  });

  it('reads core papers with title and year', () => {
    expect(item(r, '"Thermodynamics and signatures of criticality in a network of neurons" (2015)')).toMatchObject({
      kind: 'reading',
      weeks: { start: 1, end: 1 },
      paper: { title: 'Thermodynamics and signatures of criticality in a network of neurons', year: 2015 },
    });
    const gpt2 = r.items.find((i) => i.paper?.title === 'Language models are unsupervised multitask learners');
    expect(gpt2?.paper?.year).toBe(2019);
    expect(item(r, 'Critical phenomena, phase transitions, statistical physics').kind).toBe('topic');
    expect(item(r, 'Implement Ising model simulations')).toMatchObject({ kind: 'task', group: 'Implementation' });
  });

  it('reads the daily schedule as rhythm, not items', () => {
    expect(r.rhythm).toHaveLength(6);
    expect(r.rhythm[0]).toEqual({ day: 'mon', activity: 'Paper reading and note-taking', hours: 2 });
    expect(r.rhythm.find((e) => e.day === 'wed')?.hours).toBe(3);
    expect(r.rhythm.find((e) => e.day === 'weekend')).toEqual({
      day: 'weekend',
      activity: 'Content creation for Substack post',
      hours: null,
    });
    expect(r.items.some((i) => i.text.includes('Paper reading and note-taking'))).toBe(false);
  });

  it('reads month deliverables as deliverables of the month', () => {
    const d = item(r, 'GitHub repo: neural-population-dynamics');
    expect(d).toMatchObject({
      kind: 'deliverable',
      group: 'Month 1 Deliverables',
      section: ['Month 1: Neuroscience Foundations - Neural Population Dynamics'],
      weeks: { start: 1, end: 4 },
    });
  });

  it('collects count targets from the success metrics', () => {
    const counts = r.targets.map((t) => t.count);
    expect(counts).toContain(10);
    expect(counts).toContain(50);
    expect(r.targets).toContainEqual({ count: 50, text: '50+ Substack posts establishing technical thought leadership' });
    expect(r.items.some((i) => i.section[0] === 'Success Metrics by Month')).toBe(false);
  });
});

describe('seed 004: Agenda Page (H1 only)', () => {
  const r = seed('004');

  it('takes the first H1 as title and the others as top-level sections', () => {
    expect(r.title).toBe('Agenda Page');
    expect(r.sections.map((s) => s.title)).toEqual([
      'Role target',
      'Phase 0 — Environment and habits',
      'Phase 1 — Programming and math foundations',
      'Phase 2 — Classical ML and data work',
      'Phase 3 — Deep learning core',
      'Phase 4 — LLM stack and generative models',
      'Phase 5 — MLOps, data engineering, and production',
      'Phase 6 — Specialization tracks (choose 1–2)',
      'Portfolio projects that signal “hire”',
      'Interview prep',
      'Suggested sequence by time',
      'Minimal resource list',
      'How to work week to week',
    ]);
  });

  it('gives every phase a week range from the months sequence', () => {
    const phases = r.sections.filter((s) => s.kind === 'phase');
    expect(phases.map((p) => [p.title.slice(0, 7), p.weeks])).toEqual([
      ['Phase 0', { start: 1, end: 3 }],
      ['Phase 1', { start: 4, end: 8 }],
      ['Phase 2', { start: 9, end: 16 }],
      ['Phase 3', { start: 17, end: 28 }],
      ['Phase 4', { start: 29, end: 40 }],
      ['Phase 5', { start: 41, end: 48 }],
      ['Phase 6', { start: 49, end: 56 }],
    ]);
    expect(section(r, 'Interview prep').weeks).toEqual({ start: 49, end: 56 });
    expect(r.totalWeeks).toBe(56);
    expect(item(r, 'Data stack: NumPy, pandas, pyarrow, polars.').weeks).toEqual({ start: 4, end: 8 });
  });

  it('reads plain one-line labels as label sections', () => {
    expect(section(r, 'Phase 1 — Programming and math foundations').sections.map((s) => [s.title, s.level])).toEqual([
      ['Programming', 7],
      ['Math', 7],
      ['Milestones', 7],
    ]);
    expect(item(r, 'Probability: random variables, expectations, Bayes rule.')).toMatchObject({
      kind: 'topic',
      section: ['Phase 1 — Programming and math foundations', 'Math'],
    });
    expect(
      item(r, 'Hello-world Docker + FastAPI service deployed to a cheap VM.'),
    ).toMatchObject({ kind: 'milestone', section: ['Phase 0 — Environment and habits', 'Milestones'] });
  });

  it('counts items by kind', () => {
    expect(r.items).toHaveLength(61);
    expect(kinds(r.items)).toEqual({ topic: 42, milestone: 11, project: 5, resource: 3 });
  });

  it('marks the choose 1–2 phase and the optional project', () => {
    const p6 = section(r, 'Phase 6 — Specialization tracks (choose 1–2)');
    expect(p6.choose).toEqual({ min: 1, max: 2 });
    const inP6 = r.items.filter((i) => i.section[0] === p6.title);
    expect(inP6).toHaveLength(6);
    expect(inP6.every((i) => i.optional)).toBe(true);
    const cuda = r.items.find((i) => i.text.includes('CUDA/Triton kernel'));
    expect(cuda).toMatchObject({ kind: 'project', optional: true });
    expect(r.items.filter((i) => i.kind === 'project' && !i.optional)).toHaveLength(4);
  });

  it('reads targets and leaves prose, role and schedule out', () => {
    expect(r.targets).toEqual([{ count: 100, text: 'Solve 100–150 targeted problems' }]);
    expect(r.items.some((i) => /Status|Months \d|70% building|Design, train, evaluate/.test(i.text))).toBe(false);
    expect(section(r, 'Role target').goal).toMatch(/^Design, train, evaluate, and deploy/);
  });
});

/** List lines ("- ", "* ", "1. ", checkboxes) outside fenced code. */
function listLines(markdown: string): number[] {
  const out: number[] = [];
  let fenced = false;
  markdown.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^\s*(?:[-*+]|\d+[.)])\s+\S/.test(line)) out.push(i + 1);
  });
  return out;
}

describe('every list line of every seed is accounted for', () => {
  const expected: Record<string, Record<string, number>> = {
    '000': { item: 98, 'not-work': 4 },
    '001': { item: 95, 'not-work': 4 },
    '002': { item: 88, goal: 4, 'not-work': 5 },
    '003': { item: 193, rhythm: 6, 'not-work': 11 },
    '004': { item: 61, schedule: 6, 'not-work': 3 },
  };
  for (const [prefix, uses] of Object.entries(expected)) {
    it(`seed ${prefix}`, () => {
      const text = seedText(prefix);
      const trace = traceRoadmap(text);
      const lines = listLines(text);
      const used = new Map(trace.uses.map((u) => [u.line, u.use]));
      expect(lines.filter((l) => !used.has(l))).toEqual([]);
      expect(trace.uses).toHaveLength(lines.length);
      const tally: Record<string, number> = {};
      for (const u of trace.uses) tally[u.use] = (tally[u.use] ?? 0) + 1;
      expect(tally).toEqual(uses);
      // Every list line used as an item is an item on that line.
      const itemLines = new Set(trace.roadmap.items.map((i) => i.line));
      for (const u of trace.uses) if (u.use === 'item') expect(itemLines.has(u.line)).toBe(true);
    });
  }
});

describe('determinism', () => {
  it('reads each seed to the same result twice', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      expect(JSON.stringify(seed(prefix))).toBe(JSON.stringify(seed(prefix)));
    }
  });

  it('gives unique keys', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const keys = seed(prefix).items.map((i) => i.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
