import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, ok, ROOT, SEEDS, tempDir } from './helpers/cli.js';

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

    // Back in the file as it was (its row unchanged but for being removed): live again, with its number and status.
    writeFileSync(file, V1);
    expect(json(home, ['import', file]).matched).toContainEqual({ number: 3, how: 'same', text: 'Summarize the batch norm paper in one page', was: 'Summarize the batch norm paper in one page' });
    expect(json<any[]>(home, ['show']).find((i) => i.number === 3)).toMatchObject({ text: 'Summarize the batch norm paper in one page', status: 'done' });
  });
});

describe('statuses the roadmap file gives', () => {
  /** number → status, as `show` reports them. */
  const statuses = (home: string) => Object.fromEntries(json<any[]>(home, ['show']).map((i) => [i.number, i.status]));
  const write = (file: string, lines: string[]) => writeFileSync(file, ['# Marks Plan', '', '## Week 1', ...lines, ''].join('\n'));

  it('follow the file while the learner has not set them, and a file without marks resets nothing', () => {
    const home = tempDir();
    const file = join(tempDir(), 'plan.md');
    write(file, ['- [ ] Read the attention paper _(in progress)_', '- [ ] Skim the appendix _(skipped)_', '- [x] Set up the GPU box', '- [ ] Write the summary']);
    ok(home, ['import', file]);
    expect(statuses(home)).toEqual({ 1: 'doing', 2: 'skipped', 3: 'done', 4: 'todo' });
    // Importing ticked boxes is no study: the chain has not started.
    expect(json(home, ['progress']).streak.current).toBe(0);

    // The learner finishes item 4 here; the file then ticks item 1 and notes item 4 as skipped.
    ok(home, ['done', '4']);
    write(file, ['- [x] Read the attention paper', '- [ ] Skim the appendix _(skipped)_', '- [x] Set up the GPU box', '- [ ] Write the summary _(skipped)_']);
    ok(home, ['import', file]);
    expect(statuses(home)).toEqual({ 1: 'done', 2: 'skipped', 3: 'done', 4: 'done' });

    // A fresh copy of the roadmap, every box empty, takes nothing away.
    write(file, ['- [ ] Read the attention paper', '- [ ] Skim the appendix', '- [ ] Set up the GPU box', '- [ ] Write the summary']);
    ok(home, ['import', file]);
    expect(statuses(home)).toEqual({ 1: 'done', 2: 'skipped', 3: 'done', 4: 'done' });
  });

  it("take a status only from an export's own note: a learner's \"(In progress)\" stays part of the text", () => {
    const home = tempDir();
    const file = join(tempDir(), 'plan.md');
    write(file, [
      '- [ ] Fine-tune a small model (In progress)',
      '- [ ] Read the survey (in progress)',
      '- [ ] Tune the learning rate _(In progress)_',
      '- [ ] Build the demo *(skipped)*',
    ]);
    ok(home, ['import', file]);
    expect(json<any[]>(home, ['show']).map((i) => [i.text, i.status])).toEqual([
      ['Fine-tune a small model (In progress)', 'todo'],
      ['Read the survey (in progress)', 'todo'],
      ['Tune the learning rate (In progress)', 'todo'],
      ['Build the demo', 'skipped'],
    ]);
  });
});

const FIXTURES = join(ROOT, 'test', 'fixtures');
const files = [
  ...readdirSync(SEEDS).map((f) => join(SEEDS, f)),
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(FIXTURES, f)),
];

describe('importing another version of a file', () => {
  /** What the file says of each live item (all but its id and number), in document order. */
  const fromFile = (home: string) => {
    const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
    const rows = db
      .prepare(
        `SELECT key, kind, text, section_json, group_label, week_start, week_end, effort_hours, optional, position, line, extra_json
         FROM items WHERE removed_at IS NULL AND roadmap_id = (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'current') ORDER BY position, number`,
      )
      .all();
    db.close();
    return rows;
  };
  const later = { now: '2026-03-03T09:00:00' };

  // Every line moved down (each item's line changes), then another roadmap's text (most items
  // added or removed, some matched by their words): every live item reads as a fresh import of the text.
  it.each(files)('stores what the new text says of every item, as importing it afresh does: %s', (file) => {
    const text = readFileSync(file, 'utf8');
    const other = readFileSync(files[(files.indexOf(file) + 1) % files.length]!, 'utf8');
    const home = tempDir();
    const path = join(tempDir(), 'roadmap.md');
    writeFileSync(path, text);
    ok(home, ['import', path]);
    for (const version of [`\n\n${text}`, other]) {
      writeFileSync(path, version);
      ok(home, ['import', path], later);
      const fresh = tempDir();
      ok(fresh, ['import', path], later);
      expect(fromFile(home)).toEqual(fromFile(fresh));
    }
  });
});

describe('importing an unchanged file again', () => {
  /** Makes the stored roadmaps look read by another build, as after an upgrade: the next import reads the file. */
  const forget = (home: string) => {
    const db = new Database(join(home, 'ai-learn.db'));
    db.prepare("UPDATE roadmaps SET content_hash = 'another-build'").run();
    db.close();
  };
  // A day after the first import: an import that reads the file again stores the roadmap's new time.
  const later = { now: '2026-03-03T09:00:00' };
  const importAgain = (home: string, file: string) => ({
    text: ok(home, ['import', file], later),
    json: json(home, ['import', file], later),
    dryRun: ok(home, ['import', file, '--dry-run'], later),
  });

  it.each(files)('reports what reading it again reports, and stores nothing: %s', (file) => {
    const home = tempDir();
    ok(home, ['import', file]);
    ok(home, ['log', '30m']);
    const stored = ok(home, ['export']);
    const again = importAgain(home, file);
    // Nothing written: an import that reads the file updates every item and the roadmap's time.
    expect(ok(home, ['export'])).toBe(stored);
    forget(home);
    const read = importAgain(home, file);
    expect(again).toEqual(read);
    expect(again.json.matched.every((m: any) => m.how === 'same')).toBe(true);
    expect(again.text).toMatch(/^Updated [a-z0-9-]+: \d+ unchanged, 0 moved or edited, 0 reworded, 0 added, 0 removed\.\n/);
  });

  it('makes the roadmap current, and reads the file once it changes, or under another name', () => {
    const home = tempDir();
    const dir = tempDir();
    const first = join(dir, 'first.md');
    const second = join(dir, 'second.md');
    writeFileSync(first, V1);
    writeFileSync(second, '# Second Plan\n\n## Week 1\n- [ ] Read the scaling laws paper\n');
    ok(home, ['import', first]);
    ok(home, ['import', second]);
    expect(json(home, ['progress']).name).toBe('second-plan');
    const stored = ok(home, ['export']);
    expect(ok(home, ['import', first, '--dry-run'], later)).toContain('Nothing was stored (--dry-run).');
    expect(json(home, ['progress']).name).toBe('second-plan');
    ok(home, ['import', first], later);
    expect(json(home, ['progress']).name).toBe('reading-group-plan');
    // Only the current roadmap changed.
    const besidesCurrent = (backup: string) => backup.replace(/\{"key":"current","value":"\d+"\}/, '');
    expect(besidesCurrent(ok(home, ['export']))).toBe(besidesCurrent(stored));
    expect(ok(home, ['export'])).not.toBe(stored);

    // A file edited since is read: its new item is added.
    writeFileSync(first, `${V1}- [ ] Quantize the model to int8\n`);
    expect(json(home, ['import', first]).added).toEqual([{ key: expect.any(String), text: 'Quantize the model to int8' }]);
    expect(json(home, ['import', first]).added).toEqual([]);

    // The same text from another path is another source: the file is read, and the roadmap follows the new path.
    const moved = join(dir, 'moved.md');
    copyFileSync(first, moved);
    const before = ok(home, ['export']);
    expect(json(home, ['import', moved, '--name', 'reading-group-plan']).matched.every((m: any) => m.how === 'same')).toBe(true);
    expect(ok(home, ['export'])).not.toBe(before);
    const after = ok(home, ['export']);
    ok(home, ['import', moved, '--name', 'reading-group-plan'], later);
    expect(ok(home, ['export'])).toBe(after);
  });
});
