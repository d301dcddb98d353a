import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where ai-learn keeps its data: `--home`, else `$AI_LEARN_HOME`, else
 * `$XDG_DATA_HOME/ai-learn`, else `~/.local/share/ai-learn`.
 */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  if (env.AI_LEARN_HOME) return resolve(env.AI_LEARN_HOME);
  if (env.XDG_DATA_HOME) return join(resolve(env.XDG_DATA_HOME), 'ai-learn');
  return join(homedir(), '.local', 'share', 'ai-learn');
}

export function databasePath(home: string): string {
  return join(home, 'ai-learn.db');
}
