// Data for the scale benchmark, made here so that anyone can rerun it:
// a large roadmap in markdown and five years of study history.

const TOPICS = ['attention', 'tokenizers', 'optimizers', 'evaluation', 'retrieval', 'agents', 'quantization', 'serving', 'alignment', 'interpretability'];
const VERBS = ['Implement', 'Read about', 'Write notes on', 'Build a demo of', 'Benchmark', 'Review', 'Explain'];

/** A pseudo-random generator with a seed, so every run builds the same data. */
export function random(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A roadmap of `items` items (about 100 bytes each): phases with week
 * ranges, week blocks, nested topic headings, checkboxes with links, a course
 * table per phase, a rhythm and a milestone table.
 */
export function bigRoadmap(items = 10_000) {
  const rnd = random(7);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const lines = ['# Scale Test Roadmap', '', 'This plan assumes 6-8 hours/week of study.', ''];
  const phases = 20;
  const perPhase = Math.ceil(items / phases);
  let n = 0;
  for (let p = 1; p <= phases && n < items; p++) {
    lines.push(`## Phase ${p}: Block ${p} (Weeks ${(p - 1) * 6 + 1}-${p * 6})`, '', `**Goal:** Finish block ${p}.`, '');
    lines.push('| Course | Duration | Effort | Prerequisites |', '|---|---|---|---|');
    for (let c = 1; c <= 3 && n < items; c++, n++) lines.push(`| Course ${p}.${c} | ${4 + c} weeks | 3-5 hours/week | Block ${p - 1} |`);
    lines.push('');
    for (let w = 0; w < 3 && n < items; w++) {
      lines.push(`### Weeks ${(p - 1) * 6 + 2 * w + 1}-${(p - 1) * 6 + 2 * w + 2}: Part ${p}.${w + 1}`, '');
      for (let t = 0; t < 6 && n < items; t++) {
        lines.push(`#### ${pick(TOPICS)} ${p}.${w + 1}.${t + 1}`, '');
        const count = Math.min(items - n, Math.ceil((perPhase - 3) / 18));
        for (let i = 0; i < count; i++, n++) {
          const topic = pick(TOPICS);
          const indent = i % 5 === 4 ? '  ' : '';
          lines.push(`${indent}- [ ] ${pick(VERBS)} ${topic} variant ${n + 1} with [notes](https://example.org/${topic}/${n + 1}) and a short worked example`);
        }
        lines.push('');
      }
    }
    lines.push(`**Phase ${p} Checkpoint:**`, '', `- [ ] Can explain every topic of block ${p} from memory`, '');
    n++;
  }
  lines.push('## Weekly Rhythm', '', '| Day | Activity | Time |', '|---|---|---|', '| Mon | Reading | 2 hr |', '| Wed | Coding | 3 hr |', '| Sat | Review | 2 hr |', '');
  lines.push('## Milestones', '', '| Week | Milestone |', '|---|---|');
  for (let p = 1; p <= phases; p++) lines.push(`| ${p * 6} | Block ${p} done |`);
  return `${lines.join('\n')}\n`;
}

const pad = (n) => String(n).padStart(2, '0');
const dayOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * `count` events over `years` years ending at `end`: about 60% study
 * sessions and 40% status changes of random items, in time order.
 */
/** The roadmap with every `every`th checkbox item reworded, as an author editing a plan might. */
export function reworded(markdown, every = 5) {
  let n = 0;
  return markdown.replace(/^(\s*- \[ \] .*) and a short worked example$/gm, (line, head) => (++n % every === 0 ? `${head} and one brief worked example` : line));
}

export function history(itemIds, count, end, years = 5) {
  const rnd = random(11);
  const span = years * 365 * 86_400_000;
  const start = end.getTime() - span;
  const times = Array.from({ length: count }, () => start + rnd() * span).sort((a, b) => a - b);
  const statuses = ['doing', 'done', 'done', 'todo', 'skipped'];
  return times.map((t) => {
    const at = new Date(t);
    if (rnd() < 0.6) {
      return { type: 'session', itemId: rnd() < 0.5 ? itemIds[Math.floor(rnd() * itemIds.length)] : null, status: null, minutes: 15 + Math.floor(rnd() * 90), day: dayOf(at), at: at.toISOString() };
    }
    return { type: 'status', itemId: itemIds[Math.floor(rnd() * itemIds.length)], status: statuses[Math.floor(rnd() * statuses.length)], minutes: null, day: dayOf(at), at: at.toISOString() };
  });
}
