import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ItemKind } from '../roadmap/model.js';
import type { PlanItem } from '../store/items.js';
import { NO_SETTINGS } from '../store/plans.js';
import { schedule, type RoadmapMeta } from './schedule.js';
import { planTableOf } from './table.js';

/** Each row of a marker's [from, to) pairs. */
function rowsOf(runs: readonly number[]): number[] {
  const rows: number[] = [];
  for (let i = 0; i < runs.length; i += 2) for (let row = runs[i]!; row < runs[i + 1]!; row++) rows.push(row);
  return rows;
}

const META: RoadmapMeta = {
  title: 'Test',
  hoursPerWeek: { min: 5, max: 5 },
  projectHoursPerWeek: null,
  totalWeeks: null,
  sections: [],
  rhythm: [],
  milestones: [],
  targets: [],
  warnings: [],
};

const KINDS: ItemKind[] = ['task', 'reading', 'checkpoint', 'milestone', 'deliverable'];

/** Items in document order, each under one of a few section paths (shared arrays, as loadItems gives them, or copies). */
const roadmapItems = fc
  .array(
    fc.record({
      path: fc.nat(5),
      copy: fc.boolean(),
      kind: fc.constantFrom(...KINDS),
      weeks: fc.option(fc.record({ start: fc.integer({ min: 1, max: 4 }), span: fc.nat(2) }), { nil: null }),
      effort: fc.integer({ min: 0, max: 8 }),
    }),
    { maxLength: 60 },
  )
  .map((drafts) => {
    const paths = [['A'], ['A', 'Week 1'], ['A', 'Week 1', 'Milestones'], ['A', 'Week 2'], ['B'], ['B', 'Checkpoint']];
    return drafts.map(
      (d, i): PlanItem => ({
        id: 100 + i,
        number: i + 1,
        kind: d.kind,
        text: `item ${i + 1}`,
        section: d.copy ? [...paths[d.path]!] : paths[d.path]!,
        weeks: d.weeks && { start: d.weeks.start, end: d.weeks.start + d.weeks.span },
        effortHours: d.effort,
        optional: false,
        position: i + 1,
      }),
    );
  });

describe('planTableOf', () => {
  it('has a checkpoint or milestone item wait on the rest of its part of the roadmap: every other kind of item under its section (a trailing label such as "Milestones" left out)', () => {
    fc.assert(
      fc.property(roadmapItems, (items) => {
        const plan = schedule({ meta: META, items, settings: NO_SETTINGS, defaultStart: '2026-03-02' });
        const table = planTableOf(plan, items, (i) => i.effortHours);
        for (const marker of table.markers) {
          const item = items[marker.row!]!;
          const scope = [...item.section];
          while (scope.length > 0 && /milestone|checkpoint|deliverable/i.test(scope.at(-1)!)) scope.pop();
          const expected = items.flatMap((other, row) =>
            row !== marker.row && other.kind !== item.kind && scope.every((title, k) => other.section[k] === title) ? [row] : [],
          );
          expect(rowsOf(marker.before)).toEqual(expected);
          expect(marker.text).toBe(item.text);
        }
        expect(table.markers.map((m) => m.row).sort((a, b) => a! - b!)).toEqual(
          items.flatMap((item, row) => (item.kind === 'checkpoint' || item.kind === 'milestone' ? [row] : [])),
        );
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});

describe('schedule', () => {
  it('lists each week\'s items in the order of their positions, even when they are handed over in another order', () => {
    fc.assert(
      fc.property(roadmapItems, fc.nat(), (items, seed) => {
        // The same items, handed over in a shuffled order.
        const shuffled = [...items].sort((a, b) => ((a.number * 7919 + seed) % 101) - ((b.number * 7919 + seed) % 101) || a.number - b.number);
        const plan = schedule({ meta: META, items: shuffled, settings: NO_SETTINGS, defaultStart: '2026-03-02' });
        const position = new Map(items.map((i) => [i.number, i.position]));
        for (const week of plan.weeks) {
          const positions = week.items.map((n) => position.get(n)!);
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
        }
        expect([...plan.items.keys()]).toEqual(items.map((i) => i.id));
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });
});
