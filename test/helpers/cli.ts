import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.cjs');
export const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

export const seed = (prefix: string) => {
  const names = ['000_9ca55d04e2d3084b.txt', '001_4dc8d3317c46a5d3.txt', '002_c84b0d10bcec383e.txt', '003_f71f9fd21e71e08e.txt', '004_e2f939803d08dc38.txt'];
  const name = names.find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return join(SEEDS, name);
};

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  now?: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  cwd?: string;
  /** Another build's cli.cjs (test/code-cache.test.ts runs a copy of dist). */
  cli?: string;
}

const made: string[] = [];
afterEach(() => {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh temporary folder removed after the test. */
export function tempDir(prefix = 'ai-learn-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A clean environment: its own home and clock, UTC unless the test sets TZ. */
function envFor(home: string, options: RunOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    TZ: process.env.TZ ?? 'UTC',
    AI_LEARN_HOME: home,
    AI_LEARN_NOW: options.now ?? '2026-03-02T09:00:00',
    ...options.env,
  };
}

/** Runs the built CLI as a user would, with its own home and clock. */
export function run(home: string, args: string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: envFor(home, options),
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed and returns its stdout. */
export function ok(home: string, args: string[], options: RunOptions = {}): string {
  const r = run(home, args, options);
  if (r.code !== 0) throw new Error(`ai-learn ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

export function json<T = any>(home: string, args: string[], options: RunOptions = {}): T {
  return JSON.parse(ok(home, [...args, '--json'], options)) as T;
}

/** Like run(), without blocking this process: for commands run at once, or against a server in this test. */
export function runAsync(home: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: envFor(home, options),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
