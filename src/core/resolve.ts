import { distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.js';
import type { StoredItem } from '../store/items.js';

const simplify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The item number a reference gives (`12`, `#12`), or null when it is a key or words. */
export function numberIn(ref: string): number | null {
  const match = /^#?(\d+)$/.exec(ref.trim());
  return match ? Number(match[1]) : null;
}

function describe(item: StoredItem): string {
  return `#${item.number} ${item.text}`;
}

/** What a reference to the number of an item removed from the roadmap file is told. */
export function removedItem(number: number, text: string): UsageError {
  return new UsageError(`#${number} ${text} was removed from the roadmap file; its history is kept (\`ai-learn show --removed\`).`);
}

/**
 * Finds the one item a reference names: its number (`12`, `#12`), its key,
 * or a fragment of its text. Unknown or ambiguous references are usage
 * errors that list candidates.
 */
export function resolveItem(items: readonly StoredItem[], ref: string): StoredItem {
  const trimmed = ref.trim();
  const n = numberIn(trimmed);
  if (n !== null) {
    const hit = items.find((i) => i.number === n);
    if (hit) return hit;
    throw new UsageError(`There is no item #${n}; numbers run from 1 to ${Math.max(0, ...items.map((i) => i.number))} (see \`ai-learn show\`).`);
  }
  const byKey = items.find((i) => i.key === trimmed);
  if (byKey) return byKey;

  const needle = simplify(trimmed);
  if (needle === '') throw new UsageError('Name an item by its number, key or a few words of its text.');
  const words = needle.split(' ');
  const matches = items.filter((i) => {
    const hay = simplify(i.text);
    return words.every((w) => hay.includes(w));
  });
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const exact = matches.filter((i) => simplify(i.text) === needle);
    if (exact.length === 1) return exact[0]!;
    const shown = matches.slice(0, 8).map((i) => `  ${describe(i)}`).join('\n');
    const more = matches.length > 8 ? `\n  … and ${matches.length - 8} more` : '';
    throw new UsageError(`"${ref}" matches ${matches.length} items; use a number:\n${shown}${more}`);
  }
  const closest = [...items]
    .map((i) => ({ i, d: distance(needle, simplify(i.text).slice(0, needle.length + 8)) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ i }) => `  ${describe(i)}`)
    .join('\n');
  throw new UsageError(`No item matches "${ref}".${closest ? ` Closest:\n${closest}` : ''}`);
}
