import type { DB } from './db.js';

/** What the learner set with `plan`; null fields fall back to the roadmap's defaults. */
export interface PlanSettings {
  startOn: string | null;
  hoursPerWeek: number | null;
  days: string[] | null;
  fromSection: string | null;
  include: string[];
  targetWeeks: number | null;
  restDays: number | null;
}

export const NO_SETTINGS: PlanSettings = {
  startOn: null,
  hoursPerWeek: null,
  days: null,
  fromSection: null,
  include: [],
  targetWeeks: null,
  restDays: null,
};

interface PlanRecord {
  start_on: string | null;
  hours_per_week: number | null;
  days_json: string | null;
  from_section: string | null;
  include_json: string;
  target_weeks: number | null;
  rest_days: number | null;
}

export function loadPlanSettings(db: DB, roadmapId: number): PlanSettings {
  const r = db.prepare('SELECT * FROM plans WHERE roadmap_id = ?').get(roadmapId) as PlanRecord | undefined;
  if (!r) return NO_SETTINGS;
  return {
    startOn: r.start_on,
    hoursPerWeek: r.hours_per_week,
    days: r.days_json ? (JSON.parse(r.days_json) as string[]) : null,
    fromSection: r.from_section,
    include: JSON.parse(r.include_json) as string[],
    targetWeeks: r.target_weeks,
    restDays: r.rest_days,
  };
}

export function savePlanSettings(db: DB, roadmapId: number, s: PlanSettings, at: string): void {
  db.prepare(
    `INSERT INTO plans (roadmap_id, start_on, hours_per_week, days_json, from_section, include_json, target_weeks, rest_days, updated_at)
     VALUES (@roadmapId, @startOn, @hours, @days, @from, @include, @weeks, @rest, @at)
     ON CONFLICT (roadmap_id) DO UPDATE SET start_on = excluded.start_on, hours_per_week = excluded.hours_per_week,
       days_json = excluded.days_json, from_section = excluded.from_section, include_json = excluded.include_json,
       target_weeks = excluded.target_weeks, rest_days = excluded.rest_days, updated_at = excluded.updated_at`,
  ).run({
    roadmapId,
    startOn: s.startOn,
    hours: s.hoursPerWeek,
    days: s.days ? JSON.stringify(s.days) : null,
    from: s.fromSection,
    include: JSON.stringify(s.include),
    weeks: s.targetWeeks,
    rest: s.restDays,
    at,
  });
}
