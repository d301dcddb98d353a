import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, ROOT, tempDir } from './helpers/cli.js';

// show's tree as a learner reads it: the title, each heading once where the
// section path changes (nested ones indented), each item under it with its
// status mark, number, text and kind, and items gone from the file under a
// heading of their own. Its layout is kept until the plan changes
// (src/store/plan-views.ts), so each case is read with the layout made
// afresh, kept from the read before, and with no view kept at all.

const READS = [
  ['afresh', { AI_LEARN_PLAN_CACHE: 'off', AI_LEARN_VIEW_CACHE: 'off' }],
  ['layout kept', { AI_LEARN_VIEW_CACHE: 'off' }],
  ['views kept', {}],
] as const;

describe('show', () => {
  it.each(READS)('prints each heading once, where the section path changes, with every item under it (%s)', (_, env) => {
    const home = tempDir();
    const file = join(tempDir(), 'tiny.md');
    writeFileSync(file, readFileSync(join(ROOT, 'test', 'fixtures', 'tiny.md'), 'utf8'));
    ok(home, ['import', file]);
    ok(home, ['done', '1']);
    ok(home, ['start', '4']);
    ok(home, ['skip', '6']);
    const show = (args: string[] = []) => ok(home, ['show', ...args], { env: { NO_COLOR: '1', ...env } });
    show(); // the layout a read keeps
    expect(show()).toBe(
      [
        'Tiny Study Plan',
        'Phase 1: Basics (Weeks 1-2)',
        '  Week 1: Tensors',
        '    [x] #1 Install PyTorch and run a matrix multiply on the GPU',
        '    [ ] #2 Read "Deep Residual Learning for Image Recognition" (2015) (reading)',
        '    [ ] #3 Write a two-layer network with autograd',
        '  Week 2: Training loops',
        '    [~] #4 Train a classifier on MNIST',
        '    [ ] #5 Plot the learning curve',
        '    [-] #6 The PyTorch tutorials (resource)',
        '  [ ] #7 Can explain why the loss went down (checkpoint)',
        'Phase 2: Optional: Extras (Weeks 3-4)',
        '  [ ] #8 Try mixed precision training',
        '',
      ].join('\n'),
    );
    // Two items gone from the file: kept for their history, shown with --removed under a heading of their own.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('- [ ] Plot the learning curve\n', '').replace('- [ ] Install PyTorch and run a matrix multiply on the GPU\n', ''));
    ok(home, ['import', file]);
    show(['--removed']);
    const removed = show(['--removed']).split('\n');
    expect(removed.slice(-4)).toEqual([
      '(removed from the roadmap file)',
      '  [x] #1 Install PyTorch and run a matrix multiply on the GPU',
      '  [ ] #5 Plot the learning curve',
      '',
    ]);
    expect(removed.filter((line) => line === '  Week 2: Training loops')).toHaveLength(1);
    expect(show()).not.toContain('removed from the roadmap file');
  });
});
