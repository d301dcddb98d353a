import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemTexts, loadNext, loadPlanState, loadPlanTable, MANY_TEXTS, metaOf, nextOfTable, pictureOf } from '../src/commands/_plan.js';
import { commit } from '../src/commands/_store.js';
import type { Context } from '../src/context.js';
import { run as show } from '../src/commands/show.js';
import { markerViews } from '../src/plan/milestones.js';
import { codes, fit, PLAIN, STATUS_MARK, type Style } from '../src/render/style.js';
import { sectionTitles } from '../src/plan/schedule.js';
import { loadEstimates, loadEvents, type NewEvent, type Status } from '../src/store/events.js';
import { highestNumber, loadItems, markItemRemoved, textOf } from '../src/store/items.js';
import { SCHEMA_VERSION } from '../src/store/migrations.js';
import { NO_SETTINGS, savePlanSettings } from '../src/store/plans.js';
import { listRoadmaps, setSetting } from '../src/store/roadmaps.js';
import { loadState } from '../src/store/snapshots.js';
import { json, ok, ROOT, run, seed, tempDir } from './helpers/cli.js';

// progress, today, milestones and roadmaps read a roadmap's plan as a table
// (src/plan/table.ts), and show lays out its tree, once for every value of
// the plan counter (schema 9: triggers on the roadmaps, items, plan settings,
// and on events other than sessions, statuses, clocks and notes): both are
// kept in the database (src/store/plan-views.ts). A kept table must always be
// the one a schedule made now would give, and a kept layout, marked with the
// statuses of now, the tree as printed now.

const NOW = '2026-04-20T09:00:00';
const STATUSES: Status[] = ['todo', 'doing', 'done', 'skipped'];

describe('the kept plan table and tree layout', () => {
  it('are what a schedule and a layout made now give, after any write: statuses, sessions, estimates, undos, plan settings, removed items', async () => {
    const home = tempDir();
    for (const n of ['000', '002', '004']) ok(home, ['import', seed(n)], { now: '2026-03-02T09:00:00' });
    ok(home, ['import', join(ROOT, 'test', 'fixtures', 'course-table.md')], { now: '2026-03-02T09:00:00' });
    const db = new Database(join(home, 'ai-learn.db'));
    const ctx = { home, now: new Date(NOW), env: {} } as unknown as Context;
    const afresh = { ...ctx, env: { AI_LEARN_PLAN_CACHE: 'off' } } as unknown as Context;
    const when = { at: `${NOW}.000Z`, day: NOW.slice(0, 10) };
    const kept = (like: string) => db.prepare('SELECT name, revision FROM plan_views WHERE name LIKE ? ORDER BY name').all(like);
    // show's tree as printed, with a layout kept or made now (and no view: a read after a change), for a style.
    const shown = async (env: Record<string, string>, style: Style, removed: boolean, json = false) => {
      const out: (string | Uint8Array)[] = [];
      const c = { ...ctx, style, env: { AI_LEARN_VIEW_CACHE: 'off', ...env }, out: (text: string | Uint8Array) => out.push(text) } as unknown as Context;
      await show(c, { args: [], opts: { removed, json }, name: 'show' });
      return out.map((text) => Buffer.from(text).toString('utf8')).join('\n');
    };
    // What the tree must print, checked against show --json (statuses from the whole derived state, another path).
    const expectTree = async (removed: boolean) => {
      const items = JSON.parse(await shown({}, PLAIN, removed, true)) as { number: number; status: Status }[];
      const wide = await shown({}, PLAIN, removed);
      const marks = wide.split('\n').flatMap((line) => {
        const m = /^ *\[(.)\] #(\d+) /.exec(line);
        return m ? [[Number(m[2]), m[1]]] : [];
      });
      expect(marks).toEqual(items.map((i) => [i.number, STATUS_MARK[i.status][1]]));
      // Narrower, every line but the title is cut to the width, marks too; in colour, done items are dimmed.
      expect(await shown({}, { ...PLAIN, width: 9 }, removed)).toBe(wide.split('\n').map((line, i) => (i === 0 ? line : fit(line, 9))).join('\n'));
      const colored = (await shown({}, { color: true, bars: true, width: 80 }, removed)).split('\n');
      expect(colored.map((line) => line.replace(/\u001b\[\d+m/g, ''))).toEqual(wide.split('\n'));
      const [dim, undim] = codes('dim');
      expect(colored.filter((line) => line.startsWith(dim) && line.endsWith(undim)).length).toBe(items.filter((i) => i.status === 'done').length);
    };
    const STYLES: Style[] = [
      { color: false, bars: false, width: 80 },
      { color: true, bars: true, width: 30 },
      { color: false, bars: false, width: 9 }, // cuts marks of nested items short
    ];
    try {
      const roadmaps = listRoadmaps(db);
      let reused = 0;
      let renewed = 0;
      let layoutsReused = 0;
      let textsReused = 0;
      const step = fc.oneof(
        fc.record({ kind: fc.constant('status' as const), item: fc.nat(), status: fc.constantFrom(...STATUSES) }),
        fc.record({ kind: fc.constant('session' as const), item: fc.nat(), minutes: fc.integer({ min: 5, max: 300 }) }),
        fc.record({ kind: fc.constant('estimate' as const), item: fc.nat(), minutes: fc.integer({ min: 10, max: 2000 }) }),
        fc.record({ kind: fc.constant('undo' as const), event: fc.nat() }),
        fc.record({ kind: fc.constant('plan' as const), hours: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }), include: fc.nat(), from: fc.option(fc.nat(), { nil: null }) }),
        fc.record({ kind: fc.constant('remove' as const), item: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.nat(roadmaps.length - 1), fc.array(step, { minLength: 1, maxLength: 6 }), fc.nat(STYLES.length - 1), fc.boolean(), async (pick, steps, look, removed) => {
          const roadmap = roadmaps[pick]!;
          setSetting(db, 'current', String(roadmap.id));
          try {
            loadPlanTable(db, ctx); // kept before the writes
          } catch {
            // The settings an earlier run left may make no plan.
          }
          await shown({}, STYLES[look]!, removed); // likewise
          loadItemTexts(db, ctx, roadmap.id); // and the items' texts
          for (const s of steps) {
            const items = loadItems(db, roadmap.id);
            const item = (k: number) => items[k % items.length]!.id;
            const events: NewEvent[] = [];
            if (s.kind === 'status') events.push({ type: 'status', itemId: item(s.item), status: s.status });
            if (s.kind === 'session') events.push({ type: 'session', itemId: item(s.item), minutes: s.minutes });
            if (s.kind === 'estimate') events.push({ type: 'estimate', itemId: item(s.item), minutes: s.minutes });
            if (s.kind === 'undo') {
              const log = loadEvents(db, roadmap.id).filter((e) => e.type !== 'undo');
              if (log.length > 0) events.push({ type: 'undo', ref: log[s.event % log.length]!.id });
            }
            commit(db, roadmap.id, events, when);
            if (s.kind === 'plan') {
              const titles = sectionTitles(metaOf(roadmap).sections);
              const title = (k: number) => titles[k % titles.length]!;
              const settings = { ...NO_SETTINGS, hoursPerWeek: s.hours, include: titles.length ? [title(s.include)] : [], fromSection: s.from === null || !titles.length ? null : title(s.from) };
              savePlanSettings(db, roadmap.id, settings, when.at);
            }
            if (s.kind === 'remove' && items.length > 5) markItemRemoved(db, item(s.item), when.at);
          }
          // The tree: marked with the statuses of now, whether its layout was kept or is made now.
          const layoutsBefore = JSON.stringify(kept('show:%'));
          expect(await shown({}, STYLES[look]!, removed)).toBe(await shown({ AI_LEARN_PLAN_CACHE: 'off' }, STYLES[look]!, removed));
          if (JSON.stringify(kept('show:%')) === layoutsBefore) layoutsReused++;
          await expectTree(removed);
          // The items' texts, kept or read now: each live item's own, none for a removed one's number.
          const textsBefore = JSON.stringify(kept('texts:%'));
          const texts = loadItemTexts(db, ctx, roadmap.id);
          if (JSON.stringify(kept('texts:%')) === textsBefore) textsReused++;
          const live = new Map(loadItems(db, roadmap.id).map((item) => [item.number, item.text]));
          for (let number = 0; number <= highestNumber(db, roadmap.id) + 1; number++) expect(textOf(texts, number)).toBe(live.get(number));
          const before = JSON.stringify(kept('table:%'));
          let table;
          try {
            table = loadPlanTable(db, ctx);
          } catch (error) {
            // A plan that cannot be made (--from a section left without items) is refused either way.
            expect(() => loadPlanTable(db, afresh)).toThrow((error as Error).message);
            return;
          }
          if (JSON.stringify(kept('table:%')) === before) reused++;
          else renewed++;
          expect(table).toEqual(loadPlanTable(db, afresh));
          // The table's efforts come from the estimates read alone: the same as the whole state's.
          const estimates = [...loadState(db, roadmap.id).items].flatMap(([id, s]) => (s.estimateHours === null ? [] : [[id, s.estimateHours] as const]));
          expect(loadEstimates(db, roadmap.id)).toEqual(new Map(estimates));
          // And what the views make of it: the headline numbers and the milestones.
          const v = loadPlanState(db, ctx);
          const picture = pictureOf(v, () => []);
          expect(picture).toEqual(pictureOf(loadPlanState(db, afresh), () => []));
          // What to do next, from the table's rows: the same as loadNext finds among the items (the plan's scope, document order).
          for (const count of [1, 3, 1000]) expect(nextOfTable(db, roadmap.id, v.table, picture.rowStatus, count)).toEqual(loadNext(db, count));
          expect([...markerViews(v.table, picture.rowStatus, v.today, 'milestone')]).toEqual([
            ...markerViews(loadPlanTable(db, afresh), picture.rowStatus, v.today, 'milestone'),
          ]);
        }),
        { numRuns: 120, seed: 20261201 },
      );
      // Both happened: tables read back after sessions and statuses, and made again after the rest.
      expect(reused).toBeGreaterThan(10);
      expect(renewed).toBeGreaterThan(10);
      expect(layoutsReused).toBeGreaterThan(10);
      expect(textsReused).toBeGreaterThan(10);
    } finally {
      db.close();
    }
  });

  it('is made again after a re-import, an estimate and its undo, and a plan change, and kept after a session', () => {
    const home = tempDir();
    const file = join(tempDir(), 'plan.md');
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'tiny.md'), 'utf8');
    writeFileSync(file, text);
    ok(home, ['import', file]);
    const progress = () => json(home, ['progress'], { now: NOW });
    const first = progress();
    const revision = () => {
      const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
      try {
        return db.prepare("SELECT revision FROM plan_views WHERE name LIKE 'table:%'").pluck().get();
      } finally {
        db.close();
      }
    };
    const kept = revision();
    ok(home, ['log', '30m'], { now: NOW });
    ok(home, ['done', '1'], { now: NOW });
    expect(progress().items.done).toBe(1);
    expect(revision(), 'a session and a status keep the table').toBe(kept);

    const effort = json<{ number: number; effortHours: number }[]>(home, ['show']).find((i) => i.number === 2)!.effortHours;
    ok(home, ['estimate', '2', '40h'], { now: NOW });
    expect(progress().hours.total).toBeCloseTo(first.hours.total - effort + 40, 1);
    ok(home, ['undo'], { now: NOW });
    expect(progress().hours.total).toBe(first.hours.total);
    ok(home, ['plan', '--hours', '1'], { now: NOW });
    expect(progress().plan.totalWeeks).toBeGreaterThan(first.plan.totalWeeks);

    expect(text).toContain('- [ ] Plot the learning curve\n');
    writeFileSync(file, text.replace('- [ ] Plot the learning curve\n', '- [ ] Plot the learning curve\n- [ ] One more task added later\n'));
    ok(home, ['import', file], { now: NOW });
    expect(progress().items.total).toBe(first.items.total + 1);
  });
});

describe("the items' texts kept (checkpoints and milestones)", () => {
  // What plan_views holds of the items' texts, and the items' count they are kept under.
  const keptTexts = (home: string) => {
    const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
    try {
      const items = db.prepare('SELECT items_n FROM plan_revision').pluck().get() as number;
      const view = db.prepare("SELECT revision, hex(data) AS data, hex(columns) AS columns FROM plan_views WHERE name = 'texts:1'").get();
      return { items, view };
    } finally {
      db.close();
    }
  };

  it('name each item a checkpoint waits on by its text of now, in any script, after a re-import rewords it; kept across plan changes', () => {
    const home = tempDir();
    const file = join(tempDir(), 'plan.md');
    // A checkpoint waiting on MANY_TEXTS items and more, so that --json reads the kept texts.
    const exercises = Array.from({ length: MANY_TEXTS }, (_, i) => `- [ ] Übung ${i + 1}: 練習`);
    const roadmap = (word: string) =>
      [
        '# Lernplan',
        '',
        '## Woche 1: Grundlagen',
        '',
        `- [ ] Lire « Attention » — ${word}`,
        '- [ ] 线性代数复习 🧮',
        '- [ ] Ünïcödé 𝛼𝛽 and plain',
        ...exercises,
        '',
        '**Checkpoint:** erklären, was 𝛼 ist',
        '',
        '## Woche 2: Weiter',
        '',
        '- [ ] Noch eine Aufgabe',
        '',
      ].join('\n');
    writeFileSync(file, roadmap('première'));
    ok(home, ['import', file], { now: NOW });
    const afresh = { now: NOW, env: { AI_LEARN_VIEW_CACHE: 'off' } };
    const made = { now: NOW, env: { AI_LEARN_VIEW_CACHE: 'off', AI_LEARN_PLAN_CACHE: 'off' } };
    const waiting = (at: typeof afresh) => json<{ text: string; waitsOn: { number: number; text: string }[] }[]>(home, ['checkpoints', '--json'], at);
    const texts = (list: ReturnType<typeof waiting>) => list.map((c) => c.waitsOn.map((w) => w.text));

    // The text lists name three items of the checkpoint: a query each, nothing kept.
    expect(ok(home, ['checkpoints'], afresh)).toBe(ok(home, ['checkpoints'], made));
    expect(keptTexts(home).view).toBeUndefined();
    const first = waiting(afresh); // names them all: reads the texts of every item, and keeps them
    expect(texts(first)).toEqual([['Lire « Attention » — première', '线性代数复习 🧮', 'Ünïcödé 𝛼𝛽 and plain', ...exercises.map((e) => e.slice(6))]]);
    const stored = keptTexts(home);
    expect(stored.view).toMatchObject({ revision: stored.items });
    expect(waiting(afresh)).toEqual(first); // read back
    expect(waiting(made)).toEqual(first);
    ok(home, ['done', '2'], { now: NOW });
    expect(waiting(afresh)[0]!.waitsOn.slice(0, 3).map((w) => w.number)).toEqual([1, 3, 4]);

    // An estimate, its undo and plan settings leave the items as they were: the texts stay kept.
    for (const write of [['estimate', '2', '40h'], ['undo'], ['plan', '--hours', '3']]) {
      ok(home, write, { now: NOW });
      waiting(afresh);
      expect(keptTexts(home), write.join(' ')).toEqual(stored);
    }

    writeFileSync(file, roadmap('deuxième'));
    ok(home, ['import', file], { now: NOW });
    expect(texts(waiting(afresh))[0]!.slice(0, 2)).toEqual(['Lire « Attention » — deuxième', 'Ünïcödé 𝛼𝛽 and plain']);
    expect(keptTexts(home).view).toMatchObject({ revision: keptTexts(home).items });
    expect(waiting(afresh)).toEqual(waiting(made));
    expect(ok(home, ['milestones'], afresh)).toBe(ok(home, ['milestones'], made));
  });
});

describe('the plan made ahead (src/commands/ahead.ts)', () => {
  // What plan_views holds, and the counters: the table is kept under the plan counter, show's layout under the items' count (schema 10).
  const inspect = (home: string) => {
    const db = new Database(join(home, 'ai-learn.db'), { readonly: true });
    try {
      const counters = db.prepare('SELECT n, items_n AS items FROM plan_revision').get() as { n: number; items: number };
      const views = db.prepare('SELECT name, revision, hex(data) AS data FROM plan_views ORDER BY name').all() as { name: string; revision: number; data: string }[];
      return { counters, views: new Map(views.map((v) => [v.name, v])) };
    } finally {
      db.close();
    }
  };

  it('is kept by the writes that change the plan, before any read: an import, an estimate, an undo, plan settings, another current roadmap', () => {
    const home = tempDir();
    const at = { now: NOW };
    ok(home, ['import', join(ROOT, 'test', 'fixtures', 'tiny.md')], at);
    const fresh = (args: string[]) => ok(home, args, { now: NOW, env: { AI_LEARN_PLAN_CACHE: 'off', AI_LEARN_VIEW_CACHE: 'off' } });
    // The table of the current roadmap (id 1), stored by the write itself under the plan counter it left.
    const tableKept = (id: number) => {
      const { counters, views } = inspect(home);
      expect(views.get(`table:${id}`)?.revision).toBe(counters.n);
    };
    tableKept(1);
    ok(home, ['show'], at); // lays out the tree, under the items' count
    const layout = () => inspect(home).views.get('show:1:live:80:plain');
    const laidOut = layout()!;
    expect(laidOut.revision).toBe(inspect(home).counters.items);

    for (const write of [['estimate', '2', '40h'], ['undo'], ['plan', '--hours', '3']]) {
      ok(home, write, at);
      tableKept(1);
      // An estimate, an undo or plan settings leave the items as they were: the layout is still the one kept.
      expect(layout(), write.join(' ')).toEqual(laidOut);
      expect(ok(home, ['progress'], at)).toBe(fresh(['progress']));
      expect(ok(home, ['show'], at)).toBe(fresh(['show']));
    }

    ok(home, ['import', seed('004')], at); // another roadmap, now the current one
    tableKept(2);
    ok(home, ['use', 'tiny-study-plan'], at);
    tableKept(1);
    expect(ok(home, ['today'], at)).toBe(fresh(['today']));
    // A session or a status change leaves the plan as it was: nothing is made again.
    const before = inspect(home).views.get('table:1');
    ok(home, ['log', '30m'], at);
    ok(home, ['done', '1'], at);
    expect(inspect(home).views.get('table:1')).toEqual(before);
  });

  it('is not made with AI_LEARN_PLAN_CACHE=off, and a plan that cannot be made leaves the write as it was and the error to the reads', () => {
    const home = tempDir();
    ok(home, ['import', join(ROOT, 'test', 'fixtures', 'tiny.md')], { now: NOW, env: { AI_LEARN_PLAN_CACHE: 'off' } });
    expect(inspect(home).views.size).toBe(0);

    // Plan settings no command would store (--from a section that is not there), as a hand-edited database could hold.
    const db = new Database(join(home, 'ai-learn.db'));
    try {
      db.prepare("INSERT INTO plans (roadmap_id, from_section, updated_at) VALUES (1, 'No such part', ?)").run(`${NOW}.000Z`);
    } finally {
      db.close();
    }
    const estimate = run(home, ['estimate', '2', '3h'], { now: NOW });
    expect(estimate).toMatchObject({ code: 0, stderr: '' });
    expect(estimate.stdout).toMatch(/^#2 .*: estimated at 3h/);
    expect(inspect(home).views.has('table:1')).toBe(false);
    // With --debug the reason is told, in the one sentence the reads give.
    const debug = run(home, ['estimate', '2', '4h', '--debug'], { now: NOW });
    expect(debug.code).toBe(0);
    expect(debug.stderr).toMatch(/^ai-learn: the plan was not made ahead: .*No such part.*\n$/);
    expect(debug.stderr.split('\n')).toHaveLength(2);
    const progress = run(home, ['progress'], { now: NOW });
    expect(progress.code).toBe(2);
    expect(progress.stderr).toContain('No such part');
  });
});

describe('schema 9', () => {
  it('adds the day each done item was finished to a format-4 statuses column, from its items column', () => {
    const home = tempDir();
    ok(home, ['import', seed('000')], { now: '2026-03-02T09:00:00' });
    ok(home, ['done', '1'], { now: '2026-03-03T09:00:00' });
    ok(home, ['done', '4'], { now: '2026-03-05T09:00:00' });
    ok(home, ['start', '2'], { now: '2026-03-05T09:00:00' });
    ok(home, ['skip', '3'], { now: '2026-03-06T09:00:00' });
    const file = join(home, 'ai-learn.db');
    let conn = new Database(file);
    const id = conn.prepare('SELECT id FROM roadmaps').pluck().get() as number;
    loadState(conn, id, 'always');
    const current = conn.prepare('SELECT statuses FROM snapshots').pluck().get() as string;
    const v5 = JSON.parse(current) as { done: number[]; doneOn: string[] };
    expect(v5.doneOn).toEqual(['2026-03-03', '2026-03-05']);
    // Back to schema 8: statuses of format 4, with a marker no replay gives (so a rebuild would show).
    const v4 = JSON.parse(current) as Record<string, unknown>;
    delete v4.doneOn;
    conn.prepare('UPDATE snapshots SET statuses = ?').run(JSON.stringify({ ...v4, v: 4 }));
    conn.prepare("UPDATE snapshots SET items = replace(items, '\"2026-03-05\"', '\"2026-03-04\"')").run();
    conn.exec('DELETE FROM schema_version WHERE version >= 9');
    for (const name of conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'plan\\_%' ESCAPE '\\'").pluck().all() as string[]) {
      conn.exec(`DROP TRIGGER ${name}`);
    }
    conn.exec('DROP TABLE plan_revision; DROP TABLE plan_views;');
    conn.close();

    ok(home, ['next'], { now: '2026-03-06T09:00:00' }); // opens the database, so migrates it
    conn = new Database(file);
    try {
      expect(conn.prepare('SELECT max(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
      const migrated = JSON.parse(conn.prepare('SELECT statuses FROM snapshots').pluck().get() as string) as Record<string, unknown>;
      // Taken from the (marked) items column, not replayed from the log.
      expect(migrated).toEqual({ ...JSON.parse(current), doneOn: ['2026-03-03', '2026-03-04'] });
    } finally {
      conn.close();
    }
  });
});
