import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ok, ROOT, seed, tempDir } from './helpers/cli.js';

/** A home with a seed roadmap and a session, so that every view has something to show. */
function home(): string {
  const dir = tempDir();
  ok(dir, ['import', seed('000')]);
  ok(dir, ['log', '30m']);
  return dir;
}

const envFor = (dir: string) => ({ PATH: process.env.PATH ?? '', HOME: dir, TZ: 'UTC', AI_LEARN_HOME: dir, AI_LEARN_NOW: '2026-03-02T09:00:00' });

/**
 * Runs the CLI with stdout as `stdout` and a preload that lists, at exit,
 * every module Node loaded: the output goes through the file descriptor
 * (src/io/write.ts), so nothing makes process.stdout, and nothing loads the
 * terminal module or `net`, unless stdout is a terminal.
 */
function modulesLoaded(dir: string, args: string[], stdout: 'pipe' | 'ignore' | number) {
  const list = join(tempDir(), 'modules.txt');
  const preload = join(tempDir(), 'list-modules.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
  const r = spawnSync(process.execPath, ['--require', preload, CLI, ...args], { cwd: ROOT, env: envFor(dir), stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules: readFileSync(list, 'utf8').split('\n') };
}

describe('output', () => {
  it('goes to a pipe, a file or /dev/null without loading the terminal module, net or streams', () => {
    const dir = home();
    const expected = ok(dir, ['progress']);
    expect(expected).toContain('Logged    0.5 h in 1 session');
    const file = join(tempDir(), 'out.txt');
    const fd = openSync(file, 'w');
    try {
      for (const stdout of ['pipe', fd, 'ignore'] as const) {
        for (const args of [['progress'], ['show'], ['progress', '--json'], ['--help']]) {
          const r = modulesLoaded(dir, args, stdout);
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
          // (Help asks process.stdout for the terminal's width: it may load them.)
          if (args[0] !== '--help') expect(r.modules.filter((m) => /^NativeModule (tty|net|stream|internal\/streams\/writable)$/.test(m))).toEqual([]);
        }
      }
    } finally {
      closeSync(fd);
    }
    // What went to the file is what a pipe gets: the last command written there was --help, after the others.
    const written = readFileSync(file, 'utf8');
    expect(written.startsWith(expected)).toBe(true);
    expect(written).toContain('Usage: ai-learn [options] [command]');
  });

  it('ends quietly when its reader goes away (`| head`)', async () => {
    const dir = home();
    for (const args of [['show'], ['progress'], ['--help']]) {
      const child = spawn(process.execPath, [CLI, ...args], { env: envFor(dir), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const [code] = await once(child, 'close');
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });

  it('is coloured, with bars, on a terminal, and plain elsewhere', () => {
    const dir = home();
    // script(1) (util-linux) runs the command on a pseudo-terminal.
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" progress`, '/dev/null'], { env: envFor(dir), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\u001b[1m');
    expect(r.stdout).toMatch(/[█░]{10}/);
    const plain = ok(dir, ['progress']);
    expect(plain).not.toContain('\u001b[');
    expect(plain).not.toMatch(/[█░]{10}/);
  });
});
