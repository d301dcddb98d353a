import { isatty } from 'node:tty';
import type { Context } from '../context.js';
import { clockFromEnv } from '../core/dates.js';
import { styleFor } from '../render/style.js';
import { resolveHome } from '../store/paths.js';
import { ask } from './ask.js';

/** The real world: process streams, the environment and the clock. */
export function createContext(homeFlag: string | undefined, packageRoot: URL): Context {
  const env = process.env;
  return {
    home: resolveHome(homeFlag, env),
    now: clockFromEnv(env),
    env,
    style: styleFor(process.stdout, env),
    // isatty, not process.stdin.isTTY: touching process.stdin sets up a stream, 4 ms on every command.
    interactive: isatty(0),
    packageRoot,
    out: (text) => {
      if (typeof text === 'string') return void process.stdout.write(`${text}\n`);
      process.stdout.write(text);
      process.stdout.write('\n');
    },
    err: (text) => void process.stderr.write(`${text}\n`),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    ask: (question) => ask(process.stdin, process.stderr, question),
  };
}
