import type { Context } from '../context.js';
import { localDay, type Day } from '../core/dates.js';
import { computeProgress, effortOf, statusOf, takeNext, type NextItem, type ProgressData } from '../core/progress.js';
import type { DerivedState } from '../core/state.js';
import { computeChain, type Chain } from '../plan/chain.js';
import { forecast, standing, type Forecast, type Standing, type TrackInput } from '../plan/forecast.js';
import { noItemsFrom, planFrame, planScope, schedule, type Plan, type PlanFrame, type RoadmapMeta } from '../plan/schedule.js';
import type { DB } from '../store/db.js';
import { firstPositionUnder, itemHeads, loadItems, type ItemHead, type StoredItem } from '../store/items.js';
import { loadPlanSettings, type PlanSettings } from '../store/plans.js';
import type { RoadmapRow } from '../store/roadmaps.js';
import { loadDays, loadState, loadStatuses } from '../store/snapshots.js';
import { requireRoadmap, type Tracked } from './_store.js';

export interface Planned extends Tracked {
  meta: RoadmapMeta;
  settings: PlanSettings;
  plan: Plan;
  today: Day;
  track: TrackInput;
}

/** What the roadmap file said besides its items (title, schedule, rhythm, milestones), as stored at import. */
export function metaOf(roadmap: RoadmapRow): RoadmapMeta {
  return JSON.parse(roadmap.modelJson) as RoadmapMeta;
}

/** A roadmap (the current one by default) with its state and its dated plan. */
export function loadPlanned(db: DB, ctx: Context, options: { roadmap?: RoadmapRow; settings?: PlanSettings } = {}): Planned {
  const roadmap = options.roadmap ?? requireRoadmap(db);
  const items = loadItems(db, roadmap.id);
  const state = loadState(db, roadmap.id);
  const meta = metaOf(roadmap);
  const settings = options.settings ?? loadPlanSettings(db, roadmap.id);
  const effort = (item: StoredItem) => effortOf(item, state);
  const plan = schedule({ meta, items, settings, defaultStart: roadmap.startedOn, effortOf: effort });
  const today = localDay(ctx.now);
  const minutesByDay = state.minutesByDay;
  const track: TrackInput = {
    plan,
    items,
    statusOf: (item) => statusOf(item, state),
    doneOn: (item) => {
      const s = state.items.get(item.id);
      return s?.status === 'done' ? s.sinceDay : null;
    },
    effortOf: effort,
    minutesByDay,
    today,
  };
  return { roadmap, items, state, meta, settings, plan, today, track };
}

/** The chain of study days: it needs the plan's frame (start, study days, rest days) and the days studied, no items. */
export function chainOf(p: { state: Pick<DerivedState, 'studyDays'>; plan: PlanFrame; today: Day }): Chain {
  return computeChain({
    studied: p.state.studyDays,
    days: p.plan.days,
    anchor: p.plan.start,
    today: p.today,
    restDays: p.plan.restDays,
  });
}

/**
 * The current roadmap's chain without loading or scheduling its items, which
 * at 10,000 items is most of what a read costs, or reading their state.
 */
export function loadChain(db: DB, ctx: Context): Chain {
  const roadmap = requireRoadmap(db);
  const meta = metaOf(roadmap);
  const plan = planFrame(meta, loadPlanSettings(db, roadmap.id), roadmap.startedOn);
  return chainOf({ state: loadDays(db, roadmap.id), plan, today: localDay(ctx.now) });
}

/**
 * What to do next in the current roadmap, as `progress` shows it: the items
 * in progress, then the items to do, each in document order, among those
 * the plan covers. Nothing is scheduled (the plan's scope needs only the
 * learner's `--include` and `--from` sections), and only the items needed
 * are read: those in progress, then the roadmap in order until enough to do
 * are found. At 10,000 items `next` then reads a few rows instead of every
 * item and its schedule (README: Performance).
 */
export function loadNext(db: DB, count: number): NextItem[] {
  const roadmap = requireRoadmap(db);
  const scope = planScope(metaOf(roadmap), loadPlanSettings(db, roadmap.id));
  const from = scope.from === null ? null : firstPositionUnder(db, roadmap.id, scope.from);
  if (scope.from !== null && from === null) throw noItemsFrom(scope.from);
  const statuses = loadStatuses(db, roadmap.id);
  const inPlan = function* (items: Iterable<ItemHead>) {
    for (const item of items) if (!item.optional || scope.optedInto(item)) yield item;
  };
  const status = (item: ItemHead) => statuses.get(item.id) ?? 'todo';
  const doing: number[] = [];
  statuses.forEach((s, id) => {
    if (s === 'doing') doing.push(id);
  });
  const next: NextItem[] = [];
  if (doing.length > 0) takeNext(next, inPlan(itemHeads(db, roadmap.id, { from, ids: doing })), 'doing', status, count);
  takeNext(next, inPlan(itemHeads(db, roadmap.id, { from })), 'todo', status, count);
  return next;
}

export interface Picture {
  progress: ProgressData;
  chain: Chain;
  standing: Standing;
  forecast: Forecast;
}

/** Everything the headline views show, computed once. */
export function pictureOf(p: Planned, nextCount = 3): Picture {
  const chain = chainOf(p);
  const progress = computeProgress({
      name: p.roadmap.name,
      title: p.roadmap.title,
      items: p.items,
      state: p.state,
      inScope: (item) => p.plan.items.has(item.id),
      chain,
      today: p.today,
      nextCount,
    });
  return { progress, chain, standing: standing(p.track), forecast: forecast(p.track) };
}
