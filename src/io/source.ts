import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { RoadmapError } from '../errors.js';

/** Larger files are refused: no real roadmap comes near this. */
export const MAX_ROADMAP_BYTES = 5 * 1024 * 1024;

export interface Source {
  /** What the user named, made absolute for files: used to recognize a re-import. */
  id: string;
  /** How to name it in messages. */
  label: string;
  text: string;
}

/** Reads a roadmap from a path, `-` (stdin) or an http(s) URL, and checks that it is text. */
export async function readSource(ctx: Context, ref: string): Promise<Source> {
  if (ref === '-') {
    return { id: 'stdin', label: 'standard input', text: decode(await ctx.readStdin(), 'standard input') };
  }
  if (/^https?:\/\//i.test(ref)) return readUrl(ref);
  const path = resolve(ref);
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RoadmapError(`No such file: ${ref}.`, { cause });
    throw new RoadmapError(`Cannot read ${ref} (${code ?? 'error'}).`, { cause });
  }
  if (info.isDirectory()) throw new RoadmapError(`${ref} is a directory; give the path of a markdown file.`);
  if (info.size > MAX_ROADMAP_BYTES) throw tooLarge(ref, info.size);
  let text: string;
  try {
    text = await readText(path, ref);
  } catch (cause) {
    if (cause instanceof RoadmapError) throw cause;
    throw new RoadmapError(`Cannot read ${ref} (${(cause as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`, { cause });
  }
  return { id: path, label: ref, text: checked(text, ref) };
}

/** Bytes read at a time: below glibc's smallest threshold for a chunk of its own (128 KiB). */
const READ_PIECE = 64 * 1024;

/**
 * A file's text, read and decoded a piece at a time through one small
 * buffer. Read whole, a long roadmap's bytes were one chunk of memory of
 * their own that, once freed, made glibc keep freed memory of up to that
 * size from then on: 3 MiB more at the peak of importing 1.2 MB.
 */
async function readText(path: string, label: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(READ_PIECE);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const pieces: string[] = [];
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_PIECE);
      const bytes = buffer.subarray(0, bytesRead);
      if (bytes.includes(0)) throw binary(label);
      try {
        pieces.push(decoder.decode(bytes, { stream: bytesRead > 0 }));
      } catch (cause) {
        throw notUtf8(label, cause);
      }
      if (bytesRead === 0) return pieces.join('');
    }
  } finally {
    await file.close();
  }
}

async function readUrl(url: string): Promise<Source> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  } catch (cause) {
    throw new RoadmapError(`Cannot download ${url}: ${(cause as Error).message}.`, { cause });
  }
  if (!response.ok) throw new RoadmapError(`Cannot download ${url}: the server answered ${response.status} ${response.statusText}.`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_ROADMAP_BYTES) throw tooLarge(url, bytes.length);
  return { id: url, label: url, text: decode(bytes, url) };
}

function tooLarge(label: string, size: number): RoadmapError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return new RoadmapError(`${label} is ${mb(size)} MB; roadmaps up to ${mb(MAX_ROADMAP_BYTES)} MB are supported.`);
}

/** UTF-8 text, or a clear refusal for empty, binary or mis-encoded input. */
export function decode(bytes: Buffer, label: string): string {
  if (bytes.includes(0)) throw binary(label);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw notUtf8(label, cause);
  }
  return checked(text, label);
}

const binary = (label: string) => new RoadmapError(`${label} looks like a binary file, not markdown text.`);
const notUtf8 = (label: string, cause: unknown) => new RoadmapError(`${label} is not valid UTF-8 text; save it as UTF-8 and try again.`, { cause });

/** Decoded text without its byte order mark, refused if empty. */
function checked(text: string, label: string): string {
  if (text.trim() === '') throw new RoadmapError(`${label} is empty.`);
  return text.replace(/^\uFEFF/, '');
}
