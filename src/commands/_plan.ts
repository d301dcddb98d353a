import type { Context } from '../context.js';
import { localDay, type Day } from '../core/dates.js';
import { computeProgress, effortOf, takeNext, type NextItem, type ProgressData } from '../core/progress.js';
import type { DerivedState, Tracking } from '../core/state.js';
import { computeChain, type Chain } from '../plan/chain.js';
import { forecast, standing, type Forecast, type Standing } from '../plan/forecast.js';
import { noItemsFrom, planFrame, planScope, schedule, type Plan, type PlanFrame, type RoadmapMeta } from '../plan/schedule.js';
import { planTableOf, statusesByRow, type PlanTable } from '../plan/table.js';
import type { DB } from '../store/db.js';
import { loadEstimates, type Status } from '../store/events.js';
import { firstPositionUnder, itemHeads, itemLabels, loadItems, loadPlanItems, readItemTexts, textOf, type ItemHead, type ItemTexts, type PlanItem } from '../store/items.js';
import { ITEM_TEXTS, keptUnderPlan, PLAN_TABLE } from '../store/plan-views.js';
import { loadPlanSettings, type PlanSettings } from '../store/plans.js';
import type { RoadmapRow } from '../store/roadmaps.js';
import { loadDays, loadState, loadStatuses, loadTracking } from '../store/snapshots.js';
import { requireRoadmap, type Tracked } from './_store.js';

export interface Planned extends Tracked {
  meta: RoadmapMeta;
  settings: PlanSettings;
  plan: Plan;
  today: Day;
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
  const plan = schedule({ meta, items, settings, defaultStart: roadmap.startedOn, effortOf: (item) => effortOf(item, state) });
  return { roadmap, items, state, meta, settings, plan, today: localDay(ctx.now) };
}

/**
 * A roadmap's (the current one by default) plan as a table (src/plan/table.ts),
 * kept until the roadmap, its items, its plan or an estimate changes;
 * AI_LEARN_PLAN_CACHE=off schedules it every time.
 */
export function loadPlanTable(db: DB, ctx: Context, roadmap: RoadmapRow = requireRoadmap(db)): PlanTable {
  // Only what the plan needs of each item (loadPlanItems): at 10,000 items this is most of what a read after a change to the plan does.
  const compute = () => {
    const items = loadPlanItems(db, roadmap.id);
    // The learner's estimate where given, as effortOf (src/core/progress.ts) reads it from the whole state.
    const estimates = loadEstimates(db, roadmap.id);
    const effort = (item: PlanItem) => estimates.get(item.id) ?? item.effortHours;
    const plan = schedule({ meta: metaOf(roadmap), items, settings: loadPlanSettings(db, roadmap.id), defaultStart: roadmap.startedOn, effortOf: effort });
    return planTableOf(plan, items, effort);
  };
  return keptUnderPlan(db, { name: `table:${roadmap.id}`, roadmapId: roadmap.id }, PLAN_TABLE, compute, { enabled: ctx.env.AI_LEARN_PLAN_CACHE !== 'off' });
}

/**
 * The text of every live item of a roadmap by its number (ItemTexts), kept
 * until its items change, as show's layout is. AI_LEARN_PLAN_CACHE=off
 * reads them every time.
 */
export function loadItemTexts(db: DB, ctx: Context, roadmapId: number): ItemTexts {
  const compute = () => readItemTexts(db, roadmapId);
  return keptUnderPlan(db, { name: `texts:${roadmapId}`, roadmapId }, ITEM_TEXTS, compute, { enabled: ctx.env.AI_LEARN_PLAN_CACHE !== 'off' });
}

/**
 * From this many items named, their texts come from the kept texts of all
 * the items (loadItemTexts), below it from a query each (itemLabels). A
 * query took about 7 µs at 10,000 items, reading the kept texts 1-2 ms, and
 * keeping them, the first time after the items change, 25-35 ms and a write:
 * not worth it for `milestones`, which names three items of each open one.
 */
export const MANY_TEXTS = 500;

/** The texts of the live items numbered, by number (see MANY_TEXTS). */
export function textsOf(db: DB, ctx: Context, roadmapId: number, numbers: readonly number[]): (number: number) => string | undefined {
  if (numbers.length < MANY_TEXTS) {
    const labels = itemLabels(db, roadmapId, numbers);
    return (number) => labels.get(number)?.text;
  }
  const texts = loadItemTexts(db, ctx, roadmapId);
  return (number) => textOf(texts, number);
}

/** Minutes logged from the first to the last day of a week, both included. */
export function loggedIn(tracking: Pick<Tracking, 'days'>, week: { start: Day; end: Day }): number {
  let minutes = 0;
  for (const [day, m] of tracking.days.minutesByDay) if (day >= week.start && day <= week.end) minutes += m;
  return minutes;
}

/** What the plan's views (progress, today, milestones) are computed from. */
export interface PlanState {
  roadmap: RoadmapRow;
  table: PlanTable;
  tracking: Tracking;
  today: Day;
}

/**
 * A roadmap's plan table and its statuses and days, read in one transaction
 * so that they agree (a re-import between the two cannot leave the table
 * naming items the statuses do not know, or the other way round).
 */
export function loadPlanState(db: DB, ctx: Context, roadmap: RoadmapRow = requireRoadmap(db)): PlanState {
  const read = () => ({ roadmap, table: loadPlanTable(db, ctx, roadmap), tracking: loadTracking(db, roadmap.id), today: localDay(ctx.now) });
  return db.inTransaction ? read() : db.transaction(read)();
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
 * item and its schedule (docs/performance.md). A caller that has the
 * statuses passes them (`known`).
 */
export function loadNext(db: DB, count: number, known?: ReadonlyMap<number, Status>): NextItem[] {
  const roadmap = requireRoadmap(db);
  const scope = planScope(metaOf(roadmap), loadPlanSettings(db, roadmap.id));
  const from = scope.from === null ? null : firstPositionUnder(db, roadmap.id, scope.from);
  if (scope.from !== null && from === null) throw noItemsFrom(scope.from);
  const statuses = known ?? loadStatuses(db, roadmap.id).status;
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

/**
 * What to do next, as loadNext tells it, from a plan table and each row's
 * status: the table's rows are the items the plan covers (the same scope:
 * `--include` and `--from`), in document order, so the items in progress and
 * then those to do are its first rows of each status. Only the items listed
 * are read (their texts, by number). At 10,000 items `progress` found the
 * items in progress by going over every status (2,000 were in progress in
 * the benchmark's history) and read them all to order them.
 */
export function nextOfTable(db: DB, roadmapId: number, t: PlanTable, rowStatus: readonly Status[], count: number): NextItem[] {
  const rows: number[] = [];
  for (const status of ['doing', 'todo'] as const) {
    for (let row = 0; row < rowStatus.length && rows.length < count; row++) if (rowStatus[row] === status) rows.push(row);
  }
  const labels = itemLabels(db, roadmapId, rows.map((row) => t.number[row]!));
  return rows.map((row) => {
    const { number, text, kind } = labels.get(t.number[row]!)!;
    return { number, text, kind, status: rowStatus[row] as NextItem['status'] };
  });
}

export interface Picture {
  progress: ProgressData;
  /** Each row's status (statusesByRow). */
  rowStatus: Status[];
  chain: Chain;
  standing: Standing;
  forecast: Forecast;
}

/**
 * Everything the headline views show, computed once; `next` gives what to
 * do next from each row's status (nextOfTable), which needs the items'
 * texts: the table holds none.
 */
export function pictureOf(v: PlanState, next: (rowStatus: readonly Status[]) => NextItem[]): Picture {
  const { roadmap, table, tracking, today } = v;
  const chain = chainOf({ state: tracking.days, plan: table.plan, today });
  const rowStatus = statusesByRow(table, tracking.status);
  const progress = computeProgress({ name: roadmap.name, title: roadmap.title, table, rowStatus, tracking, chain, today, next: next(rowStatus) });
  const track = { table, rowStatus, tracking, today };
  return { progress, chain, rowStatus, standing: standing(track), forecast: forecast(track) };
}
