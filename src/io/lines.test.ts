import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLines } from './lines.js';

describe('readLines', () => {
  it('gives the lines split("\\n") gives, whatever chunk a character of several bytes is cut by', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-learn-lines-'));
    const file = join(dir, 'text');
    try {
      // Lines of ASCII, accents, CJK and emoji (1 to 4 bytes), cut into chunks of 1 to 9 bytes.
      const text = fc.array(fc.oneof(fc.constantFrom('\n', '\n\n', 'a', 'é', '語', '🦜', ' ', ','), fc.string()), { maxLength: 60 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(text, fc.integer({ min: 1, max: 9 }), (content, chunk) => {
          writeFileSync(file, content);
          const fd = openSync(file, 'r');
          try {
            expect([...readLines(fd, 0, chunk)]).toEqual(content.split('\n'));
          } finally {
            closeSync(fd);
          }
        }),
        { numRuns: 400 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
