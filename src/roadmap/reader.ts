/**
 * Markdown roadmap → Roadmap. Pure: no I/O, no clock. The walk (walk.ts)
 * collects sections and draft items; this file settles what needs the whole
 * document: schedules, inherited weeks, pace, effort, keys and warnings.
 */
import { memoized } from '../core/collections.js';
import { parseParts } from './parse.js';
import { RoadmapError } from '../errors.js';
import { sectionPath, type DraftItem, type LineUse, type SectionNode } from './_draft.js';
import { checkWeeks, lastWeekOf } from './checks.js';
import { ownBlockHours, roundHours, shareHours, type EffortBlock } from './effort.js';
import { itemKeyer, normalizeText, uniqueKeys } from './keys.js';
import type { HoursRange, Item, Roadmap, Section, Target, WeekRange } from './model.js';
import { midpoint, parseTarget } from './recognize.js';
import { entryWeeks, splitWeeks } from './schedule.js';
import { RoadmapWalk, type WalkResult } from './walk.js';

export interface ReadOptions {
  /** Names the document in errors ("roadmap.md"). */
  source?: string;
}

/** A roadmap and what each list line of the source became, for checking that nothing is lost. */
export interface RoadmapTrace {
  roadmap: Roadmap;
  uses: LineUse[];
}

function weeksOf(node: SectionNode | null): { weeks: WeekRange; node: SectionNode } | null {
  for (let n = node; n; n = n.parent) if (n.section.weeks) return { weeks: n.section.weeks, node: n };
  return null;
}

function countItems(node: SectionNode, drafts: readonly DraftItem[]): number {
  return drafts.filter((d) => sectionPath(d.node).includes(node)).length;
}

/** Gives week ranges to sections named by a list schedule ("Months 0–2: Phase 0–1."). */
function applySchedule(walk: WalkResult): void {
  const ranges = entryWeeks(walk.schedule);
  const eligible = walk.nodes.filter((n) => n.section.level <= 6 && !n.hidden);
  walk.schedule.forEach((entry, i) => {
    const range = ranges[i]!;
    const shared: SectionNode[] = [];
    for (const ref of entry.refs) {
      const found = eligible.filter((n) => {
        if (ref.phases.length > 0) {
          const m = /^(?:phase|stage)\s+(\d+)\b/i.exec(n.section.title);
          return m !== null && ref.phases.includes(Number(m[1]));
        }
        const title = normalizeText(n.section.title);
        return ref.title !== null && (title === ref.title || title.startsWith(`${ref.title} `));
      });
      for (const node of found) {
        if (node.section.weeks) continue;
        if (ref.parallel) {
          node.section.weeks = { ...range };
          node.parallel = true;
        } else if (!shared.includes(node)) {
          shared.push(node);
        }
      }
    }
    if (shared.length === 0) return;
    const parts = splitWeeks(range, shared.map((n) => countItems(n, walk.drafts)));
    shared.forEach((node, k) => {
      node.section.weeks = parts[k]!;
    });
  });
}

function statedPace(walk: WalkResult): { hours: HoursRange | null; project: HoursRange | null } {
  const plain = walk.paces.filter((p) => !p.project);
  const hours = (plain.find((p) => p.intro) ?? plain.find((p) => p.inWork))?.hours ?? null;
  const project = walk.paces.find((p) => p.project)?.hours ?? null;
  return { hours, project };
}

function effortBlocks(nodes: readonly SectionNode[], roadmapPace: number | null): Map<SectionNode, EffortBlock> {
  const blocks = new Map<SectionNode, EffortBlock>();
  const paceOf = (node: SectionNode): number | null => {
    for (let n: SectionNode | null = node; n; n = n.parent) {
      if (n.section.hoursPerWeek) return midpoint(n.section.hoursPerWeek);
    }
    return roadmapPace;
  };
  const build = (node: SectionNode): EffortBlock => {
    const existing = blocks.get(node);
    if (existing) return existing;
    const children = nodes.filter((n) => n.parent === node).map(build);
    const block: EffortBlock = { weeks: node.section.weeks, pace: paceOf(node), children };
    blocks.set(node, block);
    return block;
  };
  nodes.forEach(build);
  return blocks;
}

function assignEffort(walk: WalkResult, roadmapPace: number | null): void {
  const blocks = effortBlocks(walk.nodes, roadmapPace);
  const byBlock = new Map<SectionNode | null, DraftItem[]>();
  for (const d of walk.drafts) {
    if (d.effortHours !== null) {
      d.effortHours = roundHours(d.effortHours);
      continue;
    }
    const owner = d.weeks ? null : (weeksOf(d.node)?.node ?? null);
    const list = byBlock.get(owner) ?? [];
    list.push(d);
    byBlock.set(owner, list);
  }
  for (const [owner, drafts] of byBlock) {
    const block = owner ? blocks.get(owner) : undefined;
    const hours = shareHours(block ? ownBlockHours(block) : null, drafts.map((d) => d.kind));
    drafts.forEach((d, i) => {
      d.effortHours = hours[i]!;
    });
  }
}

function collectTargets(walk: WalkResult, items: readonly Item[]): Target[] {
  const lines = [...items.map((i) => ({ line: i.line, text: i.text })), ...walk.targetLines].sort(
    (a, b) => a.line - b.line,
  );
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const { text } of lines) {
    const target = parseTarget(text);
    if (!target) continue;
    const id = `${target.count}|${target.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    targets.push(target);
  }
  return targets;
}

function finishGoals(nodes: readonly SectionNode[]): void {
  for (const node of nodes) {
    if (node.nonWork !== 'goal' || node.section.goal) continue;
    const goal = node.goalBullets.length > 0 ? node.goalBullets.join('; ') : node.goalLines.join(' ');
    node.section.goal = goal === '' ? null : goal;
  }
}

function toItems(drafts: readonly DraftItem[]): Item[] {
  const ordered = drafts
    .map((d, index) => ({ d, index }))
    .sort((a, b) => a.d.line - b.d.line || a.index - b.index)
    .map(({ d }) => d);
  // Section titles from the outermost, one array per section: its items share it
  // (as loadItems shares them), so it must not be changed.
  const titlesOf = memoized((node: SectionNode | null) => sectionPath(node).map((n) => n.section.title));
  const keyOf = itemKeyer();
  const keys = uniqueKeys(ordered.map((d) => keyOf(titlesOf(d.node).at(-1) ?? null, d.text)));
  return ordered.map((d, i): Item => {
    const item: Item = {
      key: keys[i]!,
      number: i + 1,
      kind: d.kind,
      text: d.text,
      section: titlesOf(d.node),
      group: d.group,
      weeks: d.weeks ?? weeksOf(d.node)?.weeks ?? null,
      effortHours: d.effortHours ?? 0,
      optional: d.optional,
      checked: d.checked,
      line: d.line,
    };
    if (d.paper) item.paper = d.paper;
    if (d.course) item.course = d.course;
    if (d.url) item.url = d.url;
    if (d.noted) item.noted = d.noted;
    if (d.description.length > 0) item.description = d.description.join(' ');
    return item;
  });
}

function highestWeek(sections: readonly Section[], items: readonly Item[], walk: WalkResult): number | null {
  let max = lastWeekOf(sections);
  for (const item of items) if (item.weeks) max = Math.max(max, item.weeks.end);
  for (const m of walk.milestones) if (m.week !== null) max = Math.max(max, m.week);
  return max > 0 ? max : null;
}

/** Parses and walks the document part by part: one part's tree is held at a time, not the whole document's. */
function walkDocument(markdown: string): WalkResult {
  const walker = new RoadmapWalk();
  for (const tree of parseParts(markdown)) walker.add(tree.children);
  return walker.finish();
}

/** What needs the whole document: schedules, weeks, pace, effort, keys and warnings. */
function settle(walk: WalkResult, options: ReadOptions): RoadmapTrace {
  if (walk.drafts.length === 0) {
    throw new RoadmapError(
      `${options.source ?? 'The roadmap'} has no items: expected checkboxes, bullets or headings with work under them.`,
    );
  }
  applySchedule(walk);
  finishGoals(walk.nodes);
  const pace = statedPace(walk);
  const rhythmHours = walk.rhythm.reduce((sum, r) => sum + (r.hours ?? 0), 0);
  assignEffort(walk, pace.hours ? midpoint(pace.hours) : rhythmHours > 0 ? rhythmHours : null);

  const sections = walk.roots.map((n) => n.section);
  const items = toItems(walk.drafts);
  const totalWeeks = highestWeek(sections, items, walk);
  const parallel = new Set(walk.nodes.filter((n) => n.parallel).map((n) => n.section));
  const warnings = [...walk.warnings, ...checkWeeks(walk.title, sections, walk.milestones, totalWeeks, parallel)];
  const roadmap: Roadmap = {
    title: walk.title,
    hoursPerWeek: pace.hours,
    projectHoursPerWeek: pace.project,
    totalWeeks,
    sections,
    items,
    rhythm: walk.rhythm,
    milestones: walk.milestones,
    targets: collectTargets(walk, items),
    warnings,
  };
  return { roadmap, uses: walk.uses.sort((a, b) => a.line - b.line) };
}

/**
 * Reads a markdown roadmap and reports what each list line became.
 * Throws RoadmapError only when the document holds no items at all.
 */
export function traceRoadmap(markdown: string, options: ReadOptions = {}): RoadmapTrace {
  return settle(walkDocument(markdown), options);
}

/**
 * Reads a markdown roadmap into sections, items, rhythm, milestones and
 * targets. Deterministic; throws RoadmapError naming the source when the
 * document holds no items.
 */
export function readRoadmap(markdown: string, options: ReadOptions = {}): Roadmap {
  return traceRoadmap(markdown, options).roadmap;
}
