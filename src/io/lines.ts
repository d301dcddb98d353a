import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of an open file, read a chunk at a time from `position`, without
 * their "\n". Only the current chunk and the line it ends inside are held, so
 * a 23 MB backup is read in a few MiB; a line longer than a chunk is kept in
 * pieces and joined once, when it ends. The last line is yielded even if
 * empty (text ending in "\n" ends with ""), as `text.split('\n')` would.
 */
export function* readLines(fd: number, position = 0, chunkBytes = 1 << 15): Generator<string> {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const decoder = new StringDecoder('utf8');
  let pieces: string[] = [];
  for (let n; (n = readSync(fd, buffer, 0, chunkBytes, position)) > 0; position += n) {
    const text = decoder.write(buffer.subarray(0, n));
    let start = 0;
    for (let end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
      pieces.push(text.slice(start, end));
      yield pieces.join('');
      pieces = [];
    }
    if (start < text.length) pieces.push(text.slice(start));
  }
  pieces.push(decoder.end());
  yield pieces.join('');
}
