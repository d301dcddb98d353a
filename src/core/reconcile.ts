import { distance } from 'fastest-levenshtein';
import type { Item } from '../roadmap/model.js';
import type { MatchedItem } from '../store/items.js';
import { Heap, memoized, pushTo } from './collections.js';

export type MatchKind = 'same' | 'changed' | 'moved' | 'reworded';

export interface Match {
  /** The stored item; of one unchanged, only what identifies it (its text is the incoming item's). */
  old: Pick<MatchedItem, 'id' | 'number' | 'text'>;
  item: Item;
  how: MatchKind;
}

export interface Reconciliation {
  matches: Match[];
  added: Item[];
  removed: MatchedItem[];
}

/** Lowercase words only: what two wordings of one item share. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A normalized text with its distinct words, prepared once per item: a re-import may compare millions of pairs. */
interface Wording {
  text: string;
  /** Its distinct words as numbers (the same word, the same number, within one comparison), ascending. */
  words: Int32Array;
  /** How many of its characters fall in each of BINS bins (see binOf). */
  bins: Int32Array;
}

/** Bins for the characters of a normalized text: a to z, 0 to 9, the space, anything else. */
const BINS = 38;

function binOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return code === 32 ? 36 : 37;
}

/**
 * A lower bound of the edit distance from the characters alone: each edit
 * changes the count of at most two bins by one, and a substitution does
 * both, so it takes at least (the counts' total difference + the difference
 * in length) / 2 edits. Counted in UTF-16 units, as the edit distance is.
 */
function editsAtLeast(a: Wording, b: Wording): number {
  let apart = 0;
  for (let i = 0; i < BINS; i++) apart += Math.abs(a.bins[i]! - b.bins[i]!);
  return (apart + Math.abs(a.text.length - b.text.length)) / 2;
}

/** Prepares wordings whose word numbers come from `ids`; wordings compare only with others made from the same map. */
function wordingsFrom(ids: Map<string, number>): (text: string) => Wording {
  return (text) => {
    const words = new Set<number>();
    for (const word of text.split(' ')) {
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      words.add(id);
    }
    const bins = new Int32Array(BINS);
    for (let i = 0; i < text.length; i++) bins[binOf(text.charCodeAt(i))]!++;
    return { text, words: Int32Array.from(words).sort(), bins };
  };
}

/** How many words two ascending lists share. */
function sharedWords(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * 1 for identical texts, 0 for nothing in common: the larger of the edit
 * similarity and the share of common words (Dice). Exact whenever it reaches
 * `floor`; below it, some value below `floor`.
 */
export function similarity(a: string, b: string, floor = 0): number {
  const wording = wordingsFrom(new Map());
  return score(wording(a), wording(b), floor);
}

/**
 * similarity() of prepared wordings. The edit distance, the costly half, is
 * computed only when it can decide the result: it is never less than the
 * difference in length, nor than editsAtLeast.
 */
function score(a: Wording, b: Wording, floor: number): number {
  if (a.text === b.text) return 1;
  const dice = (2 * sharedWords(a.words, b.words)) / (a.words.length + b.words.length);
  const longest = Math.max(a.text.length, b.text.length);
  if (longest === 0) return 1;
  const decided = (editAtMost: number) => editAtMost <= dice || (editAtMost < floor && dice < floor);
  if (decided(1 - Math.abs(a.text.length - b.text.length) / longest)) return dice;
  if (decided(1 - editsAtLeast(a, b) / longest)) return dice;
  return Math.max(1 - distance(a.text, b.text) / longest, dice);
}

function sameSection(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((title, i) => title === b[i]);
}

const REWORD_THRESHOLD = 0.6;

interface Candidate {
  score: number;
  /** Index into the olds. */
  old: number;
}

/** Whether candidate a goes before b: the higher score, then the old item first in order. */
const before = (a: Candidate, b: Candidate) => a.score > b.score || (a.score === b.score && a.old < b.old);

/** The first index in ascending `xs` whose value is at least `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Step 3 of reconcile: pairs of an old and a new item scoring at least the
 * threshold, taken the highest first (ties: the lower new item number, then
 * the old item first in `olds`, then the new one first in `news`), each item
 * at most once. That is the greedy walk down every qualifying pair sorted by
 * score, without listing the pairs (millions for thousands of reworded items):
 * each new item keeps only its best few free candidates, found by a scan that
 * skips the edit distance of pairs that cannot make that list, and is looked
 * at again only when another item takes all of them.
 */
export function rewordings(
  olds: readonly MatchedItem[],
  news: readonly Item[],
  norm: (x: MatchedItem | Item) => string = (x) => normalizeForMatch(x.text),
): Array<[MatchedItem, Item]> {
  const wording = wordingsFrom(new Map());
  const oldWords = olds.map((o) => wording(norm(o)));
  const newWords = news.map((n) => wording(norm(n)));
  const taken = new Uint8Array(olds.length);
  // A wording scanned again (a new item looking further, or another with the same words) reuses the
  // similarities computed before, NaN where none was: so no pair's edit distance is computed twice.
  // null: scanned once, remembering nothing (most wordings are scanned only once).
  const known = new Map<string, Float64Array | null>();
  // The scan of a new item starts at the old items whose position (their number
  // when last imported) is nearest its number, where its best match usually
  // is, so that fewer pairs need an edit distance. Only the speed depends on it.
  const byPosition = olds.map((_, k) => k).sort((a, b) => olds[a]!.position - olds[b]!.position || a - b);
  const positions = byPosition.map((k) => olds[k]!.position);

  /** The best `size` free old items for news[j], best first: every one if fewer qualify. */
  const bestFor = (j: number, size: number): Candidate[] => {
    const item = news[j]!;
    const b = newWords[j]!;
    let similarities = known.get(b.text);
    if (similarities === null) similarities = new Float64Array(olds.length).fill(NaN);
    known.set(b.text, similarities ?? null);
    const list: Candidate[] = [];
    // A pair's score: the similarity of its wordings, plus 0.05 for the same kind and 0.05 for the same innermost heading.
    const visit = (at: number) => {
      const k = byPosition[at]!;
      if (taken[k]) return;
      const old = olds[k]!;
      const kind = old.kind === item.kind;
      const section = old.section.at(-1) === item.section.at(-1);
      let s = similarities ? similarities[k]! : NaN;
      if (Number.isNaN(s)) {
        // Below this floor the similarity need not be exact: the pair could not enter the list
        // (the margin covers rounding in the additions below).
        const atLeast = list.length < size ? REWORD_THRESHOLD : list[size - 1]!.score;
        const floor = Math.max(REWORD_THRESHOLD, atLeast - (kind ? 0.05 : 0) - (section ? 0.05 : 0) - 1e-9);
        s = score(oldWords[k]!, b, floor);
        if (s < floor) return;
        if (similarities) similarities[k] = s;
      }
      if (s < REWORD_THRESHOLD) return;
      if (kind) s += 0.05;
      if (section) s += 0.05;
      const c = { score: s, old: k };
      if (list.length === size && !before(c, list[size - 1]!)) return;
      let i = Math.min(list.length, size - 1);
      list[i] = c;
      while (i > 0 && before(c, list[i - 1]!)) {
        list[i] = list[i - 1]!;
        list[--i] = c;
      }
    };
    // Outwards from there: mid, mid - 1, mid + 1, mid - 2, ...
    let up = lowerBound(positions, item.number);
    let down = up - 1;
    while (up < olds.length || down >= 0) {
      if (up < olds.length) visit(up++);
      if (down >= 0) visit(down--);
    }
    return list;
  };

  // Each new item's list, where in it the best free candidate may be, and the size it was found for.
  const lists = news.map((_, j) => bestFor(j, 1));
  const heads = new Int32Array(news.length);
  const sizes = new Int32Array(news.length).fill(1);
  const head = (j: number) => lists[j]![heads[j]!]!;
  // A heap of new items, the one whose head candidate goes first on top.
  const first = (i: number, j: number) => {
    const a = head(i);
    const b = head(j);
    if (a.score !== b.score) return a.score > b.score;
    if (news[i]!.number !== news[j]!.number) return news[i]!.number < news[j]!.number;
    return a.old !== b.old ? a.old < b.old : i < j;
  };
  const heap = new Heap(first);
  news.forEach((_, j) => {
    if (lists[j]!.length > 0) heap.push(j);
  });

  const pairs: Array<[MatchedItem, Item]> = [];
  for (let j = heap.pop(); j !== undefined; j = heap.pop()) {
    const c = head(j);
    if (!taken[c.old]) {
      taken[c.old] = 1;
      pairs.push([olds[c.old]!, news[j]!]);
      continue;
    }
    // Its best was taken: the next free one in its list, or a longer list.
    while (heads[j]! < lists[j]!.length && taken[head(j).old]) heads[j] = heads[j]! + 1;
    if (heads[j] === lists[j]!.length) {
      // A list shorter than asked held every qualifying old item: none is left.
      if (lists[j]!.length < sizes[j]!) continue;
      sizes[j] = sizes[j]! * 4;
      lists[j] = bestFor(j, sizes[j]!);
      heads[j] = 0;
      if (lists[j]!.length === 0) continue;
    }
    heap.push(j);
  }
  return pairs;
}

/** Above this many candidate pairs, fuzzy matching is skipped (exact matches still apply). */
const MAX_FUZZY_PAIRS = 4_000_000;

/**
 * Matches the items of a re-imported roadmap to the stored ones, so progress
 * follows an item through a renamed heading or a light rewording. Pure.
 *
 * The stored items are taken one at a time, in the order given (live ones in
 * document order, then removed ones), and one matched by its key and
 * unchanged is kept only as its id and number: at 10,000 items the
 * re-import holds them just after the parse, at the peak of its memory.
 */
export function reconcile(stored: Iterable<MatchedItem>, incoming: readonly Item[]): Reconciliation {
  const matches: Match[] = [];
  // Normalized when first needed: re-importing an unchanged roadmap matches every item by key.
  const norm = memoized((x: MatchedItem | Item) => normalizeForMatch(x.text));

  // 1. Same key: the same text under the same heading. The first stored item with a key
  // takes the first incoming one with it; other stored items with that key stay free.
  const byKey = new Map<string, number>();
  incoming.forEach((item, i) => {
    if (!byKey.has(item.key)) byKey.set(item.key, i);
  });
  const matchedNew = new Uint8Array(incoming.length);
  const unmatched: MatchedItem[] = [];
  for (const old of stored) {
    const i = byKey.get(old.key);
    if (i === undefined) {
      unmatched.push(old);
      continue;
    }
    byKey.delete(old.key);
    matchedNew[i] = 1;
    const item = incoming[i]!;
    const same = old.text === item.text && sameSection(old.section, item.section) && old.kind === item.kind;
    matches.push(same ? { old: { id: old.id, number: old.number, text: item.text }, item, how: 'same' } : { old, item, how: 'changed' });
  }
  const freeOld = new Set(unmatched);
  const freeNew = new Set(incoming.filter((_, i) => matchedNew[i] === 0));
  const take = (old: MatchedItem, item: Item, how: MatchKind) => {
    matches.push({ old, item, how });
    freeOld.delete(old);
    freeNew.delete(item);
  };

  // 2. Same words elsewhere: a renamed or moved heading.
  const oldByText = new Map<string, MatchedItem[]>();
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
    for (const [old, item] of rewordings([...freeOld], [...freeNew], norm)) take(old, item, 'reworded');
  }

  return {
    matches: matches.sort((a, b) => a.item.number - b.item.number),
    added: incoming.filter((i) => freeNew.has(i)),
    removed: unmatched.filter((o) => freeOld.has(o) && o.removedAt === null),
  };
}
