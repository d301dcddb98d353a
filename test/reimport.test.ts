import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, ok, tempDir } from './helpers/cli.js';

const V1 = `# Reading Group Plan

## Part A: Foundations (Weeks 1-2)
- [ ] Derive the softmax gradient by hand
- [ ] Implement multi-head attention
- [ ] Summarize the batch norm paper in one page
- [ ] Compare SGD and Adam on a toy problem

## Part B: Practice (Weeks 3-4)
- [ ] Build a tokenizer from scratch
- [ ] Profile a training step
`;

// Part A renamed, one item reworded, one removed, two added.
const V2 = `# Reading Group Plan

## Part A: Core Foundations (Weeks 1-2)
- [ ] Derive the softmax gradient by hand
- [ ] Implement multi-head self-attention
- [ ] Compare SGD and Adam on a toy problem
- [ ] Write up what surprised you

## Part B: Practice (Weeks 3-4)
- [ ] Build a tokenizer from scratch
- [ ] Profile a training step
- [ ] Quantize the model to int8
`;

function setup() {
  const home = tempDir();
  const file = join(tempDir(), 'plan.md');
  writeFileSync(file, V1);
  ok(home, ['import', file]);
  ok(home, ['done', 'softmax gradient']);
  ok(home, ['start', 'multi-head attention']);
  ok(home, ['done', 'batch norm']);
  ok(home, ['log', '40m', 'tokenizer']);
  writeFileSync(file, V2);
  return { home, file };
}

describe('importing an edited roadmap again', () => {
  it('previews the diff with --dry-run and stores nothing', () => {
    const { home, file } = setup();
    const before = ok(home, ['export']);
    const out = ok(home, ['import', file, '--dry-run']);
    expect(out).toContain('Would update reading-group-plan:');
    expect(out).toContain('~ #2 "Implement multi-head attention" → "Implement multi-head self-attention" (progress kept)');
    expect(out).toContain('+ Write up what surprised you');
    expect(out).toContain('+ Quantize the model to int8');
    expect(out).toContain('- #3 Summarize the batch norm paper in one page (no longer in the file; its history is kept)');
    expect(out).toContain('Nothing was stored (--dry-run).');
    expect(ok(home, ['export'])).toBe(before);
  });

  it('keeps progress through a renamed heading and a rewording, reports removals, adds new items', () => {
    const { home, file } = setup();
    const result = json(home, ['import', file]);
    expect(result.action).toBe('updated');
    expect(result.added.map((a: any) => a.text)).toEqual(['Write up what surprised you', 'Quantize the model to int8']);
    expect(result.removed).toEqual([{ number: 3, text: 'Summarize the batch norm paper in one page' }]);

    const items = json<any[]>(home, ['show']);
    const byText = (t: string) => items.find((i) => i.text === t);
    expect(byText('Derive the softmax gradient by hand')).toMatchObject({ number: 1, status: 'done', section: ['Part A: Core Foundations (Weeks 1-2)'] });
    expect(byText('Implement multi-head self-attention')).toMatchObject({ number: 2, status: 'doing' });
    expect(byText('Compare SGD and Adam on a toy problem')).toMatchObject({ number: 4, status: 'todo' });
    expect(byText('Write up what surprised you')).toMatchObject({ number: 7, status: 'todo' });
    expect(byText('Quantize the model to int8')).toMatchObject({ number: 8 });
    expect(byText('Summarize the batch norm paper in one page')).toBeUndefined();

    // The removed item's history stays, visible on request; the session survives.
    const all = json<any[]>(home, ['show', '--removed']);
    expect(all.find((i) => i.number === 3)).toMatchObject({ status: 'done', removed: true });
    expect(json(home, ['progress']).hours.logged).toBe(0.7); // 40 minutes, shown to a tenth of an hour

    // Importing the same file again changes nothing.
    const again = json(home, ['import', file]);
    expect(again.added).toEqual([]);
    expect(again.removed).toEqual([]);
    expect(again.matched.every((m: any) => m.how === 'same')).toBe(true);
  });
});
