import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, partStarts } from './parse.js';

const whole = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text);
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const corpus = [
  ...readdirSync(SEEDS).map((f) => SEEDS + f),
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).map((f) => FIXTURES + f),
];

/** A long document with every construct the cutter must not cut through. */
function tricky(): string {
  const block = (i: number) =>
    [
      `## Part ${i}`,
      '- [ ] a task',
      '  - nested',
      '```md',
      '# not a heading: inside a fence',
      '```',
      '<details>',
      '# html block continues to the blank line',
      '',
      '<!--',
      '# inside a comment',
      '-->',
      '> a quote',
      '# a real heading right after a quote',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      ...Array.from({ length: 40 }, (_, k) => `- item ${i}.${k}`),
      '',
    ].join('\n');
  return Array.from({ length: 30 }, (_, i) => block(i)).join('\n');
}

describe('parseMarkdown', () => {
  it.each(corpus.map((f) => [f.split('/').pop(), f]))('gives the same tree as one whole parse for %s', (_, file) => {
    const text = readFileSync(file as string, 'utf8');
    expect(parseMarkdown(text)).toEqual(whole(text));
  });

  it('cuts only at headings outside fences, comments and HTML blocks, and the tree stays the same', () => {
    const text = tricky();
    const starts = partStarts(text.split('\n'));
    expect(starts.length).toBeGreaterThan(3);
    for (const s of starts.slice(1)) expect(text.split('\n')[s]).toMatch(/^(## Part \d+|# a real heading right after a quote)$/);
    expect(parseMarkdown(text)).toEqual(whole(text));
  });

  it('parses documents with reference definitions whole', () => {
    const text = `${tricky()}\n[ref]: https://example.org\n`;
    expect(parseMarkdown(text)).toEqual(whole(text));
  });
});
