import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseParts, partStarts, splitParts } from './parse.js';
import { RoadmapWalk, walkRoadmap } from './walk.js';

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

/**
 * A long document with each GFM construct in some parts only: bare URLs
 * (www, http, https, e-mail, mailto, xmpp), strikethrough, footnote calls,
 * tables, task items, and pipes and tildes that are none of these.
 */
function gfmMix(definitions: boolean): string {
  const lines = ['# GFM mix', ''];
  for (let s = 0; s < 14; s++) {
    lines.push(`## Section ${s}`, '');
    for (let i = 0; i < 20; i++) {
      const k = s * 20 + i;
      const line = [
        `- [ ] Read item ${k} and more`,
        `- [x] Mail someone${k}@example.org about https://x.org/p_${k}). and ~~old~~ ~new~`,
        `- Check http://foo.bar/baz*${k}* and WWW.Example.COM, plus *emph*~~x~~, www.a${k}@b.co`,
        `- Item ${k} with a note[^n${s}] and ![^x] and [^missing]`,
        `- Topic ${k}: see <https://auto.link/${k}> & contact&#64;x.org, mailto:a@b.cd, xmpp:u@h.org/r`,
        `- Skim www.example.com/a_${k} and [www.in.link](https://y.org) and \\www.escaped.org`,
      ][s % 6]!;
      lines.push(line);
    }
    if (definitions && s % 6 === 3) lines.push('', `[^n${s}]: Footnote for section ${s}`);
    if (s % 5 === 0) lines.push('', '| Course | Duration |', '|---|---|', `| a ~~b~~ c@d.ef | www.x.org |`);
    if (s % 5 === 1) lines.push('', 'A table without pipes', ':-', 'row');
    if (s % 7 === 2) lines.push('', 'Inline | pipe only', 'a ~ tilde and a lone [^', '');
    lines.push('');
  }
  return lines.join('\n');
}

/** Markdown made of GFM-sensitive fragments: a few lines, or sections long enough to be cut into parts. */
const fragment = fc.constantFrom(
  'text', 'Read', ' ', '  ', '    ', '\t', '- ', '- [ ] ', '* [x] ', '1. ', '> ', '# ', '## ', '| a | b |', '|---|---|', '|', ':-', '---',
  '~', '~~', '~~~', '*', '_', '`', '```', '\\', '&amp;', '&#64;', '@', 'a@b.co', 'x.y@mail.example.org', 'mailto:m@n.io',
  'xmpp:u@h.org/r', 'www.', 'www.example.com', 'WWW.X.ORG/a_b', 'http://', 'http://a.b/c_d', 'https://e.f/(g)', 'HTTPS://I.J', 'h', 'w',
  '<https://k.l>', '[link](https://m.n)', '![img](o.png)', '[^1]', '[^1]: note', '![^x]', '[ref]', '[ref]: /u', ']', '[', '(', ')',
  '.', ',', 'ü', '\r', '<div>', '<pre>', '</pre>', '<!--', '-->', '<?php', '?>', '<![CDATA[', ']]>',
);
const line = fc.array(fragment, { maxLength: 7 }).map((f) => f.join(''));
const shortDoc = fc.array(line, { minLength: 1, maxLength: 14 }).map((l) => l.join('\n'));
/** No "]:" (a possible definition has the document parsed whole) and no lone "\r" (likewise), so that it is cut. */
const longDoc = fc
  .array(fc.array(line, { minLength: 20, maxLength: 60 }), { minLength: 2, maxLength: 5 })
  .map((sections) => sections.map((l, i) => `## S${i}\n${l.join('\n')}`).join('\n'))
  .map((text) => text.replaceAll(']:', '] :').replaceAll('\r', '\r\n'));

describe('GFM, construct by construct', () => {
  it.each([
    ['without definitions, cut in parts', false],
    ['with footnote definitions, parsed whole', true],
  ])('gives the same tree as remark-gfm when constructs appear in some parts only (%s)', (_, definitions) => {
    const text = gfmMix(definitions);
    expect(splitParts(text).length > 1).toBe(!definitions);
    expect(parseMarkdown(text)).toEqual(whole(text));
  });

  it('gives the same tree as remark-gfm for any mix of GFM fragments', () => {
    fc.assert(
      fc.property(shortDoc, (text) => {
        expect(parseMarkdown(text)).toEqual(whole(text));
      }),
      { numRuns: 300, seed: 20260302 },
    );
  });

  it('tries constructs in remark-gfm order where they share a character', () => {
    // "w" starts an e-mail address before it starts a www literal.
    expect(parseMarkdown('www.a@b.co')).toEqual(whole('www.a@b.co'));
  });

  it('reads a table whose delimiter row has no pipe', () => {
    expect(parseMarkdown('text\n:-\n')).toEqual(whole('text\n:-\n'));
  });

  it('turns bare URLs and e-mail addresses into the same links as remark-gfm', () => {
    const text = [
      '- [ ] Read https://example.org/paper.pdf, then summarise',
      '- [ ] Skim www.example.com/guide.',
      '- [ ] Ask mentor@example.org about it',
      '- [ ] Watch [the talk](https://video.example/talk) and http://notes.example/a_b',
    ].join('\n');
    const tree = parseMarkdown(text);
    expect(tree).toEqual(whole(text));
    const urls: string[] = [];
    const visit = (node: { type: string; url?: string; children?: unknown[] }): void => {
      if (node.type === 'link') urls.push(node.url!);
      node.children?.forEach((c) => visit(c as typeof node));
    };
    visit(tree);
    expect(urls).toEqual([
      'https://example.org/paper.pdf',
      'http://www.example.com/guide',
      'mailto:mentor@example.org',
      'https://video.example/talk',
      'http://notes.example/a_b',
    ]);
  });
});

describe('parsing in parts', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `- item ${i}`).join('\n');

  it('gives the same tree as one whole parse for long documents of GFM fragments', () => {
    fc.assert(
      fc.property(longDoc, (text) => {
        expect(parseMarkdown(text)).toEqual(whole(text));
      }),
      { numRuns: 40, seed: 20260302 },
    );
  });

  it.each([
    ['a line of inline code that looks like a fence, then a fence', '```text```\n```', 1],
    ['an HTML block the cutter thinks ended at a blank line', '<?php\n\n$a = 1;', 1],
    ['a fence inside a list item', '- step\n\n  ```sh', 1],
    ['an HTML block inside a list item', '1. <![CDATA[', 1],
    ['a fence closed right before the heading', '```\ncode\n```', 3],
  ])('gives the same tree where fences and HTML read simply would cut it wrongly: %s', (_, block, trees) => {
    const text = `## One\n${filler(50)}\n${block}\n## Two\n${filler(50)}\n## Three\n${filler(50)}\n`;
    expect([...parseParts(text)]).toHaveLength(trees);
    expect(parseMarkdown(text)).toEqual(whole(text));
  });

  it('parses whole a document that may hold a definition, even inside a quote or a list item', () => {
    for (const definition of ['> [ref]: https://example.org', '- [ref]: https://example.org', '1. > [ref]: https://example.org']) {
      const text = `[early][ref]\n\n## One\n${filler(50)}\n## Two\n${filler(50)}\n${definition}\n`;
      expect(splitParts(text)).toHaveLength(1);
      expect(parseMarkdown(text)).toEqual(whole(text));
    }
  });

  it('parses whole a document with a carriage return alone, which ends a line for micromark', () => {
    const text = `## One\n${filler(50)}\rmore\n## Two\n${filler(50)}\n`;
    expect(splitParts(text)).toHaveLength(1);
    expect(parseMarkdown(text)).toEqual(whole(text));
  });
});

describe('walking part by part', () => {
  const long = (title: (i: number) => string): string =>
    Array.from({ length: 30 }, (_, i) =>
      [title(i), '', `Intro to ${i}:`, `- [ ] Do thing ${i}`, '', `> - Build quoted ${i}`, '', `Read the paper on ${i}.`, ''].join('\n'),
    ).join('\n');

  it.each([
    ['a late level-1 heading', long((i) => (i === 20 ? '# Real Title' : `## Section ${i}`))],
    ['no level-1 heading', long((i) => `### Section ${i}`)],
    ['a level-1 heading with no text', `# ![badge](x.png)\n\n${long((i) => `## Section ${i}`)}\n# Second\n`],
    ['several level-1 headings', long((i) => (i % 4 === 0 ? `# Part ${i}` : `## Section ${i}`))],
    ['the seeds and fixtures joined', corpus.map((f) => readFileSync(f, 'utf8')).join('\n\n')],
  ])('finds what walking the whole tree finds, with %s', (_, text) => {
    const walker = new RoadmapWalk();
    let parts = 0;
    for (const tree of parseParts(text)) {
      walker.add(tree.children);
      parts += 1;
    }
    expect(parts).toBeGreaterThan(1);
    expect(walker.finish()).toEqual(walkRoadmap(parseMarkdown(text)));
  });
});
