import type { Readable, Writable } from 'node:stream';
import { Cancelled } from '../errors.js';

/**
 * Asks one question on `output` and reads the answer from `input`, trimmed.
 * Ctrl+C or Ctrl+D at a terminal (readline's AbortError), or the input
 * ending before an answer (Ctrl+D when readline is not in terminal mode,
 * which leaves the question unanswered for good), is a cancellation.
 */
export async function ask(input: Readable, output: Writable, question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input, output });
  let answered = false;
  const ended = new Promise<never>((_, reject) => {
    rl.once('close', () => {
      if (!answered) reject(new Cancelled());
    });
  });
  try {
    return (await Promise.race([rl.question(question), ended])).trim();
  } catch (error) {
    if (error instanceof Cancelled || (error as { code?: unknown }).code === 'ABORT_ERR') {
      output.write('\n'); // the terminal's line still holds the question
      throw new Cancelled();
    }
    throw error;
  } finally {
    answered = true; // closing is no cancellation now
    rl.close();
  }
}
