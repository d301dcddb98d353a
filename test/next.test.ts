import Database from 'better-sqlite3';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNext, loadPlanned, metaOf } from '../src/commands/_plan.js';
import { statusOf } from '../src/core/progress.js';
import { commit } from '../src/commands/_store.js';
import type { Context } from '../src/context.js';
import { sectionTitles } from '../src/plan/schedule.js';
import type { Status } from '../src/store/events.js';
import { loadItems, markItemRemoved } from '../src/store/items.js';
import { NO_SETTINGS, savePlanSettings } from '../src/store/plans.js';
import { listRoadmaps, setSetting } from '../src/store/roadmaps.js';
import { ok, ROOT, seed, tempDir } from './helpers/cli.js';

// `next` (and `progress`) find what to do without loading and scheduling the
// whole roadmap (loadNext). For the seeds and the fixtures, under random
// statuses, removed items and plans starting at any section and opting into
// any, it must list what the schedule plans, in progress first, or refuse
// with the sentence the schedule refuses with.

const STATUSES: Status[] = ['todo', 'doing', 'done', 'skipped'];
const FIXTURES = readdirSync(join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.md') && f !== 'large-checklist.md');

function answer(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

describe('next', () => {
  it('shows the item in progress first, then the items to do in order, skipping done and skipped ones', () => {
    const home = tempDir();
    ok(home, ['import', join(ROOT, 'test', 'fixtures', 'tiny.md')]);
    ok(home, ['done', '1']);
    ok(home, ['skip', '2']);
    ok(home, ['start', '4']);
    expect(ok(home, ['next', '--count', '3'], { env: { NO_COLOR: '1' } }).split('\n')).toEqual([
      '~ #4 task        Train a classifier on MNIST',
      '  #3 task        Write a two-layer network with autograd',
      '  #5 task        Plot the learning curve',
      '',
      'Mark it: ai-learn done 4',
      '',
    ]);
    expect(ok(home, ['next', '--count', '1'], { env: { NO_COLOR: '1' } })).toBe('~ #4 task        Train a classifier on MNIST\n\nMark it: ai-learn done 4\n');
  });

  it('lists the planned items in progress, then to do, for every roadmap, status, plan and count', () => {
    const home = tempDir();
    const now = '2026-03-20T09:00:00';
    for (const n of ['000', '001', '002', '003', '004']) ok(home, ['import', seed(n)], { now });
    for (const f of FIXTURES) ok(home, ['import', join(ROOT, 'test', 'fixtures', f)], { now });
    const db = new Database(join(home, 'ai-learn.db'));
    const ctx = { now: new Date(now) } as Context;
    const when = { at: `${now}Z`, day: now.slice(0, 10) };
    try {
      const roadmaps = listRoadmaps(db);
      expect(roadmaps.length).toBe(5 + FIXTURES.length);
      let compared = 0;
      let doing = 0;
      const run = fc.record({
        roadmap: fc.nat(roadmaps.length - 1),
        statuses: fc.array(fc.record({ item: fc.nat(), status: fc.constantFrom(...STATUSES) }), { maxLength: 40 }),
        removed: fc.array(fc.nat(), { maxLength: 2 }),
        from: fc.option(fc.nat(), { nil: null }),
        include: fc.array(fc.nat(), { maxLength: 3 }),
        count: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(500)),
      });
      fc.assert(
        fc.property(run, (r) => {
          const roadmap = roadmaps[r.roadmap]!;
          setSetting(db, 'current', String(roadmap.id));
          const items = loadItems(db, roadmap.id);
          const events = r.statuses.map((s) => ({ type: 'status' as const, itemId: items[s.item % items.length]!.id, status: s.status }));
          commit(db, roadmap.id, events, when);
          // An item the file no longer holds keeps its status, and must not be shown.
          if (items.length > 5) for (const k of r.removed) markItemRemoved(db, items[k % items.length]!.id, when.at);
          const titles = sectionTitles(metaOf(roadmap).sections);
          const pick = (k: number) => titles[k % titles.length]!;
          const settings = titles.length === 0 ? NO_SETTINGS : { ...NO_SETTINGS, fromSection: r.from === null ? null : pick(r.from), include: r.include.map(pick) };
          savePlanSettings(db, roadmap.id, settings, when.at);
          const fast = answer(() => loadNext(db, r.count));
          // What the schedule plans, in document order: the items in progress, then those to do.
          const whole = answer(() => {
            const p = loadPlanned(db, ctx);
            const planned = p.items.filter((i) => p.plan.items.has(i.id));
            const withStatus = (s: Status) =>
              planned.filter((i) => statusOf(i, p.state) === s).map((i) => ({ number: i.number, text: i.text, kind: i.kind, status: s }));
            return [...withStatus('doing'), ...withStatus('todo')].slice(0, r.count);
          });
          expect(fast).toEqual(whole);
          compared++;
          if (Array.isArray(fast) && fast.some((x: { status: string }) => x.status === 'doing')) doing++;
        }),
        { numRuns: 150, seed: 20261201 },
      );
      // The runs covered lists with items in progress, not only empty or refused ones.
      expect(compared).toBe(150);
      expect(doing).toBeGreaterThan(20);
    } finally {
      db.close();
    }
  });
});
