import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Context } from '../context.js';
import { clockFromEnv } from '../core/dates.js';
import { styleFor } from '../render/style.js';
import { resolveHome } from '../store/paths.js';
import { ask } from './ask.js';
import { writeStdout } from './write.js';

/**
 * Whether `fd` is a terminal. Only a character device can be one, and
 * /dev/null is not: for a pipe, a file or /dev/null, which is where a
 * script's output goes, this needs neither `node:tty` nor process.stdout or
 * process.stdin, each of which loads `net` and Node's streams (6-13 ms of
 * every command).
 */
function isTerminal(fd: 0 | 1): boolean {
  let device;
  try {
    device = fstatSync(fd);
  } catch {
    return false;
  }
  if (!device.isCharacterDevice()) return false;
  if (device.rdev === statSync('/dev/null', { throwIfNoEntry: false })?.rdev) return false;
  const tty = (process.getBuiltinModule?.('node:tty') ?? createRequire(__filename)('node:tty')) as typeof import('node:tty');
  return tty.isatty(fd);
}

/** The real world: process streams, the environment and the clock. */
export function createContext(homeFlag: string | undefined, packageRoot: URL): Context {
  const env = process.env;
  return {
    home: resolveHome(homeFlag, env),
    now: clockFromEnv(env),
    env,
    // process.stdout only for a terminal, whose width and colours it knows.
    style: styleFor(isTerminal(1) ? process.stdout : {}, env),
    // Asked only by a command that may ask a question.
    get interactive() {
      return isTerminal(0);
    },
    packageRoot,
    out: (text) => {
      if (typeof text === 'string') return writeStdout(`${text}\n`);
      writeStdout(text);
      writeStdout('\n');
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
