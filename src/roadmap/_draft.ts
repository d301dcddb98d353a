/** Working state of the reader between the markdown walk and the finished Roadmap. */
import type { ItemKind, NotedStatus, Paper, Course, Section, WeekRange } from './model.js';
import type { NonWork } from './kinds.js';

export interface SectionNode {
  section: Section;
  parent: SectionNode | null;
  nonWork: NonWork | null;
  /** Items here default to this kind ("Milestones", "Resources"). */
  kindHint: ItemKind | null;
  /** Every item below is optional (an optional part, or one to choose from). */
  itemsOptional: boolean;
  /** A block of projects: its sub-headings are the projects. */
  projects: boolean;
  /** This heading is itself a project inside a block of projects. */
  project: DraftItem | null;
  /** Weeks given by an "in parallel" schedule entry: overlaps are intended. */
  parallel: boolean;
  /** Left out of the tree (a table of contents). */
  hidden: boolean;
  goalBullets: string[];
  goalLines: string[];
}

export interface DraftItem {
  kind: ItemKind;
  text: string;
  node: SectionNode | null;
  group: string | null;
  optional: boolean;
  checked: boolean;
  noted?: NotedStatus;
  line: number;
  /** Weeks stated by the line itself (a "Week 3: …" bullet, a schedule table row). */
  weeks: WeekRange | null;
  effortHours: number | null;
  paper?: Paper;
  course?: Course;
  url?: string;
  description: string[];
}

/** What a list line of the source became. */
export type LineUseKind = 'item' | 'rhythm' | 'schedule' | 'goal' | 'toc' | 'not-work' | 'label' | 'empty';

export interface LineUse {
  line: number;
  use: LineUseKind;
}

/** Titles of a node and its ancestors, outermost first. */
export function sectionPath(node: SectionNode | null): SectionNode[] {
  const path: SectionNode[] = [];
  for (let n = node; n; n = n.parent) path.unshift(n);
  return path;
}
