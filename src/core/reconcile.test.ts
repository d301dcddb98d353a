import { describe, expect, it } from 'vitest';
import type { Item } from '../roadmap/model.js';
import type { MatchedItem, StoredItem } from '../store/items.js';
import { distance } from 'fastest-levenshtein';
import fc from 'fast-check';
import { reconcile, rewordings, similarity, normalizeForMatch } from './reconcile.js';

let nextId = 1;
function item(text: string, section: string[], number: number): Item {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    key: `${slug(section.at(-1) ?? 'root')}/${slug(text)}`,
    number,
    kind: 'task',
    text,
    section,
    group: null,
    weeks: null,
    effortHours: 1,
    optional: false,
    checked: false,
    line: number,
  };
}
function stored(i: Item): StoredItem {
  return { ...i, id: nextId++, position: i.number, line: i.line, removedAt: null };
}

describe('reconcile', () => {
  const old = [
    item('Implement positional encoding', ['Week 1'], 1),
    item('Read the LoRA paper', ['Week 1'], 2),
    item('Train on a small dataset', ['Week 2'], 3),
    item('Write a blog post', ['Week 2'], 4),
  ].map(stored);

  it('matches unchanged items by key', () => {
    const r = reconcile(old, old.map((o) => item(o.text, o.section, o.number)));
    expect(r.matches.map((m) => m.how)).toEqual(['same', 'same', 'same', 'same']);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
  });

  it('follows items through a renamed heading and a light rewording; reports the rest', () => {
    const next = [
      item('Implement positional encoding', ['Week 1: Basics'], 1),
      item('Read the LoRA paper carefully', ['Week 1: Basics'], 2),
      item('Train on a small dataset', ['Week 2'], 3),
      item('Profile the data loader', ['Week 2'], 4),
    ];
    const r = reconcile(old, next);
    const how = Object.fromEntries(r.matches.map((m) => [m.item.text, [m.how, m.old.text]]));
    expect(how['Implement positional encoding']).toEqual(['moved', 'Implement positional encoding']);
    expect(how['Read the LoRA paper carefully']).toEqual(['reworded', 'Read the LoRA paper']);
    expect(how['Train on a small dataset']).toEqual(['same', 'Train on a small dataset']);
    expect(r.added.map((a) => a.text)).toEqual(['Profile the data loader']);
    expect(r.removed.map((o) => o.text)).toEqual(['Write a blog post']);
  });

  it('matches as the definition does: by key (the first stored item with a key and the first in the file), then words, then rewording', () => {
    // The definition, over whole stored items: the matching of every earlier version.
    const definition = (stored: MatchedItem[], incoming: Item[]) => {
      const matches: { how: string; old: MatchedItem; item: Item }[] = [];
      const freeOld = new Set(stored);
      const freeNew = new Set(incoming);
      const take = (old: MatchedItem, it: Item, how: string) => {
        matches.push({ old, item: it, how });
        freeOld.delete(old);
        freeNew.delete(it);
      };
      const byKey = new Map<string, MatchedItem>();
      for (const old of stored) if (!byKey.has(old.key)) byKey.set(old.key, old);
      for (const it of incoming) {
        const old = byKey.get(it.key);
        if (!old || !freeOld.has(old)) continue;
        const same = old.text === it.text && old.section.join('/') === it.section.join('/') && old.kind === it.kind;
        take(old, it, same ? 'same' : 'changed');
      }
      for (const it of [...freeNew]) {
        const old = [...freeOld].find((o) => normalizeForMatch(o.text) === normalizeForMatch(it.text));
        if (old) take(old, it, 'moved');
      }
      for (const [old, it] of rewordings([...freeOld], [...freeNew])) take(old, it, 'reworded');
      matches.sort((a, b) => a.item.number - b.item.number);
      return { matches, added: incoming.filter((it) => freeNew.has(it)), removed: stored.filter((o) => freeOld.has(o) && o.removedAt === null) };
    };
    // Keys drawn apart from the texts, from few: stored items sharing a key, a key whose text changed.
    const draft = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      text: fc.constantFrom('Read the LoRA paper', 'read the lora paper!', 'Read the LoRA paper twice', 'Implement attention', 'Write notes'),
      section: fc.constantFrom<string[][]>(['Week 1'], ['Week 2'], ['Phase 1', 'Week 2']),
      kind: fc.constantFrom<Item['kind'][]>('task', 'reading'),
      removed: fc.boolean(),
    });
    const build = (d: { key: string; text: string; section: string[]; kind: Item['kind'] }, number: number): Item => ({
      ...item(d.text, d.section, number),
      key: d.key,
      kind: d.kind,
    });
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 12 }), fc.array(draft, { maxLength: 12 }), (o, n) => {
        const olds: MatchedItem[] = o.map((d, i) => ({ ...stored(build(d, i + 1)), removedAt: d.removed ? '2026-01-01T00:00:00Z' : null }));
        const news = n.map((d, i) => build(d, i + 1));
        const want = definition(olds, news);
        const got = reconcile(olds, news);
        const shown = (r: typeof want | typeof got) => ({
          matches: r.matches.map((m) => [m.how, m.old.id, m.old.number, m.old.text, news.indexOf(m.item)]),
          added: r.added.map((it) => news.indexOf(it)),
          removed: r.removed.map((old) => old.id),
        });
        expect(shown(got)).toEqual(shown(want));
      }),
      { numRuns: 1500 },
    );
  });

  it('scores similar wordings high and unrelated ones low', () => {
    const s = (a: string, b: string) => similarity(normalizeForMatch(a), normalizeForMatch(b));
    expect(s('Implement multi-head attention', 'Implement multi-head self-attention')).toBeGreaterThan(0.8);
    expect(s('Implement multi-head attention', 'Write a blog post')).toBeLessThan(0.4);
  });

  it('skips the edit distance only where it cannot change an answer at or above the floor', () => {
    // The definition, computed in full for every pair.
    const reference = (a: string, b: string) => {
      if (a === b) return 1;
      const longest = Math.max(a.length, b.length);
      const wa = new Set(a.split(' '));
      const wb = new Set(b.split(' '));
      const shared = [...wa].filter((w) => wb.has(w)).length;
      return Math.max(longest === 0 ? 1 : 1 - distance(a, b) / longest, (2 * shared) / (wa.size + wb.size));
    };
    // Letters, digits and other characters fall in different bins of the character count.
    const words = fc.constantFrom('read', 'the', 'lora', 'paper', 'implement', 'attention', 'a', 'notes', 'x', 'gpt2', '70b', 'naïve', 'über', '');
    const text = fc.array(words, { maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(text, text, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, floor) => {
        const exact = reference(a, b);
        const got = similarity(a, b, floor);
        if (exact >= floor) expect(got).toBe(exact);
        else expect(got).toBeLessThan(floor);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rewordings', () => {
  // The definition: every pair scoring at least 0.6, with 0.05 for the same kind and 0.05 for
  // the same innermost heading, sorted (stably) by score then new item number, taken greedily.
  const reference = (olds: MatchedItem[], news: Item[]): Array<[number, number]> => {
    const pairs: { old: MatchedItem; item: Item; score: number }[] = [];
    for (const old of olds) {
      for (const item of news) {
        let s = similarity(normalizeForMatch(old.text), normalizeForMatch(item.text), 0.6);
        if (s < 0.6) continue;
        if (old.kind === item.kind) s += 0.05;
        if (old.section.at(-1) === item.section.at(-1)) s += 0.05;
        pairs.push({ old, item, score: s });
      }
    }
    pairs.sort((a, b) => b.score - a.score || a.item.number - b.item.number);
    const usedOld = new Set<MatchedItem>();
    const usedNew = new Set<Item>();
    const taken: Array<[number, number]> = [];
    for (const p of pairs) {
      if (usedOld.has(p.old) || usedNew.has(p.item)) continue;
      usedOld.add(p.old);
      usedNew.add(p.item);
      taken.push([olds.indexOf(p.old), news.indexOf(p.item)]);
    }
    return taken;
  };

  // Few words, headings and kinds: many ties and many items wanting the same match.
  const words = fc.constantFrom('read', 'the', 'lora', 'paper', 'implement', 'attention', 'notes');
  const draft = fc.record({
    text: fc.array(words, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' ')),
    section: fc.constantFrom<string[][]>(['Week 1'], ['Week 2'], ['Phase 1', 'Week 2']),
    kind: fc.constantFrom<Item['kind'][]>('task', 'reading'),
    number: fc.integer({ min: 1, max: 40 }),
  });
  type Draft = { text: string; section: string[]; kind: Item['kind']; number: number };
  const build = (d: Draft): Item => ({
    ...item(d.text, d.section, d.number),
    kind: d.kind,
  });

  /** rewordings() takes the reference's pairs, in its order. */
  const agrees = (o: Draft[], n: Draft[]) => {
    const olds: MatchedItem[] = o.map((d) => stored(build(d)));
    const news = n.map(build);
    const got = rewordings(olds, news).map(([old, it]) => [olds.indexOf(old), news.indexOf(it)]);
    expect(got).toEqual(reference(olds, news));
  };

  it('takes the same pairs, in the same order, as the greedy walk down every pair', () => {
    fc.assert(fc.property(fc.array(draft, { maxLength: 30 }), fc.array(draft, { maxLength: 30 }), agrees), { numRuns: 1500 });
  });

  it('takes the same pairs when many new items share a wording and compete for the same old ones', () => {
    // Each wording is scanned again and again (its items' lists run out): the similarities found are reused.
    const shared = fc
      .tuple(draft, fc.constantFrom('read the lora paper', 'read lora paper notes', 'implement attention'))
      .map(([d, text]) => ({ ...d, text }));
    fc.assert(fc.property(fc.array(draft, { maxLength: 30 }), fc.array(shared, { minLength: 10, maxLength: 40 }), agrees), { numRuns: 500 });
  });

  it('matches each reworded item to its own original among thousands of near copies', () => {
    const texts = Array.from({ length: 2000 }, (_, i) => `Implement attention variant ${i} with notes and a short worked example`);
    const olds = texts.map((t, i) => stored(item(t, [`Week ${1 + (i % 50)}`], i + 1)));
    const news = texts.map((t, i) => item(t.replace('a short', 'one brief'), [`Week ${1 + (i % 50)}`], i + 1));
    const pairs = rewordings(olds, news);
    expect(pairs).toHaveLength(2000);
    expect(pairs.every(([old, it]) => old.number === it.number)).toBe(true);
  });
});
