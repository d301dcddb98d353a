import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import { PLAIN } from '../render/style.js';
import { run } from './init.js';
import { progressView } from './progress.js';

const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((h) => rmSync(h, { recursive: true, force: true })));

/** A context whose questions are answered from a script and whose output is collected. */
function scripted(answers: string[]) {
  const home = mkdtempSync(join(tmpdir(), 'ai-learn-init-'));
  homes.push(home);
  const out: string[] = [];
  const asked: string[] = [];
  const ctx: Context = {
    home,
    now: new Date(2026, 2, 2, 9),
    env: {},
    style: PLAIN,
    interactive: true,
    packageRoot: pathToFileURL(join(__dirname, '..', '..', '/')),
    out: (t) => out.push(t),
    err: (t) => out.push(t),
    readStdin: async () => Buffer.alloc(0),
    ask: async (q) => {
      asked.push(q);
      return answers.shift() ?? '';
    },
  };
  return { ctx, out, asked };
}

describe('init', () => {
  it('on a terminal asks which roadmap, and an empty answer takes the built-in one', async () => {
    const { ctx, out, asked } = scripted(['']);
    await run(ctx, { args: [], opts: {}, name: 'init' });
    expect(asked).toEqual(['Number, or the path or URL of your own markdown roadmap [1]: ']);
    expect(out).toContain('  1. AI Engineer in 9 Months (built in)');
    expect(progressView(ctx).roadmap).toBe('AI Engineer in 9 Months');
  });

  it('takes a path typed at the question', async () => {
    const { ctx } = scripted([join(__dirname, '..', '..', 'test', 'fixtures', 'tiny.md')]);
    await run(ctx, { args: [], opts: {}, name: 'init' });
    expect(progressView(ctx).roadmap).toBe('Tiny Study Plan');
  });

  it('with --demo asks nothing', async () => {
    const { ctx, asked } = scripted([]);
    await run(ctx, { args: [], opts: { demo: true }, name: 'init' });
    expect(asked).toEqual([]);
    expect(progressView(ctx).items.total).toBeGreaterThan(100);
  });
});
