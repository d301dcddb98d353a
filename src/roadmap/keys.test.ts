import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemKey, itemKeyer, normalizeText, slugify, uniqueKeys } from './keys.js';

describe('normalizeText', () => {
  it('drops markdown, link targets, quotes, punctuation, case and spacing', () => {
    expect(normalizeText('Read **"Attention Is All You Need"** ([pdf](https://x.org/a.pdf))')).toBe(
      'read attention is all you need pdf',
    );
    expect(normalizeText('  Build   `custom` RAG,  not copy templates. ')).toBe('build custom rag not copy templates');
    expect(normalizeText('Café — “naïve” Bayes')).toBe('cafe naive bayes');
  });
});

describe('keys', () => {
  it('joins the section slug and the text slug', () => {
    expect(itemKey('Week 1-2: ML Fundamentals', 'Review backpropagation, gradient descent')).toBe(
      'week-1-2-ml-fundamentals/review-backpropagation-gradient-descent',
    );
    expect(itemKey(null, 'Hello')).toBe('root/hello');
  });

  it('gives the keys itemKey gives when it works out each section once', () => {
    const keyOf = itemKeyer();
    const cases: Array<[string | null, string]> = [
      ['Week 1-2: ML Fundamentals', 'Review backpropagation'],
      [null, 'Hello'],
      ['Week 1-2: ML Fundamentals', 'Review backpropagation'],
      ['', '!!!'],
      ['Café', 'Read “naïve” Bayes'],
      [null, ''],
    ];
    for (const [section, text] of cases) expect(keyOf(section, text)).toBe(itemKey(section, text));
  });

  it('cuts slugs at 48 characters on a word boundary', () => {
    const slug = slugify('Training practice: initialization, normalization, regularization, schedulers');
    expect(slug).toBe('training-practice-initialization-normalization');
    expect(slug.length).toBeLessThanOrEqual(48);
  });

  it('keeps a first word longer than 48 characters cut, and a slug of exactly 48 whole', () => {
    expect(slugify(`${'a'.repeat(60)} b`)).toBe('a'.repeat(48));
    const exact = `${'a'.repeat(23)} ${'b'.repeat(24)}`; // 23 + '-' + 24 = 48
    expect(slugify(`${exact} c`)).toBe(`${'a'.repeat(23)}-${'b'.repeat(24)}`);
  });

  it('gives the keys that stored progress was filed under by the word-by-word slugs of before', () => {
    // Keys are stored: an import of an edited roadmap finds items by them.
    const before = (text: string) => {
      let slug = '';
      for (const word of normalizeText(text).replace(/[^a-z0-9 ]+/g, ' ').split(' ').filter((w) => w.length > 0)) {
        const next = slug === '' ? word : `${slug}-${word}`;
        if (next.length > 48) {
          if (slug === '') slug = word.slice(0, 48);
          break;
        }
        slug = next;
      }
      return slug;
    };
    const words = fc.array(fc.stringMatching(/^[a-zA-Z0-9é]{1,30}$/), { maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(fc.property(fc.oneof(words, fc.string()), (text) => slugify(text) === before(text)), { numRuns: 2000 });
  });

  it('numbers duplicates in document order and is deterministic', () => {
    const keys = ['a/x', 'a/y', 'a/x', 'a/x'];
    expect(uniqueKeys(keys)).toEqual(['a/x', 'a/y', 'a/x-2', 'a/x-3']);
    expect(uniqueKeys(keys)).toEqual(uniqueKeys([...keys]));
  });

  it('never hands out a key that another item has naturally', () => {
    expect(uniqueKeys(['a/x', 'a/x', 'a/x-2'])).toEqual(['a/x', 'a/x-3', 'a/x-2']);
  });
});
