import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Cancelled } from '../errors.js';
import { ask } from './ask.js';

/** Asks at a terminal (an output that says it is one) and types `keys` after the question. */
async function typed(keys: string): Promise<string | Cancelled> {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  output.resume();
  const answer = ask(input, output, 'Continue? [y/N] ');
  input.write(keys);
  return answer.catch((error: unknown) => {
    if (error instanceof Cancelled) return error;
    throw error;
  });
}

describe('ask', () => {
  it('gives the answer typed, trimmed', async () => {
    expect(await typed(' y \r')).toBe('y');
  });

  it('takes Ctrl+C or Ctrl+D as a cancellation: one sentence and exit 130, not an unexpected error', async () => {
    for (const key of ['\x03', '\x04']) {
      const result = await typed(key);
      expect(result).toBeInstanceOf(Cancelled);
      expect((result as Cancelled).message).toBe('Cancelled; nothing was changed.');
      expect((result as Cancelled).exitCode).toBe(130);
    }
  });
});
