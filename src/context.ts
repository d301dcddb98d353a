import type { Style } from './render/style.js';

/** Everything a command needs from the outside world, passed in so tests can point it anywhere. */
export interface Context {
  home: string;
  now: Date;
  env: NodeJS.ProcessEnv;
  style: Style;
  /** stdin is a terminal: questions may be asked. */
  interactive: boolean;
  /** The folder holding package.json and roadmaps/. */
  packageRoot: URL;
  /** Prints a line; bytes are UTF-8 text printed as they are (a cached listing). */
  out(text: string | Uint8Array): void;
  err(text: string): void;
  readStdin(): Promise<Buffer>;
  ask(question: string): Promise<string>;
}

/** What the command line said: positional arguments, options, and the command's name. */
export interface Invocation<Opts = Record<string, unknown>> {
  args: unknown[];
  opts: Opts & { json?: boolean };
  name: string;
}
