/**
 * Fuzzing the markdown reader and the markdown export, in-process.
 *
 * Deterministic in CI: fast-check's seed comes from AI_LEARN_FUZZ_SEED
 * (a fixed default). Locally, `AI_LEARN_FUZZ_SEED=random` draws a fresh seed
 * (printed on failure) and AI_LEARN_FUZZ_RUNS=10 runs ten times as many cases.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RoadmapError } from '../../src/errors.js';
import { renderMarkdown, type ItemStatus } from '../../src/export/markdown.js';
import type { Item, Roadmap } from '../../src/roadmap/model.js';
import type { Status } from '../../src/store/events.js';
import { decode } from '../../src/io/source.js';
import { readRoadmap } from '../../src/roadmap/reader.js';
import { ROOT, seed } from '../helpers/cli.js';

const seedEnv = process.env.AI_LEARN_FUZZ_SEED;
const SEED = seedEnv === 'random' ? undefined : Number(seedEnv ?? 20260302);
const SCALE = Number(process.env.AI_LEARN_FUZZ_RUNS ?? 1);
/** Time limits grow with AI_LEARN_FUZZ_RUNS; at the default they stay within CI's bound. */
const limit = (ms: number) => ({ timeout: Math.round(ms * Math.max(1, SCALE)) });
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.round(numRuns * SCALE),
  ...(SEED === undefined ? {} : { seed: SEED }),
});

/** The conformance corpus: the five seeds and our own fixtures. */
const CORPUS: Array<[string, string]> = [
  ...['000', '001', '002', '003', '004'].map((p): [string, string] => [`seed ${p}`, readFileSync(seed(p), 'utf8')]),
  ...['tiny.md', 'lectures.md', 'messy.md', 'course-table.md', 'large-checklist.md'].map((f): [string, string] => [
    f,
    readFileSync(join(ROOT, 'test', 'fixtures', f), 'utf8'),
  ]),
];

/** readRoadmap either returns a roadmap or throws a RoadmapError; anything else is a crash. */
function readsOrRefuses(markdown: string): Roadmap | null {
  try {
    return readRoadmap(markdown, { source: 'fuzz.md' });
  } catch (error) {
    if (error instanceof RoadmapError) {
      expect(error.message).toMatch(/^fuzz\.md /);
      return null;
    }
    throw error;
  }
}

// ---------------------------------------------------------------- generators

const word = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Read', 'Implement', 'attention', 'LoRA', 'paper', 'Build', 'the', 'a', 'transformer', 'RAG', 'Deep', 'Learning', 'Project', 'Checkpoint', 'Milestone', 'Optional:', 'choose 1–2', 'Week', 'Weeks', 'Month', 'Phase', 'hours/week', 'Day') },
  { weight: 2, arbitrary: fc.constantFrom('Weeks 1-8', 'Week 3-4', 'Week 5–6', 'Months 0–2', 'Month 3:', 'Week 0', 'Weeks 12-3', 'Weeks 1-99999999999999999999', 'Month 4-5', '(Weeks 1–8)', '3-5 hours/week', '6-8 hours/week', '13 weeks', '6-10 hours/week', '50+ posts', '100–150 problems', '(2017)', '"Attention Is All You Need" (2017)', '2 hours', '(2 hours)', '1.5h') },
  { weight: 1, arbitrary: fc.constantFrom('🚀', '📚', '✅', '🧠‍🔥', '👩🏽‍💻', 'é', 'ß', '中文', '\u200b', '\u00a0', '\t', '\\', '`', '*', '_', '~', '|', '&amp;', '&#x1F600;', '<br>', '[', ']', '(', ')', '#', ':', '—', '–', '-', '>', '"', "'") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const words = fc.array(word, { minLength: 0, maxLength: 8 }).map((w) => w.join(' '));

const heading = fc.tuple(fc.integer({ min: 1, max: 7 }), words).map(([n, t]) => `${'#'.repeat(n)} ${t}`);
const indent = fc.constantFrom('', '', '  ', '    ', '\t', '      ');
const bullet = fc
  .tuple(indent, fc.constantFrom('-', '*', '+', '1.', '2)', '10.'), fc.constantFrom('', '', '[ ] ', '[x] ', '[X] ', '[] ', '[-] '), words)
  .map(([i, m, box, t]) => `${i}${m} ${box}${t}`);
const boldLabel = fc
  .tuple(
    fc.constantFrom('Resource:', 'Critical:', 'Deliverable:', 'Milestone', 'Core Paper', 'Key Concepts', 'Focus', 'Implementation', 'Phase 1 Checkpoint:', 'Final Checkpoint:', 'Month 2 Deliverables', 'Monday', 'During Project Phases', 'Optional', ''),
    fc.constantFrom(':', '', '**:'),
    words,
  )
  .map(([label, colon, t]) => `**${label}**${colon} ${t}`);
const tableRow = fc.array(words, { minLength: 1, maxLength: 5 }).map((cells) => `| ${cells.join(' | ')} |`);
const table = fc
  .tuple(
    fc.constantFrom(['Day', 'Activity', 'Time'], ['Week', 'Milestone'], ['Course', 'Duration', 'Effort', 'Prerequisites'], ['a']),
    fc.array(tableRow, { maxLength: 6 }),
  )
  .map(([head, rows]) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n'));
const html = fc.constantFrom(
  '<details>',
  '</details>',
  '<summary>More</summary>',
  '<div align="center">',
  '</div>',
  '<img src="x.png">',
  '<!-- comment',
  '-->',
  '<p align="center"><b>AI Roadmap</b></p>',
  '[![badge](https://img.shields.io/x)](https://x)',
  '![image](pic.png)',
  '- [Contents](#contents)',
  '```',
  '```python',
  '~~~',
  '> quote',
  '---',
  '***',
  '===',
  '',
  '',
  '    indented code',
  '[ref]: https://example.com',
  '$$',
  '\\',
);
const line = fc.oneof(
  { weight: 4, arbitrary: bullet },
  { weight: 2, arbitrary: heading },
  { weight: 2, arbitrary: boldLabel },
  { weight: 2, arbitrary: html },
  { weight: 2, arbitrary: words },
  { weight: 1, arbitrary: table },
);
const markdownish = fc.array(line, { maxLength: 40 }).map((lines) => lines.join('\n'));

/** Line-level mutations of a corpus document. */
type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'insert'; at: number; col: number; text: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    col: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom('#', '- ', '[x]', '**', '|', '\n', '`', '<', '1.', '  ', '🚀')),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    if (lines.length === 0) break;
    const at = m.at % lines.length;
    if (m.op === 'delete') lines.splice(at, 1);
    else if (m.op === 'duplicate') lines.splice(at, 0, lines[at]!);
    else if (m.op === 'swap') {
      const other = m.with % lines.length;
      [lines[at], lines[other]] = [lines[other]!, lines[at]!];
    } else if (m.op === 'insert') {
      const l = lines[at]!;
      const col = m.col % (l.length + 1);
      lines[at] = l.slice(0, col) + m.text + l.slice(col);
    } else {
      // Truncate the whole document at a character position (it may cut a line in half).
      const joined = lines.join('\n');
      lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
    }
  }
  return lines.join('\n');
}

const TINY = CORPUS.find(([name]) => name === 'tiny.md')![1];
const corpusIndex = fc.integer({ min: 0, max: CORPUS.length - 1 });

// ---------------------------------------------------------------- properties

describe('fuzzing the roadmap reader', () => {
  it('(a) arbitrary strings never make readRoadmap throw anything but RoadmapError', limit(60_000), () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 })), (s) => {
        readsOrRefuses(s);
      }),
      params(200),
    );
  });

  it('(a) markdown-ish strings never make readRoadmap throw anything but RoadmapError', limit(90_000), () => {
    fc.assert(
      fc.property(markdownish, (s) => {
        const r = readsOrRefuses(s);
        if (r) {
          expect(r.items.length).toBeGreaterThan(0);
          r.items.forEach((item, i) => expect(item.number).toBe(i + 1));
          expect(new Set(r.items.map((i) => i.key)).size).toBe(r.items.length);
          for (const item of r.items) expect(Number.isFinite(item.effortHours)).toBe(true);
        }
      }),
      params(200),
    );
  });

  it('(b) mutated seeds and fixtures never make readRoadmap throw anything but RoadmapError', limit(90_000), () => {
    fc.assert(
      fc.property(corpusIndex, fc.array(mutation, { minLength: 1, maxLength: 6 }), (k, mutations) => {
        readsOrRefuses(mutate(CORPUS[k]![1], mutations));
      }),
      params(100),
    );
  });

  it('(b) bytes as a file holds them (random, or a seed with bytes flipped, cut or inserted) are decoded and read, or refused with a RoadmapError', limit(90_000), () => {
    const seedBytes = CORPUS.map(([, text]) => Buffer.from(text, 'utf8'));
    const edit = fc.record({ at: fc.nat(), cut: fc.nat({ max: 8 }), bytes: fc.uint8Array({ maxLength: 4 }) });
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf]), Buffer.alloc(0)), fc.string({ unit: 'grapheme', maxLength: 80 })).map(([bom, t]) => Buffer.concat([bom, Buffer.from(t)])),
      fc.tuple(corpusIndex, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([k, edits]) => {
        let b = seedBytes[k]!;
        for (const e of edits) {
          const at = e.at % (b.length + 1);
          b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at + e.cut)]);
        }
        return b;
      }),
    );
    fc.assert(
      fc.property(input, (bytes) => {
        let text: string;
        try {
          text = decode(bytes, 'fuzz.md');
        } catch (error) {
          expect(error).toBeInstanceOf(RoadmapError);
          expect((error as Error).message).toMatch(/^fuzz\.md (looks like a binary file|is not valid UTF-8 text|is empty)/);
          return;
        }
        // What decodes encodes back to the very bytes, less a leading byte order mark, and is never blank.
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
        expect(Buffer.from(text, 'utf8').equals(bytes.subarray(bom))).toBe(true);
        expect(text.trim()).not.toBe('');
        readsOrRefuses(text);
      }),
      params(200),
    );
  });

  it('(c) parsing is deterministic: the same input gives deep-equal output', limit(90_000), () => {
    const input = fc.oneof(
      markdownish,
      fc.tuple(corpusIndex, fc.array(mutation, { maxLength: 4 })).map(([k, ms]) => mutate(CORPUS[k]![1], ms)),
    );
    fc.assert(
      fc.property(input, (s) => {
        const outcome = (): unknown => {
          try {
            return readRoadmap(s);
          } catch (error) {
            return { error: String(error) };
          }
        };
        const first = outcome();
        // Parse something else in between, so state left behind by one parse would show.
        readsOrRefuses(TINY);
        expect(outcome()).toStrictEqual(first);
      }),
      params(100),
    );
  });
});

describe('fuzzing the markdown export', () => {
  /** Renders a roadmap the way `export --format md` does, with the given statuses. */
  function exportWith(r: Roadmap, statuses: readonly Status[]): string {
    const statusOf = (item: Item): ItemStatus => {
      const status = statuses[item.number - 1]!;
      return { status, day: status === 'todo' ? null : '2026-03-02' };
    };
    return renderMarkdown({ ...r, title: r.title, statusOf });
  }

  const parsed = CORPUS.map(([name, text]) => ({ name, roadmap: readRoadmap(text) }));

  it('(d) export md then read again gives the same items in order, with the same statuses', limit(90_000), () => {
    const status = fc.constantFrom<Status>('todo', 'doing', 'done', 'skipped');
    const input = corpusIndex.chain((k) =>
      fc.tuple(fc.constant(k), fc.array(status, { minLength: parsed[k]!.roadmap.items.length, maxLength: parsed[k]!.roadmap.items.length })),
    );
    fc.assert(
      fc.property(input, ([k, statuses]) => {
        const original = parsed[k]!.roadmap;
        const again = readRoadmap(exportWith(original, statuses));
        expect(again.items.map((i) => i.text)).toEqual(original.items.map((i) => i.text));
        expect(again.items.map((i) => (i.checked ? 'done' : (i.noted ?? 'todo')))).toEqual(statuses);
      }),
      params(100),
    );
  });
});
