import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** Lines per part before a heading may start the next one. */
const PART_LINES = 120;

const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * Where the document can be cut without changing its tree: before an ATX
 * heading at column 0 (it closes every open list, quote and paragraph),
 * outside fenced code and HTML blocks. Returns the starting line (0-based)
 * of each part.
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
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      continue;
    }
    if (/^ {0,3}<!--/.test(line)) {
      if (!/-->/.test(line)) html = /-->/;
      continue;
    }
    const raw = /^ {0,3}<(pre|script|style|textarea)[\s>]/i.exec(line);
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

function shift(node: RootContent | Root, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start.line += lines;
    p.end.line += lines;
    if (p.start.offset !== undefined) p.start.offset += offset;
    if (p.end.offset !== undefined) p.end.offset += offset;
  }
  if ('children' in node) for (const child of node.children) shift(child as RootContent, lines, offset);
}

/**
 * Markdown to mdast with remark and GFM. micromark's time grows faster than
 * the document (a 1 MB roadmap took seconds), so long documents are parsed in
 * parts cut at headings and joined, which gives the same tree. Documents with
 * reference or footnote definitions are parsed whole: those reach across parts.
 */
export function parseMarkdown(markdown: string): Root {
  const lines = markdown.split('\n');
  if (lines.length <= PART_LINES || /^ {0,3}\[[^\]]+\]:/m.test(markdown)) return processor.parse(markdown);
  const starts = partStarts(lines);
  if (starts.length === 1) return processor.parse(markdown);
  const root: Root = { type: 'root', children: [] };
  let offset = 0;
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    const text = lines.slice(start, end).join('\n') + (end < lines.length ? '\n' : '');
    const part = processor.parse(text);
    shift(part, start, offset);
    root.children.push(...part.children);
    if (part.position) root.position = { start: { line: 1, column: 1, offset: 0 }, end: part.position.end };
    offset += text.length;
  });
  return root;
}
