/** Inconsistencies worth a warning: week ranges that overlap or run past what the title promises. */
import type { MilestoneRow, Section, WeekRange } from './model.js';

const WEEKS_PER_MONTH = 52 / 12;

function show(weeks: WeekRange): string {
  return weeks.start === weeks.end ? `week ${weeks.start}` : `weeks ${weeks.start}-${weeks.end}`;
}

function checkSiblings(sections: readonly Section[], parent: Section | null, parallel: ReadonlySet<Section>, out: string[]): void {
  let prev: Section | null = null;
  for (const s of sections) {
    if (s.weeks && !parallel.has(s)) {
      if (parent?.weeks && (s.weeks.start < parent.weeks.start || s.weeks.end > parent.weeks.end)) {
        out.push(`"${s.title}" (${show(s.weeks)}) lies outside "${parent.title}" (${show(parent.weeks)}).`);
      }
      if (prev?.weeks) {
        if (s.weeks.start < prev.weeks.start) {
          out.push(`"${s.title}" (${show(s.weeks)}) comes after "${prev.title}" (${show(prev.weeks)}) but starts earlier.`);
        } else if (s.weeks.start <= prev.weeks.end) {
          out.push(`"${prev.title}" (${show(prev.weeks)}) and "${s.title}" (${show(s.weeks)}) overlap.`);
        }
      }
      prev = s;
    }
    checkSiblings(s.sections, s.weeks ? s : parent, parallel, out);
  }
}

/** The length a title promises: "6-Month Roadmap" → 6 months, "12-week plan" → 12 weeks. */
export function titleLength(title: string): { weeks: number; said: string } | null {
  const m = /(\d+)[\s-]*(months?|weeks?)\b/i.exec(title);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2]!.toLowerCase().startsWith('m')
    ? { weeks: n * WEEKS_PER_MONTH, said: `${n} months` }
    : { weeks: n, said: `${n} weeks` };
}

/** Warnings about week ranges, milestones past the last section and a title that disagrees with the weeks. */
export function checkWeeks(
  title: string,
  sections: readonly Section[],
  milestones: readonly MilestoneRow[],
  totalWeeks: number | null,
  parallel: ReadonlySet<Section>,
): string[] {
  const out: string[] = [];
  checkSiblings(sections, null, parallel, out);

  const lastSectionWeek = lastWeekOf(sections);
  if (lastSectionWeek > 0) {
    for (const m of milestones) {
      if (m.week !== null && m.week > lastSectionWeek) {
        out.push(`Milestone "${m.text}" is due in week ${m.week}, after the last section ends (week ${lastSectionWeek}).`);
      }
    }
  }

  const promised = titleLength(title);
  if (promised && totalWeeks !== null) {
    const months = totalWeeks / WEEKS_PER_MONTH;
    if (Math.abs(totalWeeks - promised.weeks) > Math.max(2, promised.weeks * 0.15)) {
      out.push(
        `The title says ${promised.said} but the weeks run to ${totalWeeks} (about ${months.toFixed(1)} months).`,
      );
    }
  }
  return out;
}

/** The highest week any section in the tree reaches, 0 when none has weeks. */
export function lastWeekOf(sections: readonly Section[]): number {
  let max = 0;
  for (const s of sections) max = Math.max(max, s.weeks?.end ?? 0, lastWeekOf(s.sections));
  return max;
}
