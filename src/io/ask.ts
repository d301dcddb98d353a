import type { Readable, Writable } from 'node:stream';
import { Cancelled } from '../errors.js';

/**
 * Asks one question on `output` and reads the answer from `input`, trimmed.
 * Ctrl+C or Ctrl+D at a terminal (readline's AbortError) is a cancellation,
 * not an unexpected error.
 */
export async function ask(input: Readable, output: Writable, question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input, output });
  try {
    return (await rl.question(question)).trim();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ABORT_ERR') {
      output.write('\n'); // the terminal's line still holds the question
      throw new Cancelled();
    }
    throw error;
  } finally {
    rl.close();
  }
}
