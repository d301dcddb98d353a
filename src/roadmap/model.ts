/**
 * The roadmap model: what the reader recognizes in a markdown roadmap.
 * Plain data only, so it can be stored, diffed, printed as JSON and planned.
 */

export const ITEM_KINDS = [
  'task',
  'topic',
  'reading',
  'resource',
  'project',
  'deliverable',
  'checkpoint',
  'milestone',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What a heading (or a plain one-line label acting as one) stands for. */
export type SectionKind =
  | 'phase' // "Phase 1: Foundations", "Phase 0 — Environment"
  | 'month' // "Month 3: ...", "Months 4-5"
  | 'week' // "Week 1-2: ...", "Week 5"
  | 'part' // numbered part: "### 4. Attention From Scratch", "#### 3.1 CNNs"
  | 'projects' // a block of portfolio projects
  | 'section'; // any other heading

/** Inclusive range of plan weeks, 1-based. */
export interface WeekRange {
  start: number;
  end: number;
}

export interface HoursRange {
  min: number;
  max: number;
}

export interface Section {
  title: string;
  kind: SectionKind;
  /** Heading depth 1-6; 7 for a plain one-line label acting as a heading. */
  level: number;
  weeks: WeekRange | null;
  optional: boolean;
  /** "choose 1–2": how many of the child sections the learner picks. */
  choose: { min: number; max: number } | null;
  goal: string | null;
  /** Pace stated for this part only ("Scale to 6-8 hours/week"). */
  hoursPerWeek: HoursRange | null;
  /** 1-based source line of the heading. */
  line: number;
  sections: Section[];
}

export interface Paper {
  title: string;
  year: number | null;
}

export interface Course {
  durationWeeks: number | null;
  hoursPerWeek: HoursRange | null;
  prerequisites: string | null;
}

/** The status an export notes beside an unchecked item; done is the checkbox's to say. */
export type NotedStatus = 'doing' | 'skipped';

export interface Item {
  /** Stable key from section path and normalized text; unique in a roadmap. */
  key: string;
  /** 1-based position in document order. */
  number: number;
  kind: ItemKind;
  text: string;
  /** Heading titles, outermost first. */
  section: string[];
  /** A bold label that grouped the item ("Phase 1 Checkpoint"), if any. */
  group: string | null;
  weeks: WeekRange | null;
  effortHours: number;
  optional: boolean;
  /** `- [x]` in the file. */
  checked: boolean;
  /** An unchecked item an export noted as "_(in progress)_" or "_(skipped)_"; absent otherwise. */
  noted?: NotedStatus;
  line: number;
  paper?: Paper;
  course?: Course;
  url?: string;
  /** What a project heading's paragraph says about it. */
  description?: string;
}

export interface RhythmEntry {
  /** "mon" … "sun", or "weekend". */
  day: string;
  activity: string;
  hours: number | null;
}

export interface MilestoneRow {
  week: number | null;
  text: string;
}

export interface Target {
  count: number;
  text: string;
}

export interface Roadmap {
  title: string;
  hoursPerWeek: HoursRange | null;
  /** Pace for project phases ("During Project Phases: Scale to 6-8 hours/week"). */
  projectHoursPerWeek: HoursRange | null;
  totalWeeks: number | null;
  sections: Section[];
  items: Item[];
  rhythm: RhythmEntry[];
  milestones: MilestoneRow[];
  targets: Target[];
  warnings: string[];
}
