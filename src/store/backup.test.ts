import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { BackupStage, stageBackupFile, writeBackup } from './backup.js';
import { openScratchDatabase, type DB } from './db.js';
import { BACKUP_SCHEMA } from './migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'ai-learn-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = '2026-01-05T08:00:00.000Z';
const item = (id: number, kind: string, text: string) => ({
  id,
  roadmap_id: 1,
  number: id,
  key: `item-${id}`,
  kind,
  text,
  section_json: '["Phase 1: Basics", "Week 1"]',
  group_label: id === 2 ? 'Papers' : null,
  week_start: 1,
  week_end: 2,
  effort_hours: 1.5,
  optional: 0,
  position: id,
  line: id + 3,
  extra_json: id === 3 ? '{"url":"https://example.org/a,b"}' : null,
  removed_at: null,
});
const event = (id: number, fields: Record<string, unknown>) => ({
  id,
  roadmap_id: 1,
  batch: id,
  item_id: null,
  type: 'session',
  status: null,
  minutes: null,
  day: '2026-01-06',
  note: null,
  ref: null,
  at,
  ...fields,
});

/** A small backup with every table, text needing escapes, and rows that refer to each other. */
const BACKUP = {
  format: 'ai-learn-backup',
  schema: 1,
  exportedAt: at,
  tables: {
    roadmaps: [
      { id: 1, name: 'r', title: 'R', source: 'r.md', content_hash: 'h', model_json: '{"title":"R"}', started_on: '2026-01-05', imported_at: at, updated_at: at },
    ],
    items: [item(1, 'task', 'Read "Attention Is All You Need"'), item(2, 'reading', 'Grüße, 語, 🦜'), item(3, 'project', 'Build, then ship],')],
    events: [
      event(1, { type: 'status', item_id: 1, status: 'done' }),
      event(2, { item_id: 2, minutes: 45, note: 'line one\nline two' }),
      event(3, { type: 'undo', ref: 1 }),
      event(4, { minutes: 30 }),
    ],
    settings: [{ key: 'current_roadmap', value: '1' }],
    plans: [
      { roadmap_id: 1, start_on: null, hours_per_week: 6, days_json: '["mon","wed"]', from_section: null, include_json: '[]', target_weeks: null, rest_days: 1, updated_at: at },
    ],
  },
};

type Outcome = { read: 'lines' | 'whole'; tables: Record<string, unknown[]> } | { error: string };

function dump(db: DB): Record<string, unknown[]> {
  const tables = ['roadmaps', 'items', 'events', 'settings', 'plans'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

/** Stages `text` as `restore` does; the rows staged, or the sentence it was refused with. */
function staged(text: string): Outcome {
  const file = join(dir, 'backup.json');
  writeFileSync(file, text);
  const db = openScratchDatabase();
  try {
    const stage = new BackupStage(db, 'backup.json');
    const read = db.transaction(() => stageBackupFile(file, stage))();
    return { read, tables: dump(db) };
  } catch (error) {
    if (error instanceof UserError) return { error: error.message };
    throw error;
  } finally {
    db.close();
  }
}

/** The backup as `export --format json` lays it out: one row to a line. */
function exported(): string {
  const source = staged(JSON.stringify(BACKUP));
  if ('error' in source) throw new Error(source.error);
  const db = openScratchDatabase();
  try {
    for (const [table, rows] of Object.entries(source.tables)) {
      for (const row of rows as Record<string, unknown>[]) {
        db.prepare(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((c) => `@${c}`).join(', ')})`).run(row);
      }
    }
    let text = '';
    writeBackup(db, at, (piece) => (text += piece));
    return text;
  } finally {
    db.close();
  }
}

/** The lines with one table given twice (JSON.parse keeps the second): with its rows again, or `empty`. */
function repeatTable(lines: string[], at: number, empty: boolean): string[] {
  const openers = lines.flatMap((line, i) => (/^"[a-z_]+":\[$/.test(line) ? [i] : []));
  if (openers.length === 0) return lines;
  const start = openers[at % openers.length]!;
  const end = lines.findIndex((line, i) => i > start && line.startsWith(']'));
  if (end < 0) return lines;
  const block = empty ? [lines[start]!, lines[end]!] : lines.slice(start, end + 1);
  return [...lines.slice(0, end), '],', ...block, ...lines.slice(end + 1)];
}

describe('staging a backup', () => {
  const layout = exported();

  it('reads the layout export writes a line at a time, and any other layout whole, to the same rows', () => {
    expect(JSON.parse(layout)).toMatchObject({ format: 'ai-learn-backup', schema: BACKUP_SCHEMA });
    const lines = staged(layout);
    expect(lines).toMatchObject({ read: 'lines' });
    expect(layout.split('\n').length).toBeGreaterThan(12); // one row to a line
    const whole = staged(JSON.stringify(JSON.parse(layout), null, 2));
    expect(whole).toMatchObject({ read: 'whole' });
    if ('error' in lines || 'error' in whole) throw new Error('refused');
    expect(lines.tables).toEqual(whole.tables);
    expect((lines.tables.items as { text: string }[]).map((i) => i.text)).toEqual(BACKUP.tables.items.map((i) => i.text));
  });

  it('takes from a changed or damaged layout exactly what JSON.parse takes, or refuses it', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ op: fc.constant('comma' as const), at: fc.nat() }),
      fc.record({
        op: fc.constant('insert' as const),
        at: fc.nat(),
        line: fc.constantFrom('"items":[', '"extra":[', '"settings":[', '],', ']}}', ']', '', ' ', '{}', '{"key":"x","value":"y"}', '{"key":"x","value":"y"},', 'null,'),
      }),
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), empty: fc.boolean() }),
      fc.record({
        op: fc.constant('edit' as const),
        at: fc.nat(),
        from: fc.constantFrom('"kind":"task"', '"item_id":2', '"id":3', '"ref":1', '"schema":', ',"'),
        to: fc.constantFrom('"kind":"homework"', '"item_id":9', '"id":2', '"ref":7', '"schema":9', ', "', ''),
      }),
    );
    let byLines = 0;
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 3 }), (mutations) => {
        let lines = layout.split('\n');
        for (const m of mutations) {
          const i = m.at % lines.length;
          if (m.op === 'delete') lines.splice(i, 1);
          else if (m.op === 'duplicate') lines.splice(i, 0, lines[i]!);
          else if (m.op === 'swap') [lines[i], lines[m.to % lines.length]] = [lines[m.to % lines.length]!, lines[i]!];
          else if (m.op === 'comma') lines[i] = lines[i]!.endsWith(',') ? lines[i]!.slice(0, -1) : `${lines[i]},`;
          else if (m.op === 'insert') lines.splice(i, 0, m.line);
          else if (m.op === 'truncate') lines = lines.join('\n').slice(0, m.at % (layout.length + 1)).split('\n');
          else if (m.op === 'cut') lines = lines.slice(0, i); // at a line's start: no final newline
          else if (m.op === 'repeat') lines = repeatTable(lines, m.at, m.empty);
          else lines[i] = lines[i]!.replace(m.from, m.to);
          if (lines.length === 0) lines = ['']; // an empty text, as split gives it
        }
        const text = lines.join('\n');
        const got = staged(text);
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          expect(got).toHaveProperty('error'); // not JSON: never taken
          return;
        }
        const want = staged(JSON.stringify(json)); // one line: read whole
        if ('error' in want) {
          expect(got).toEqual(want); // the same sentence
        } else {
          expect(got).toHaveProperty('tables', want.tables);
          if ((got as { read: string }).read === 'lines') byLines++;
        }
      }),
      { numRuns: 600 },
    );
    expect(byLines).toBeGreaterThan(10); // the property did test the line reader, not only the fallback
  });
});
