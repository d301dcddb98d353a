/**
 * Stable item keys. A key is derived from the innermost section title and the
 * item's normalized text, so an edited roadmap re-imported later maps unchanged
 * items back onto their stored progress.
 */
import { memoized } from '../core/collections.js';

const MAX_SLUG = 48;

/**
 * Reduces a line of roadmap text to what identifies it: no markdown, link
 * targets, quotes, punctuation, case or extra whitespace.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[*_`~"'“”‘’«»]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * Lowercase ASCII words joined by '-', at most 48 characters, cut at a word
 * boundary. The words are joined once at the end: adding them one by one
 * made each key a chain of a dozen V8 string pieces, 4 MiB for the 10,000
 * keys an import holds until it has stored them.
 */
export function slugify(text: string): string {
  const words = normalizeText(text)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
  const kept: string[] = [];
  let length = -1; // of the kept words with a '-' between each two
  for (const word of words) {
    if (length + 1 + word.length > MAX_SLUG) {
      if (kept.length === 0) kept.push(word.slice(0, MAX_SLUG));
      break;
    }
    kept.push(word);
    length += 1 + word.length;
  }
  return kept.join('-');
}

/** The key of one item before de-duplication: `section-slug/text-slug`. */
export function itemKey(sectionTitle: string | null, text: string): string {
  return `${sectionSlug(sectionTitle)}/${slugify(text) || 'item'}`;
}

function sectionSlug(sectionTitle: string | null): string {
  return slugify(sectionTitle ?? '') || 'root';
}

/** itemKey for all the items of a roadmap: each section's slug is worked out once, not once per item. */
export function itemKeyer(): (sectionTitle: string | null, text: string) => string {
  const slugOf = memoized(sectionSlug);
  return (sectionTitle, text) => `${slugOf(sectionTitle)}/${slugify(text) || 'item'}`;
}

/** Makes keys unique in document order: the second "a/b" becomes "a/b-2", and so on. */
export function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>(keys);
  const counts = new Map<string, number>();
  const out: string[] = [];
  const used = new Set<string>();
  for (const key of keys) {
    if (!used.has(key)) {
      used.add(key);
      out.push(key);
      continue;
    }
    let n = counts.get(key) ?? 1;
    let candidate: string;
    do {
      n += 1;
      candidate = `${key}-${n}`;
    } while (used.has(candidate) || (seen.has(candidate) && candidate !== key));
    counts.set(key, n);
    used.add(candidate);
    out.push(candidate);
  }
  return out;
}
