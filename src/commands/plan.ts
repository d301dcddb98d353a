import type { Context, Invocation } from '../context.js';
import { formatDay, isValidDay } from '../core/dates.js';
import { UsageError } from '../errors.js';
import { rhythmDays, formatWeekdays, WEEKDAYS } from '../plan/days.js';
import { planScope, sectionTitles } from '../plan/schedule.js';
import { weekItems, type PlanTable } from '../plan/table.js';
import { fit } from '../render/style.js';
import { NO_SETTINGS, loadPlanSettings, savePlanSettings, type PlanSettings } from '../store/plans.js';
import type { DB } from '../store/db.js';
import { firstPositionUnder, hasOptionalUnder, itemNumbersBefore } from '../store/items.js';
import type { RoadmapRow } from '../store/roadmaps.js';
import { loadPlanTable, metaOf } from './_plan.js';
import { printJson, requireRoadmap, transaction, withDatabase } from './_store.js';

interface PlanOptions {
  start?: string;
  hours?: string;
  days?: string;
  from?: string;
  include: string[];
  exclude: string[];
  weeks?: string;
  restDays?: string;
  reset?: boolean;
}

function positive(text: string, option: string, max: number, integer = false): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${option} takes ${integer ? 'a whole number' : 'a number'} above 0 and at most ${max}, not "${text}".`);
  }
  return n;
}

function parseDays(text: string): string[] {
  if (/^(every(day)?|all|daily)$/i.test(text.trim())) return [...WEEKDAYS];
  const names = text.split(/[\s,]+/).filter(Boolean);
  const days = rhythmDays(names);
  if (days.length === 0 || names.some((n) => rhythmDays([n]).length === 0)) {
    throw new UsageError(`--days takes weekday names such as mon,wed,sat (or "every"), not "${text}".`);
  }
  return days;
}

/** The settings after this command's options, checked before anything is stored. */
function nextSettings(current: PlanSettings, o: PlanOptions, titles: string[], hasOptional: (title: string) => boolean): PlanSettings {
  const s: PlanSettings = o.reset ? { ...NO_SETTINGS } : { ...current, include: [...current.include] };
  if (o.start !== undefined) {
    if (!isValidDay(o.start)) throw new UsageError(`--start takes a date as YYYY-MM-DD, not "${o.start}".`);
    s.startOn = o.start;
  }
  if (o.hours !== undefined) {
    s.hoursPerWeek = positive(o.hours, '--hours', 100);
    if (o.weeks === undefined) s.targetWeeks = null;
  }
  if (o.weeks !== undefined) s.targetWeeks = positive(o.weeks, '--weeks', 520, true);
  if (o.days !== undefined) s.days = parseDays(o.days);
  if (o.restDays !== undefined) {
    const n = Number(o.restDays);
    if (!Number.isInteger(n) || n < 0 || n > 31) throw new UsageError(`--rest-days takes a whole number from 0 to 31, not "${o.restDays}".`);
    s.restDays = n;
  }
  if (o.from !== undefined) s.fromSection = o.from === '' ? null : o.from;
  const matching = (wanted: string) => titles.filter((t) => t.toLowerCase().includes(wanted.toLowerCase()));
  const find = (wanted: string) => matching(wanted)[0];
  for (const wanted of o.include) {
    const titled = matching(wanted);
    if (titled.length === 0) throw new UsageError(`No section matches "${wanted}"; \`ai-learn show\` lists them.`);
    // The first matching section that holds optional items ("projects": "Optional projects", not "Projects").
    const optional = titled.find(hasOptional);
    if (!optional) throw new UsageError(`"${titled[0]}" holds no optional items: all of it is in the plan already.`);
    if (!s.include.includes(optional)) s.include.push(optional);
  }
  for (const wanted of o.exclude) s.include = s.include.filter((t) => t !== find(wanted));
  return s;
}

/** What `plan` shows: the kept plan table (src/plan/table.ts), the settings, and the items `--from` leaves out. */
interface PlanView {
  roadmap: RoadmapRow;
  settings: PlanSettings;
  table: PlanTable;
  /** Numbers of the live items before the `--from` section, in document order. */
  leftOut: number[];
}

/**
 * The current roadmap's plan from the kept plan table, not from every item
 * and a schedule of them: at 10,000 items `plan` took 139 ms, 2.6x bare
 * node, on every run (docs/performance.md, "The other reads").
 */
function loadPlanView(db: DB, ctx: Context, roadmap: RoadmapRow): PlanView {
  const settings = loadPlanSettings(db, roadmap.id);
  const table = loadPlanTable(db, ctx, roadmap); // throws as the schedule does, e.g. for a --from section without items
  const from = planScope(metaOf(roadmap), settings).from;
  const first = from === null ? null : firstPositionUnder(db, roadmap.id, from);
  return { roadmap, settings, table, leftOut: first === null ? [] : itemNumbersBefore(db, roadmap.id, first) };
}

/** The roadmap's own milestones (rows of its milestone table), dated. */
const milestonesOf = (t: PlanTable) => t.markers.filter((m) => m.row === null).map((m) => ({ week: m.week, date: m.date, text: m.text }));

/** The plan as the `plan --json` contract has it. */
function planJson(v: PlanView) {
  const plan = v.table.plan;
  const items = weekItems(v.table);
  return {
    roadmap: v.roadmap.title,
    start: plan.start,
    hoursPerWeek: plan.hoursPerWeek,
    days: plan.days,
    totalWeeks: plan.totalWeeks,
    finish: plan.finish,
    requiredHoursPerWeek: plan.requiredHoursPerWeek,
    roadmapHoursPerWeek: plan.roadmapHoursPerWeek,
    restDays: plan.restDays,
    from: v.settings.fromSection,
    include: v.settings.include,
    leftOut: v.leftOut,
    sections: plan.sections,
    weeks: plan.weeks.map((w, i) => ({ week: w.week, start: w.start, items: items[i]!, targetHours: w.targetHours })),
    milestones: milestonesOf(v.table),
    warnings: plan.warnings,
  };
}

function renderPlan(v: PlanView, width: number): string {
  const plan = v.table.plan;
  const lines = [`Plan for ${v.roadmap.title}`];
  const pace = plan.hoursPerWeek === plan.roadmapHoursPerWeek ? '' : ` (the roadmap assumes ${plan.roadmapHoursPerWeek})`;
  lines.push(`Start ${formatDay(plan.start)} · ${plan.hoursPerWeek} h/week${pace}`);
  lines.push(`Study days: ${plan.days.length === 0 || plan.days.length === 7 ? 'every day' : formatWeekdays(plan.days)} · ${plan.restDays} rest days a month`);
  const need = plan.requiredHoursPerWeek !== plan.hoursPerWeek ? ` · takes ${plan.requiredHoursPerWeek} h/week` : '';
  lines.push(`${plan.totalWeeks} weeks · finish ${formatDay(plan.finish)}${need}`);
  if (v.settings.fromSection) lines.push(`Starting at "${v.settings.fromSection}": ${v.leftOut.length} earlier items left out`);
  if (v.settings.include.length) lines.push(`Opted in: ${v.settings.include.join('; ')}`);
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  lines.push('');
  const weekOfDay = (d: string) => plan.weeks.find((w) => w.start <= d && d <= w.end)?.week ?? '?';
  for (const s of plan.sections) {
    const when = `${formatDay(s.start)} – ${formatDay(s.end)} (weeks ${weekOfDay(s.start)}-${weekOfDay(s.end)})`;
    lines.push(`${fit(s.title, Math.max(10, width - when.length - 2)).padEnd(Math.max(10, width - when.length - 2))}  ${when}`);
  }
  const milestones = milestonesOf(v.table);
  if (milestones.length) {
    lines.push('', 'Milestones');
    for (const m of milestones) lines.push(fit(`  week ${String(m.week).padStart(2)}  ${formatDay(m.date)}  ${m.text}`, width));
  }
  return lines.join('\n');
}

/** Sets (with options) and shows the learner's plan for the current roadmap. */
export async function run(ctx: Context, inv: Invocation<PlanOptions>): Promise<void> {
  const o = inv.opts;
  const changing = [o.start, o.hours, o.days, o.from, o.weeks, o.restDays].some((x) => x !== undefined) || o.include.length > 0 || o.exclude.length > 0 || o.reset;
  const view = withDatabase(ctx, changing ? 'existing' : 'read', (db) => {
    if (!changing) return db.transaction(() => loadPlanView(db, ctx, requireRoadmap(db)))();
    return transaction(db, () => {
      const roadmap = requireRoadmap(db);
      const titles = sectionTitles(JSON.parse(roadmap.modelJson).sections);
      const hasOptional = (title: string) => hasOptionalUnder(db, roadmap.id, title);
      savePlanSettings(db, roadmap.id, nextSettings(loadPlanSettings(db, roadmap.id), o, titles, hasOptional), ctx.now.toISOString());
      // Scheduled with the new settings (and kept for the reads after): a plan that cannot be made throws, and nothing is stored.
      return loadPlanView(db, ctx, roadmap);
    });
  });
  if (o.json) return printJson(ctx, planJson(view));
  ctx.out(renderPlan(view, ctx.style.width));
}
