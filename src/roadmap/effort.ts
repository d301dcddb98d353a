/**
 * Effort in hours. A block of weeks at a known pace is shared among the items
 * planned in it by kind weight; where the document says nothing, each kind has
 * a default.
 */
import type { ItemKind, WeekRange } from './model.js';

/** Relative share of a block's hours per kind (a project is twice a task). */
export const KIND_WEIGHTS: Readonly<Record<ItemKind, number>> = {
  task: 1,
  topic: 1,
  reading: 1,
  resource: 0.5,
  project: 2,
  deliverable: 1,
  checkpoint: 0.25,
  milestone: 0.5,
};

/** Hours per kind when no block of weeks and pace says otherwise. */
export const KIND_DEFAULT_HOURS: Readonly<Record<ItemKind, number>> = {
  task: 2,
  topic: 1.5,
  reading: 2,
  resource: 1,
  project: 10,
  deliverable: 3,
  checkpoint: 0.5,
  milestone: 1,
};

/** Rounds to a quarter hour, never below a quarter hour. */
export function roundHours(hours: number): number {
  return Math.max(0.25, Math.round(hours * 4) / 4);
}

export function weekCount(weeks: WeekRange): number {
  return weeks.end - weeks.start + 1;
}

/** A section as effort sees it: its weeks, its pace, and the sections below it. */
export interface EffortBlock {
  weeks: WeekRange | null;
  pace: number | null;
  children: readonly EffortBlock[];
}

function nestedBlockHours(block: EffortBlock): number {
  let total = 0;
  for (const child of block.children) {
    if (child.weeks && child.pace) total += weekCount(child.weeks) * child.pace;
    else total += nestedBlockHours(child);
  }
  return total;
}

/**
 * Hours left for a block's own items: its weeks × pace minus the blocks of the
 * nearest descendants that have weeks of their own. Null without weeks or pace.
 */
export function ownBlockHours(block: EffortBlock): number | null {
  if (!block.weeks || !block.pace) return null;
  return weekCount(block.weeks) * block.pace - nestedBlockHours(block);
}

/**
 * Hours per item: the block shared by kind weight when there is a positive
 * remainder, else the per-kind defaults.
 */
export function shareHours(blockHours: number | null, kinds: readonly ItemKind[]): number[] {
  const weight = kinds.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
  if (blockHours === null || blockHours <= 0 || weight === 0) {
    return kinds.map((kind) => KIND_DEFAULT_HOURS[kind]);
  }
  return kinds.map((kind) => roundHours((blockHours * KIND_WEIGHTS[kind]) / weight));
}
