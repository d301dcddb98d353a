/**
 * Lines of inline markdown: a paragraph with soft breaks holds several lines
 * ("**Core Paper**: …\n**Key Concepts**: …"), each read on its own, with its
 * bold label, its plain text and its first link.
 */
import { htmlTagNames } from 'html-tag-names';
import type { Link, Nodes, PhrasingContent } from 'mdast';
import type { NotedStatus } from './model.js';

export interface Line {
  /** Plain text of the whole line. */
  text: string;
  /** A leading label: "**Resource:**", "**Milestone**:", or a whole line "Resources:". */
  label: string | null;
  /** The text after the label, without trailing link-only noise. */
  value: string;
  /** The whole line is bold and is not a "label:" ("**Lecture 3: Backpropagation**"). */
  boldWhole: boolean;
  /** First link that is not an in-page anchor. */
  url: string | null;
  /** All visible text sits inside links. */
  linkOnly: boolean;
  /** Every link is an in-page anchor and nothing else is visible. */
  anchorOnly: boolean;
  /** A status note an export wrote at the end: "(in progress)", "(skipped)". */
  noted: NotedStatus | null;
  /** Nothing visible: images, badges, HTML. */
  empty: boolean;
  line: number;
}

const HTML_TAGS = new Set(htmlTagNames);
const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9-]*)/;

/**
 * What an inline HTML node shows. A tag of HTML written as HTML is, in lower
 * case or all capitals ("<br>", "<kbd>", "</SUB>"), and a comment show
 * nothing; anything else micromark reads as a tag is the author's text, kept
 * as written: "Option<T>", "List<String>", "Array<Object>", "<Link>", "map<U>"
 * (a capitalized or one-capital name is a type or a component, not HTML).
 */
function htmlText(value: string): string {
  const name = TAG_NAME.exec(value)?.[1];
  if (name === undefined) return '';
  const asHtml = name === name.toLowerCase() || (name.length > 1 && name === name.toUpperCase());
  return asHtml && HTML_TAGS.has(name.toLowerCase()) ? '' : value;
}

/** Visible text of an mdast node: images and HTML's tags count as nothing. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
      return htmlText(node.value);
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(plainText).join('') : '';
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function splitRaw(nodes: readonly PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'break') {
      lines.push([]);
    } else if (node.type === 'text' && node.value.includes('\n')) {
      node.value.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part !== '') lines[lines.length - 1]!.push({ type: 'text', value: part });
      });
    } else {
      lines[lines.length - 1]!.push(node);
    }
  }
  return lines;
}

/** Wrapped prose continues a line; a new bold label or a finished sentence starts one. */
function continues(prev: readonly PhrasingContent[], next: readonly PhrasingContent[]): boolean {
  const prevText = squash(prev.map(plainText).join(''));
  const first = next.find((n) => !(n.type === 'text' && n.value.trim() === ''));
  if (!first || first.type === 'strong') return false;
  const nextText = squash(next.map(plainText).join(''));
  return prevText !== '' && !/[.!?:;)"”*]$/.test(prevText) && /^\p{Ll}/u.test(nextText);
}

function collectLinks(nodes: readonly Nodes[], out: Link[]): Link[] {
  for (const node of nodes) {
    if (node.type === 'link') out.push(node);
    else if ('children' in node) collectLinks(node.children as Nodes[], out);
  }
  return out;
}

const GENERIC_LINK = /^(link|here|source|website|site|pdf|paper|slides?|video|youtube|code|repo|github|arxiv|notes|blog|docs?|more|\[?\d+\]?)$/i;

function isNoiseLink(node: PhrasingContent): boolean {
  if (node.type !== 'link') return false;
  const text = squash(plainText(node));
  return GENERIC_LINK.test(text) || !/[\p{L}\p{N}]/u.test(text);
}

function isFiller(node: PhrasingContent): boolean {
  return node.type === 'text' && !/[\p{L}\p{N}]/u.test(node.value);
}

/** Drops trailing links such as "[pdf](…)" or "[🔗](…)" when other text remains. */
function withoutTrailingNoise(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  for (;;) {
    let end = out.length;
    while (end > 0 && isFiller(out[end - 1]!)) end -= 1;
    const last = out[end - 1];
    if (!last || !isNoiseLink(last)) return out;
    const rest = out.slice(0, end - 1);
    if (!/[\p{L}\p{N}]/u.test(rest.map(plainText).join(''))) return out;
    out.splice(end - 1);
  }
}

/** A status note an export appends: "(done 2026-03-02)", "(skipped)". */
const NOTE = String.raw`\((?:done \d{4}-\d{2}-\d{2}|skipped)\)`;
/** The note at the end of plain text. */
const STATUS_NOTE = new RegExp(String.raw`\s*${NOTE}\s*$`, 'i');
/** The whole text of an emphasis, as export writes it: "_(done 2026-03-02)_", "_(skipped)_". */
const WHOLE_NOTE = new RegExp(`^${NOTE}$`, 'i');

/** The emphasized notes export writes beside unchecked items, exactly; a learner's own "_(In progress)_" stays text. */
const NOTED: Readonly<Record<string, NotedStatus>> = { '(in progress)': 'doing', '(skipped)': 'skipped' };

/**
 * Whether a link may be an item's URL: a web or mail address, or one
 * without a scheme (relative). "javascript:", "data:" and the like are kept
 * out of the items, and so out of every export and page that links them.
 */
function openable(url: string): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/**
 * Drops a trailing status note so that `export --format md` imports back with
 * the same item texts, and says which status an emphasized note gave.
 */
function withoutStatusNote(nodes: readonly PhrasingContent[]): { nodes: PhrasingContent[]; noted: NotedStatus | null } {
  const out = [...nodes];
  while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
  const last = out[out.length - 1];
  if (!last) return { nodes: out, noted: null };
  if (last.type === 'text') {
    if (STATUS_NOTE.test(last.value)) out[out.length - 1] = { ...last, value: last.value.replace(STATUS_NOTE, '') };
  } else if (last.type === 'emphasis' && out.length > 1) {
    const note = plainText(last).trim();
    const noted = NOTED[note] ?? null;
    if (noted || WHOLE_NOTE.test(note)) {
      out.pop();
      return { nodes: out, noted };
    }
  }
  return { nodes: out, noted: null };
}

function isBlank(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function readLine(raw: PhrasingContent[], line: number): Line {
  const { nodes, noted } = withoutStatusNote(raw);
  const text = squash(nodes.map(plainText).join(''));
  const links = collectLinks(nodes, []);
  const outside = nodes.filter((n) => n.type !== 'link').map(plainText).join('');
  const linkOnly = links.length > 0 && !/[\p{L}\p{N}]/u.test(outside);
  const url = links.find((l) => !l.url.startsWith('#') && openable(l.url))?.url ?? null;
  const anchorOnly = linkOnly && links.every((l) => l.url.startsWith('#'));

  let label: string | null = null;
  let rest: PhrasingContent[] = nodes;
  let boldWhole = false;
  const lead = nodes.findIndex((n) => !(n.type === 'text' && n.value.trim() === ''));
  const first = lead >= 0 ? nodes[lead] : undefined;
  if (first?.type === 'strong') {
    const strong = squash(plainText(first));
    const after = nodes[lead + 1];
    if (strong.endsWith(':')) {
      label = strong.slice(0, -1).trim();
      rest = nodes.slice(lead + 1);
    } else if (after?.type === 'text' && /^\s*:/.test(after.value)) {
      label = strong;
      rest = [{ type: 'text', value: after.value.replace(/^\s*:/, '') }, ...nodes.slice(lead + 2)];
    } else if (squash(nodes.slice(lead + 1).map(plainText).join('')) === '') {
      boldWhole = true;
    }
  } else {
    const whole = /^([^:]{1,60}):$/.exec(text);
    if (whole) {
      label = whole[1]!.trim();
      rest = [];
    }
  }
  if (label !== null && (label === '' || label.split(/\s+/).length > 8)) {
    label = null;
    rest = nodes;
  }
  const value = squash(withoutTrailingNoise(rest).map(plainText).join(''))
    .replace(/\s*[\-–—|:(]+\s*$/, '')
    .replace(/^\s*[\-–—|:]+\s*/, '');
  return { text, label, value, boldWhole, url, linkOnly, anchorOnly, empty: text === '', line, noted };
}

/** The lines of a paragraph, each with the source line it starts on. */
export function paragraphLines(nodes: readonly PhrasingContent[], startLine: number): Line[] {
  const raw = splitRaw(nodes);
  const merged: Array<{ nodes: PhrasingContent[]; line: number }> = [];
  raw.forEach((lineNodes, i) => {
    const prev = merged[merged.length - 1];
    if (prev && continues(prev.nodes, lineNodes)) {
      prev.nodes.push({ type: 'text', value: ' ' }, ...lineNodes);
    } else {
      merged.push({ nodes: [...lineNodes], line: startLine + i });
    }
  });
  return merged.map((m) => readLine(m.nodes, m.line)).filter((l) => !l.empty);
}

/** A paragraph read as one line (the text of a list item). */
export function paragraphAsLine(nodes: readonly PhrasingContent[], line: number): Line {
  const joined: PhrasingContent[] = [];
  splitRaw(nodes).forEach((lineNodes, i) => {
    if (i > 0) joined.push({ type: 'text', value: ' ' });
    joined.push(...lineNodes);
  });
  return readLine(joined, line);
}
