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
    out: (t) => out.push(typeof t === 'string' ? t : Buffer.from(t).toString('utf8')),
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
  it('on a terminal asks which roadmap, the start and the hours; empty answers take the defaults', async () => {
    const { ctx, out, asked } = scripted(['', '', '']);
    await run(ctx, { args: [], opts: {}, name: 'init' });
    expect(asked).toEqual([
      'Number, or the path or URL of your own markdown roadmap [1]: ',
      'Start date, YYYY-MM-DD [today]: ',
      "Hours per week [the roadmap's own pace]: ",
    ]);
    expect(out).toContain('  1. AI Engineer in 9 Months (built in)');
    expect(progressView(ctx).roadmap).toBe('AI Engineer in 9 Months');
  });

  it('takes a path, a start date and hours typed at the questions into the plan', async () => {
    const { ctx } = scripted([join(__dirname, '..', '..', 'test', 'fixtures', 'tiny.md'), '2026-03-09', '8']);
    await run(ctx, { args: [], opts: {}, name: 'init' });
    const view = progressView(ctx);
    expect(view.roadmap).toBe('Tiny Study Plan');
    expect(view.plan.start).toBe('2026-03-09');
    expect(view.plan.totalWeeks).toBe(1); // 4 h/week of work in 2 weeks, at 8 h/week
    expect(view.thisWeek).toBeNull(); // the plan has not started on 2 March
  });

  it('refuses a bad answer before storing anything', async () => {
    const { ctx } = scripted(['', 'next tuesday']);
    await expect(run(ctx, { args: [], opts: {}, name: 'init' })).rejects.toThrow('The start date is written YYYY-MM-DD, not "next tuesday".');
    expect(() => progressView(ctx)).toThrow(/No roadmap yet/);
  });

  it('with --demo asks nothing', async () => {
    const { ctx, asked } = scripted([]);
    await run(ctx, { args: [], opts: { demo: true }, name: 'init' });
    expect(asked).toEqual([]);
    expect(progressView(ctx).items.total).toBeGreaterThan(100);
  });
});
