import { distance } from 'fastest-levenshtein';
import type { Item } from '../roadmap/model.js';
import type { StoredItem } from '../store/items.js';
import { memoized, pushTo } from './collections.js';

export type MatchKind = 'same' | 'changed' | 'moved' | 'reworded';

export interface Match {
  old: StoredItem;
  item: Item;
  how: MatchKind;
}

export interface Reconciliation {
  matches: Match[];
  added: Item[];
  removed: StoredItem[];
}

/** Lowercase words only: what two wordings of one item share. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A normalized text with its words, prepared once per item: a re-import may compare millions of pairs. */
interface Wording {
  text: string;
  words: Set<string>;
}

const wording = (text: string): Wording => ({ text, words: new Set(text.split(' ')) });

/**
 * 1 for identical texts, 0 for nothing in common: the larger of the edit
 * similarity and the share of common words (Dice). Exact whenever it reaches
 * `floor`; below it, some value below `floor`.
 */
export function similarity(a: string, b: string, floor = 0): number {
  return score(wording(a), wording(b), floor);
}

/**
 * similarity() of prepared wordings. The edit distance, the costly half, is
 * computed only when it can decide the result: it is never less than the
 * difference in length.
 */
function score(a: Wording, b: Wording, floor: number): number {
  if (a.text === b.text) return 1;
  const [few, many] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  let shared = 0;
  for (const w of few) if (many.has(w)) shared++;
  const dice = (2 * shared) / (a.words.size + b.words.size);
  const longest = Math.max(a.text.length, b.text.length);
  if (longest === 0) return 1;
  const editAtMost = 1 - Math.abs(a.text.length - b.text.length) / longest;
  if (editAtMost <= dice || (editAtMost < floor && dice < floor)) return dice;
  return Math.max(1 - distance(a.text, b.text) / longest, dice);
}

function sameSection(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((title, i) => title === b[i]);
}

const REWORD_THRESHOLD = 0.6;
/** Above this many candidate pairs, fuzzy matching is skipped (exact matches still apply). */
const MAX_FUZZY_PAIRS = 4_000_000;

/**
 * Matches the items of a re-imported roadmap to the stored ones, so progress
 * follows an item through a renamed heading or a light rewording. Pure.
 */
export function reconcile(stored: readonly StoredItem[], incoming: readonly Item[]): Reconciliation {
  const matches: Match[] = [];
  const freeOld = new Set(stored);
  const freeNew = new Set(incoming);
  // Normalized when first needed: re-importing an unchanged roadmap matches every item by key.
  const norm = memoized((x: StoredItem | Item) => normalizeForMatch(x.text));
  const words = memoized((x: StoredItem | Item) => wording(norm(x)));

  const take = (old: StoredItem, item: Item, how: MatchKind) => {
    matches.push({ old, item, how });
    freeOld.delete(old);
    freeNew.delete(item);
  };

  // 1. Same key: the same text under the same heading.
  const byKey = new Map<string, StoredItem>();
  for (const old of stored) if (!byKey.has(old.key)) byKey.set(old.key, old);
  for (const item of incoming) {
    const old = byKey.get(item.key);
    if (!old || !freeOld.has(old)) continue;
    const same = old.text === item.text && sameSection(old.section, item.section) && old.kind === item.kind;
    take(old, item, same ? 'same' : 'changed');
  }

  // 2. Same words elsewhere: a renamed or moved heading.
  const oldByText = new Map<string, StoredItem[]>();
  for (const old of freeOld) {
    const k = norm(old);
    pushTo(oldByText, k, old);
  }
  for (const item of [...freeNew]) {
    const candidates = oldByText.get(norm(item))?.filter((o) => freeOld.has(o));
    if (candidates && candidates.length > 0) take(candidates[0]!, item, 'moved');
  }

  // 3. Light rewording: the most similar pairs first.
  if (freeOld.size * freeNew.size <= MAX_FUZZY_PAIRS) {
    const pairs: { old: StoredItem; item: Item; score: number }[] = [];
    for (const old of freeOld) {
      for (const item of freeNew) {
        let s = score(words(old), words(item), REWORD_THRESHOLD);
        if (s < REWORD_THRESHOLD) continue;
        if (old.kind === item.kind) s += 0.05;
        if (old.section.at(-1) === item.section.at(-1)) s += 0.05;
        pairs.push({ old, item, score: s });
      }
    }
    pairs.sort((a, b) => b.score - a.score || a.item.number - b.item.number);
    for (const p of pairs) if (freeOld.has(p.old) && freeNew.has(p.item)) take(p.old, p.item, 'reworded');
  }

  return {
    matches: matches.sort((a, b) => a.item.number - b.item.number),
    added: incoming.filter((i) => freeNew.has(i)),
    removed: stored.filter((o) => freeOld.has(o) && o.removedAt === null),
  };
}
