/** How output may look: colours and bars only on a terminal that wants them. */
export interface Style {
  color: boolean;
  bars: boolean;
  width: number;
}

export function styleFor(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): Style {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const rich = forced || (stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  return { color: rich && env.NO_COLOR === undefined, bars: rich, width: Math.min(80, stream.columns ?? 80) };
}

/** "1 item", "3 items". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const PLAIN: Style = { color: false, bars: false, width: 80 };

const CODES = { bold: [1, 22], dim: [2, 22], green: [32, 39], yellow: [33, 39], cyan: [36, 39], red: [31, 39] } as const;
export type Paint = keyof typeof CODES;

export function paint(style: Style, kind: Paint, text: string): string {
  if (!style.color) return text;
  const [open, close] = codes(kind);
  return `${open}${text}${close}`;
}

/** The escape codes that begin and end text painted `kind`. */
export function codes(kind: Paint): [open: string, close: string] {
  const [open, close] = CODES[kind];
  return [`\u001b[${open}m`, `\u001b[${close}m`];
}

/** A bar of `width` cells, filled to `fraction` (0..1). */
export function bar(fraction: number, width: number): string {
  const clamped = Math.max(0, Math.min(1, fraction));
  const filled = Math.round(clamped * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Cuts text to `max` characters with an ellipsis. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text; // UTF-16 units never undercount characters
  if (!/[\uD800-\uDFFF]/.test(text)) return `${text.slice(0, Math.max(0, max - 1))}…`; // one unit per character
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * `prefix`, `name` and `tail` in `max` characters, cutting the name only: a
 * long name gives way to the date and counts around it ("15 of 20 items
 * left", never "15 of 2…"). When the rest leaves the name under 10
 * characters, the whole line is cut as fit does.
 */
export function fitAround(prefix: string, name: string, tail: string, max: number): string {
  const room = max - [...prefix].length - [...tail].length;
  return room < 10 ? fit(prefix + name + tail, max) : prefix + fit(name, room) + tail;
}

export function padEnd(text: string, width: number): string {
  const len = [...text].length;
  return len >= width ? text : text + ' '.repeat(width - len);
}

/** How an item's status is marked in lists, checklist style. */
export const STATUS_MARK = { done: '[x]', doing: '[~]', skipped: '[-]', todo: '[ ]' } as const;

/** Breaks prose into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
