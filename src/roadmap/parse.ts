import type { Nodes, Root } from 'mdast';
import { fromMarkdown, type Extension as MdastExtension, type Options } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { parsingParts } from '../io/heap.js';

/** Lines per part before a heading may start the next one. */
const PART_LINES = 40;

type Syntax = NonNullable<Options['extensions']>[number];
type ConstructRecord = NonNullable<Syntax['text']>;

/**
 * GFM's syntax (what remark-gfm gives micromark), one construct at a time,
 * each with what a text must contain for it ever to match. A construct that
 * cannot match still costs: the e-mail autolink literal is tried at the start
 * of every word, the table at the start of every block, and with all of GFM
 * micromark took twice as long as without on a 1 MB roadmap. So each part is
 * parsed with only the constructs its text could use, which gives the same
 * tree. The order is remark-gfm's: it decides which construct micromark tries first.
 */
const LITERALS: ReadonlyArray<{ name: string; test: RegExp }> = [
  { name: 'emailAutolink', test: /@/ },
  { name: 'wwwAutolink', test: /www\./i },
  { name: 'protocolAutolink', test: /https?:\/\//i },
];
const EXTENSIONS: ReadonlyArray<{ test: RegExp; syntax: () => Syntax }> = [
  // A definition and a call both start with "[^" (micromark reads no escape or reference there).
  { test: /\[\^/, syntax: gfmFootnote },
  { test: /~/, syntax: () => gfmStrikethrough() },
  // A table needs a delimiter row ("|---|", ":-"): dashes with a pipe or a colon, maybe after list or quote markers.
  { test: /^[ \t>*+\d.)]*[-:| \t]*(?:[:|][-:| \t]*-|-[-:| \t]*[:|])[-:| \t]*$/m, syntax: gfmTable },
  { test: /\[/, syntax: gfmTaskListItem },
];

/**
 * The autolink literal constructs named, as one extension: several share a
 * character ("w" starts an e-mail address or "www."), and their order there
 * is the extension's, e-mail first.
 */
function literals(names: readonly string[]): Syntax {
  const text: ConstructRecord = {};
  for (const [code, value] of Object.entries(gfmAutolinkLiteral().text ?? {})) {
    const kept = [value ?? []].flat().filter((c) => c.name !== undefined && names.includes(c.name));
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { text };
}

/**
 * Where GFM's autolink literal transform could find a URL or an e-mail
 * address in the tree's text (its patterns all need "@", "http://",
 * "https://" or "www."). It runs four searches over every text node, which is
 * worth skipping when none can match: a roadmap's URLs are mostly inside links.
 */
const LITERAL_HINT = /@|https?:\/\/|www\./i;

function mayHoldLiteral(node: Nodes): boolean {
  if (node.type === 'text') return LITERAL_HINT.test(node.value);
  if (node.type === 'link' || node.type === 'linkReference') return false; // the transform skips these too
  return 'children' in node && node.children.some(mayHoldLiteral);
}

function guardedAutolinkLiterals(): MdastExtension {
  const extension = gfmAutolinkLiteralFromMarkdown();
  const transforms = (extension.transforms ?? []).map(
    (transform) => (tree: Root) => (mayHoldLiteral(tree) ? transform(tree) : undefined),
  );
  return { ...extension, transforms };
}

/** GFM's mdast side, as mdast-util-gfm gives it, with the autolink transform guarded. */
const mdastExtensions: MdastExtension[] = [
  guardedAutolinkLiterals(),
  gfmFootnoteFromMarkdown(),
  gfmStrikethroughFromMarkdown(),
  gfmTableFromMarkdown(),
  gfmTaskListItemFromMarkdown(),
];

const syntaxCache = new Map<string, Syntax[]>();

/** The GFM constructs `text` could use. */
function syntaxFor(text: string): Syntax[] {
  const names = LITERALS.filter((l) => l.test.test(text)).map((l) => l.name);
  const extensions = EXTENSIONS.filter((e) => e.test.test(text));
  const id = `${names.join()}|${extensions.map((e) => EXTENSIONS.indexOf(e)).join()}`;
  let syntax = syntaxCache.get(id);
  if (!syntax) {
    syntax = [...(names.length > 0 ? [literals(names)] : []), ...extensions.map((e) => e.syntax())];
    syntaxCache.set(id, syntax);
  }
  return syntax;
}

/** Markdown to mdast, the same tree as unified with remark-parse and remark-gfm. */
function parseGfm(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: syntaxFor(markdown), mdastExtensions });
}

/**
 * Where the document can be cut without changing its tree: before an ATX
 * heading at column 0 (it closes every open list, quote and paragraph),
 * outside fenced code and HTML blocks. Returns the starting line (0-based)
 * of each part. Fences and HTML blocks are read simply here (not inside
 * lists, say); parseParts checks each cut against the parsed tree.
 */
export function partStarts(lines: readonly string[]): number[] {
  const starts = [0];
  let fence: { char: string; length: number } | null = null;
  let html: RegExp | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (html) {
      if (html.test(line)) html = null;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    // A backtick fence's info string has no backtick: "```a```" is inline code.
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    if (/^ {0,3}<!--/.test(line)) {
      if (!/-->/.test(line)) html = /-->/;
      continue;
    }
    const raw = /^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)/i.exec(line);
    if (raw) {
      if (!new RegExp(`</${raw[1]}>`, 'i').test(line)) html = new RegExp(`</${raw[1]}>`, 'i');
      continue;
    }
    if (/^ {0,3}<[/?!a-zA-Z]/.test(line)) {
      html = /^\s*$/; // other HTML blocks end at a blank line
      continue;
    }
    if (/^#{1,6}(\s|$)/.test(line) && i - starts.at(-1)! >= PART_LINES) starts.push(i);
  }
  return starts;
}

/** A piece of a document that parses to the same nodes alone as within the whole. */
export interface Part {
  text: string;
  /** Lines before the part in the document. */
  line: number;
  /** Characters before the part in the document. */
  offset: number;
}

/**
 * What every reference and footnote definition holds: its label is followed
 * by a colon. Definitions reach across parts, so a document that may hold one
 * (even a "[x]: " in prose) is parsed whole.
 */
const DEFINITION = /\]:/;
/** A carriage return alone ends a line for micromark but not for the cutter, which counts "\n". */
const LONE_CR = /\r(?!\n)/;

/**
 * Cuts a document into parts at headings (see partStarts). micromark's time
 * per line grows with the length of what it parses (about 170 µs a line for
 * 50 lines, 300 µs for 200 and more), and a part's tree can be walked and
 * dropped before the next is parsed.
 */
export function splitParts(markdown: string): Part[] {
  const lines = markdown.split('\n');
  if (lines.length <= PART_LINES || DEFINITION.test(markdown) || LONE_CR.test(markdown)) {
    return [{ text: markdown, line: 0, offset: 0 }];
  }
  const starts = partStarts(lines);
  const parts: Part[] = [];
  let offset = 0;
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    const text = lines.slice(start, end).join('\n') + (end < lines.length ? '\n' : '');
    parts.push({ text, line: start, offset });
    offset += text.length;
  });
  return parts;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Whether a part's tree may end inside a fenced code or HTML block, the only
 * blocks that run on past a heading (it closes everything else); inside a
 * list or quote such a block ends where the part does rather than before the
 * heading, so its position would differ. A block followed by more of the part
 * than a line ending has ended; one that reaches the part's end counts as open
 * unless it is a top-level fence plainly closed by its last line.
 */
function endsOpen(tree: Root, text: string): boolean {
  let last: Nodes | undefined = tree.children.at(-1);
  let topLevel = true;
  while (last && 'children' in last && last.children.length > 0) {
    last = last.children.at(-1);
    topLevel = false;
  }
  if (last?.type !== 'code' && last?.type !== 'html') return false;
  const start = last.position?.start.offset;
  const end = last.position?.end.offset;
  if (start === undefined || end === undefined) return true;
  if (!/^(\r\n|\r|\n)?$/.test(text.slice(end))) return false;
  if (last.type === 'html' || !topLevel) return true;
  const lines = text.slice(start, end).split('\n');
  const open = FENCE.exec(lines[0]!);
  if (!open) return false; // indented code: a line at column 0 ends it
  const close = lines.length > 1 ? CLOSING_FENCE.exec(lines.at(-1)!) : null;
  return !(close && close[1]![0] === open[1]![0] && close[1]!.length >= open[1]!.length);
}

function shift(node: Nodes, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start.line += lines;
    p.end.line += lines;
    if (p.start.offset !== undefined) p.start.offset += offset;
    if (p.end.offset !== undefined) p.end.offset += offset;
  }
  if ('children' in node) for (const child of node.children) shift(child, lines, offset);
}

/** Moves a part's tree to where the part is in the whole document. */
function place(tree: Root, part: Part): Root {
  if (part.line > 0 || part.offset > 0) shift(tree, part.line, part.offset);
  return tree;
}

/**
 * The document's trees part by part, in order, positions in the whole
 * document: together the same tree as one whole parse. A part that may end
 * inside a fenced code or HTML block (so the cut after it was wrong) is
 * parsed again with the rest of the document as one part.
 */
export function* parseParts(markdown: string): Generator<Root> {
  const parts = splitParts(markdown);
  // A long parse keeps V8's young generation smaller, and leaves no garbage behind (io/heap.ts).
  const heap = parsingParts(parts.length);
  for (const [k, part] of parts.entries()) {
    const tree = parseGfm(part.text);
    heap.afterPart();
    if (k < parts.length - 1 && endsOpen(tree, part.text)) {
      yield place(parseGfm(markdown.slice(part.offset)), part);
      break;
    }
    yield place(tree, part);
  }
  heap.done();
}

/** Markdown to mdast with GFM: the parts' trees joined, the same tree as one whole parse. */
export function parseMarkdown(markdown: string): Root {
  const trees = [...parseParts(markdown)];
  if (trees.length === 1) return trees[0]!;
  const root: Root = { type: 'root', children: [] };
  for (const tree of trees) {
    root.children.push(...tree.children);
    if (tree.position) root.position = { start: { line: 1, column: 1, offset: 0 }, end: tree.position.end };
  }
  return root;
}
