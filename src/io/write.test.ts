import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/cli.js';
import { PIECE, textPieces, writeAllSync } from './write.js';

/** What writeAllSync puts in a file for `text`. */
function written(text: string): Buffer {
  const file = join(tempDir(), 'out');
  const fd = openSync(file, 'w');
  try {
    writeAllSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}

describe('writeAllSync', () => {
  it('writes the UTF-8 of any text, a piece at a time, never splitting a surrogate pair between pieces', () => {
    const texts = [
      '',
      'plain',
      'x'.repeat(3 * PIECE + 7),
      // Pairs straddling every piece boundary, and pairs ending exactly on one.
      `a${'😀'.repeat(PIECE + 3)}`,
      '😀'.repeat(PIECE + 3),
      `${'é'.repeat(PIECE - 1)}中😀${'→'.repeat(PIECE)}`,
      // Lone surrogates, in the middle, at a boundary and at the end, become U+FFFD as Buffer.from makes them.
      `${'b'.repeat(PIECE - 1)}\ud83dc\ude00${'c'.repeat(10)}\ud83d`,
    ];
    for (const text of texts) expect(written(text).equals(Buffer.from(text, 'utf8')), JSON.stringify(text.slice(0, 20))).toBe(true);
  });
});

describe('textPieces', () => {
  it('cuts any text into pieces of at most the size whose UTF-8, joined, is the text\'s', () => {
    const texts = ['', 'ab', 'abcdefg', '😀😀😀', 'a😀b😀c😀', '\ud83d', 'a\ud83d', '\ude00\ud83d\ude00x\ud83d'];
    for (const text of texts) {
      for (const size of [2, 3, 4, 5]) {
        const pieces = [...textPieces(text, size)];
        expect(pieces.join('')).toBe(text);
        expect(pieces.every((p) => p.length > 0 && p.length <= size)).toBe(true);
        expect(Buffer.concat(pieces.map((p) => Buffer.from(p, 'utf8'))).equals(Buffer.from(text, 'utf8')), `${JSON.stringify(text)} by ${size}`).toBe(true);
      }
    }
  });
});
