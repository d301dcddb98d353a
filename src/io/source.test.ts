import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/cli.js';
import type { Context } from '../context.js';
import { readSource } from './source.js';

// Files are read and decoded a piece at a time (64 KiB): characters of two to
// four bytes land across every boundary here, and the refusals must not
// depend on which piece holds the fault.
const ctx = {} as Context;
const PIECE = 64 * 1024;

function file(content: string | Buffer): string {
  const path = join(tempDir(), 'roadmap.md');
  writeFileSync(path, content);
  return path;
}

describe('readSource, a file', () => {
  it('reads text whose characters straddle the pieces as it was written', async () => {
    for (const pad of [0, 1, 2, 3]) {
      const text = `# Plan\n${'x'.repeat(pad)}${'é😀中'.repeat(3 * PIECE / 9 + 5)}\n- [ ] Read the paper\n`;
      expect((await readSource(ctx, file(text))).text).toBe(text);
    }
  });

  it('drops a byte order mark', async () => {
    expect((await readSource(ctx, file(`\uFEFF# Plan\n${'a'.repeat(PIECE)}`))).text).toBe(`# Plan\n${'a'.repeat(PIECE)}`);
  });

  it('refuses a NUL byte or a broken character in a later piece, and a character cut at the end', async () => {
    const ascii = Buffer.from(`# Plan\n${'a'.repeat(PIECE + 10)}`);
    await expect(readSource(ctx, file(Buffer.concat([ascii, Buffer.from([0])])))).rejects.toThrow('looks like a binary file');
    await expect(readSource(ctx, file(Buffer.concat([ascii, Buffer.from([0xe9, 0x41])])))).rejects.toThrow('is not valid UTF-8 text');
    await expect(readSource(ctx, file(Buffer.concat([ascii, Buffer.from([0xf0, 0x9f, 0x98])])))).rejects.toThrow('is not valid UTF-8 text');
    await expect(readSource(ctx, file(' \n'.repeat(PIECE)))).rejects.toThrow('is empty');
  });
});
