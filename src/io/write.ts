import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to the file descriptor `fd` before returning. Through
 * process.stdout a large output (a backup of 100,000 events) queued in memory
 * while the reader caught up, 180 MiB for 23 MB. A pipe Node has made
 * non-blocking takes what fits and fails with EAGAIN until the reader has
 * read: then this waits a millisecond and tries again (waiting 10 ms held
 * `export | gzip` to about 6 MB/s).
 */
export function writeAllSync(fd: number, text: string): void {
  // A piece at a time, not the whole text as one buffer: a calendar of 3.4 MB
  // held its bytes beside its text.
  const bytes = new Uint8Array(3 * Math.min(text.length, PIECE));
  for (const piece of textPieces(text, PIECE)) {
    const { written } = encoder.encodeInto(piece, bytes);
    writeBytes(fd, bytes.subarray(0, written));
  }
}

/** Characters encoded at a time: at most three bytes each in UTF-8 (a surrogate pair, two of them, takes four). */
export const PIECE = 1 << 16;

/**
 * `text` in pieces of at most `size` characters, in order, never cut between
 * the halves of a surrogate pair (each alone would be encoded as U+FFFD):
 * together their UTF-8 is the text's.
 */
export function* textPieces(text: string, size: number): Generator<string> {
  for (let from = 0; from < text.length; ) {
    let to = Math.min(from + size, text.length);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && to - from > 1 && last >= 0xd800 && last <= 0xdbff) to--;
    yield text.slice(from, to);
    from = to;
  }
}
const encoder = new TextEncoder();

let readerGone = false;

/**
 * Writes `text` to stdout, all of it before returning (as writeAllSync),
 * through the file descriptor and never process.stdout: making that stream
 * loads Node's streams and, for a pipe, `net` (10-13 ms of a command whose
 * output goes to a script). A reader that has gone away (`ai-learn show |
 * head`) is not an error: nothing more is written.
 */
export function writeStdout(text: string | Uint8Array): void {
  if (readerGone) return;
  try {
    if (typeof text === 'string') writeAllSync(1, text);
    else writeBytes(1, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    readerGone = true;
  }
}

function writeBytes(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
