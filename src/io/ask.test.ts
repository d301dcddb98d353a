import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Cancelled } from '../errors.js';
import { ask } from './ask.js';

/**
 * Asks at a terminal (an output that says it is one; else readline is not in
 * terminal mode) and types `keys` after the question, or ends the input.
 */
async function typed(keys: string | 'end', terminal = true): Promise<string | Cancelled> {
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), terminal ? { isTTY: true, columns: 80 } : {});
  output.resume();
  const answer = ask(input, output, 'Continue? [y/N] ');
  if (keys === 'end') input.end();
  else input.write(keys);
  return answer.catch((error: unknown) => {
    if (error instanceof Cancelled) return error;
    throw error;
  });
}

describe('ask', () => {
  it('gives the answer typed, trimmed', async () => {
    expect(await typed(' y \r')).toBe('y');
  });

  it('takes the input ending before an answer as a cancellation, where readline alone would wait for ever', async () => {
    expect(await typed('y\n', false)).toBe('y');
    const result = await typed('end', false);
    expect(result).toBeInstanceOf(Cancelled);
    expect(await typed('end')).toBeInstanceOf(Cancelled);
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
