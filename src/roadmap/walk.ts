/**
 * The walk over the mdast: headings open sections, lists and lines become
 * items, and what is not work (contents, goals, advice, rhythm) is set aside.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import type { DraftItem, LineUse, LineUseKind, SectionNode } from './_draft.js';
import { normalizeText } from './keys.js';
import { paragraphAsLine, paragraphLines, plainText, type Line } from './inline.js';
import {
  cleanTitle,
  guessKind,
  isImperative,
  isOptionalTitle,
  labelRole,
  nonWorkKind,
  parseChoose,
  sectionKind,
  stripOptional,
  type LabelRole,
} from './kinds.js';
import type { ItemKind, MilestoneRow, NotedStatus, RhythmEntry } from './model.js';
import {
  parseDays,
  parsePace,
  parsePaper,
  parseTimeAmount,
  parseWeekRange,
  type PaceStatement,
} from './recognize.js';
import { parseScheduleEntry, type ScheduleEntry } from './schedule.js';
import { readTable } from './tables.js';

interface Group {
  label: string;
  role: LabelRole;
}

interface ListContext {
  group: Group | null;
  node: SectionNode | null;
  optional: boolean;
  weeks: DraftItem['weeks'];
  rhythm: boolean;
}

export interface StatedPace extends PaceStatement {
  intro: boolean;
  inWork: boolean;
}

/** Everything the walk found, before weeks, effort and keys are settled. */
export interface WalkResult {
  title: string;
  roots: SectionNode[];
  nodes: SectionNode[];
  drafts: DraftItem[];
  rhythm: RhythmEntry[];
  milestones: MilestoneRow[];
  paces: StatedPace[];
  schedule: ScheduleEntry[];
  /** Lines outside items that may state count targets ("50+ Substack posts"). */
  targetLines: Array<{ line: number; text: string }>;
  warnings: string[];
  uses: LineUse[];
}

function lineOf(node: { position?: { start: { line: number } } | undefined }): number {
  return node.position?.start.line ?? 0;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/** Strips "3." / "3.1" numbering from a project heading's title. */
function withoutNumbering(title: string): string {
  return title.replace(/^\d+(\.\d+)*[.)]?\s+/, '').trim() || title;
}

/**
 * Walks a document's top-level nodes in order, as they come: a long document
 * is parsed and added part by part, and each part's tree can be dropped once
 * added. Call finish() after the last part.
 */
export class RoadmapWalk {
  private readonly result: WalkResult;
  private stack: SectionNode[] = [];
  private readonly groupFor = new Map<List, Group>();
  /** The first level-1 heading names the roadmap and is not a section; without one, the first heading names it. */
  private titleNode: Heading | null = null;
  private title = '';
  private firstTitle: string | null = null;
  /** The last node added, walked when the next arrives: a paragraph looks at the node after it. */
  private pending: RootContent | null = null;
  /** Items' first lines, read once: a list is looked at as contents, schedule and rhythm before its items are read. */
  private readonly itemLines = new WeakMap<ListItem, Line | null>();

  constructor() {
    this.result = {
      title: '',
      roots: [],
      nodes: [],
      drafts: [],
      rhythm: [],
      milestones: [],
      paces: [],
      schedule: [],
      targetLines: [],
      warnings: [],
      uses: [],
    };
  }

  private get top(): SectionNode | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  private use(line: number, use: LineUseKind): void {
    this.result.uses.push({ line, use });
  }

  /** Adds the next top-level nodes of the document. */
  add(children: readonly RootContent[]): void {
    for (const node of children) {
      if (node.type === 'heading' && (this.firstTitle === null || (node.depth === 1 && this.titleNode === null))) {
        const title = cleanTitle(plainText(node));
        this.firstTitle ??= title;
        if (node.depth === 1 && this.titleNode === null) {
          this.titleNode = node;
          this.title = title;
        }
      }
      if (this.pending) this.visit(this.pending, node, false);
      this.pending = node;
    }
  }

  /** Walks the last node and returns what the walk found. */
  finish(): WalkResult {
    if (this.pending) this.visit(this.pending, undefined, false);
    this.pending = null;
    this.result.title = (this.titleNode ? this.title : this.firstTitle) || 'Untitled roadmap';
    return this.result;
  }

  private walk(children: readonly RootContent[], inQuote: boolean): void {
    children.forEach((node, i) => this.visit(node, children[i + 1], inQuote));
  }

  private visit(node: RootContent, next: RootContent | undefined, inQuote: boolean): void {
    switch (node.type) {
      case 'heading':
        if (node !== this.titleNode) this.heading(node);
        break;
      case 'paragraph':
        this.paragraph(node, next, inQuote);
        break;
      case 'list':
        this.list(node, null);
        break;
      case 'table':
        this.table(node);
        break;
      case 'blockquote':
        this.walk(node.children, true);
        break;
      default:
        break;
    }
  }

  private makeNode(title: string, level: number, line: number, parent: SectionNode | null): SectionNode {
    const kind = sectionKind(title);
    const choose = parseChoose(title);
    const optional = (parent?.section.optional ?? false) || isOptionalTitle(title);
    const role = labelRole(title);
    const pace = parsePace(title);
    const nonWork = parent?.nonWork ?? nonWorkKind(title);
    const node: SectionNode = {
      section: {
        title,
        kind,
        level,
        weeks: parseWeekRange(title),
        optional,
        choose,
        goal: null,
        hoursPerWeek: pace && !pace.project ? pace.hours : null,
        line,
        sections: [],
      },
      parent,
      nonWork,
      kindHint: role.role === 'kind' ? role.kind : null,
      itemsOptional: optional || choose !== null || (parent?.itemsOptional ?? false),
      projects: kind === 'projects',
      project: null,
      parallel: false,
      hidden: nonWork === 'toc' || (parent?.hidden ?? false),
      goalBullets: [],
      goalLines: [],
    };
    if (!node.hidden) {
      if (parent) parent.section.sections.push(node.section);
      else this.result.roots.push(node);
    }
    this.result.nodes.push(node);
    return node;
  }

  private heading(heading: Heading): void {
    const title = cleanTitle(plainText(heading));
    if (title === '') return;
    while (this.top && this.top.section.level >= heading.depth) this.stack.pop();
    const parent = this.top;
    const node = this.makeNode(title, heading.depth, lineOf(heading), parent);
    this.stack.push(node);
    if (parent?.projects && !node.nonWork && !['phase', 'month', 'week'].includes(node.section.kind)) {
      node.project = this.draft({
        kind: 'project',
        text: withoutNumbering(title),
        node: parent,
        group: null,
        optional: node.itemsOptional,
        checked: false,
        line: node.section.line,
        weeks: null,
      });
    }
  }

  /** A short capitalised line with no end punctuation, followed by a list: "Milestones", "Math". */
  private isLabelSection(line: Line): boolean {
    if (line.label !== null || line.linkOnly) return false;
    const words = wordCount(line.text);
    return (
      words <= (line.boldWhole ? 10 : 6) &&
      !/[.!?:;,]$/.test(line.text) &&
      /^[\p{Lu}\d]/u.test(line.text) &&
      parsePace(line.text) === null
    );
  }

  private openLabel(line: Line): void {
    while (this.top && this.top.section.level >= 7) this.stack.pop();
    const node = this.makeNode(cleanTitle(line.text), 7, line.line, this.top);
    this.stack.push(node);
  }

  /** The nearest heading (not a label section), where goals belong. */
  private headingNode(): SectionNode | null {
    for (let i = this.stack.length - 1; i >= 0; i -= 1) {
      if (this.stack[i]!.section.level <= 6) return this.stack[i]!;
    }
    return null;
  }

  private setGoal(text: string): void {
    const node = this.headingNode();
    if (!node || text === '') return;
    node.section.goal = node.section.goal ? `${node.section.goal} ${text}` : text;
  }

  private paragraph(paragraph: Paragraph, next: RootContent | undefined, inQuote: boolean): void {
    const lines = paragraphLines(paragraph.children, lineOf(paragraph));
    if (lines.length === 0) return;
    const top = this.top;
    const nextList = next?.type === 'list' ? next : null;
    for (const line of lines) {
      const pace = parsePace(line.text);
      if (pace) {
        this.result.paces.push({ ...pace, intro: top === null, inWork: top !== null && top.nonWork === null });
        if (top?.section.weeks && !pace.project) top.section.hoursPerWeek ??= pace.hours;
      }
    }
    if (top?.nonWork) {
      for (const line of lines) {
        if (top.nonWork === 'goal' && !line.text.endsWith(':')) top.goalLines.push(line.text);
        if (top.nonWork === 'goal' || top.nonWork === 'metrics') {
          this.result.targetLines.push({ line: line.line, text: line.text });
        }
      }
      return;
    }
    if (lines.length === 1 && nextList && top && this.isLabelSection(lines[0]!)) {
      this.openLabel(lines[0]!);
      return;
    }
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      if (line.label !== null) {
        const role = labelRole(line.label);
        if (line.value === '') {
          if (last && nextList) this.groupFor.set(nextList, { label: line.label, role });
          return;
        }
        this.labelledLine(line, role, top);
        return;
      }
      if (last && nextList && line.text.endsWith(':') && wordCount(line.text) <= 8) {
        const label = line.text.slice(0, -1).trim();
        this.groupFor.set(nextList, { label, role: labelRole(label) });
        return;
      }
      if (top?.project) {
        top.project.description.push(line.text);
        return;
      }
      if (inQuote || top === null) return;
      const { text, optional } = stripOptional(line.value);
      if (isImperative(text)) this.lineItem(line, top, guessKind(text, 'task'), text, optional);
    });
  }

  /** An item from a line outside any list: an imperative paragraph line or a labelled one. */
  private lineItem(line: Line, top: SectionNode, kind: ItemKind, text: string, optional: boolean): void {
    this.draft({ kind, text, node: top, group: null, optional: optional || top.itemsOptional, checked: false, line: line.line, weeks: null, url: line.url });
  }

  /** "**Resource:** X", "**Focus**: X", "**Critical:** Start Project 1 (…)" outside lists. */
  private labelledLine(line: Line, role: LabelRole, top: SectionNode | null): void {
    if (role.role === 'goal') {
      this.setGoal(line.value);
      return;
    }
    if (role.role === 'skip' || role.role === 'rhythm' || top === null) return;
    const { text, optional } = stripOptional(line.value);
    let kind: ItemKind;
    if (role.role === 'kind') kind = role.kind;
    else if (role.role === 'critical' || isImperative(text)) kind = guessKind(text, 'task');
    else {
      if (top.project) top.project.description.push(line.text);
      return;
    }
    this.lineItem(line, top, kind, text, optional);
  }

  /** Field by field, not by spreading `d`: object rest and spread cost more than the rest of this at 10,000 items. */
  private draft(
    d: Pick<DraftItem, 'kind' | 'text' | 'node' | 'group' | 'optional' | 'checked' | 'line' | 'weeks'> & { url?: string | null; noted?: NotedStatus | null },
  ): DraftItem {
    const item: DraftItem = {
      kind: d.kind,
      text: d.text,
      node: d.node,
      group: d.group,
      optional: d.optional,
      checked: d.checked,
      line: d.line,
      weeks: d.weeks,
      effortHours: null,
      description: [],
    };
    if (d.url) item.url = d.url;
    if (d.noted) item.noted = d.noted;
    if (item.kind === 'reading') {
      const paper = parsePaper(item.text);
      if (paper) item.paper = paper;
    }
    this.result.drafts.push(item);
    return item;
  }

  private listItems(list: List, use: LineUseKind, collect?: (line: Line) => void): void {
    for (const item of list.children) {
      this.use(lineOf(item), use);
      const para = item.children.find((c): c is Paragraph => c.type === 'paragraph');
      if (para && collect) collect(paragraphAsLine(para.children, lineOf(item)));
      for (const child of item.children) if (child.type === 'list') this.listItems(child, use, collect);
    }
  }

  /** An item's first child read as one line, if it is a paragraph: the item's text. */
  private firstLine(item: ListItem): Line | null {
    let line = this.itemLines.get(item);
    if (line === undefined) {
      const para = item.children[0];
      line = para?.type === 'paragraph' ? paragraphAsLine(para.children, lineOf(item)) : null;
      this.itemLines.set(item, line);
    }
    return line;
  }

  private firstLines(list: List): Array<Line | null> {
    return list.children.map((item) => this.firstLine(item));
  }

  private isToc(list: List): boolean {
    return list.children.every((item) => {
      if (!this.firstLine(item)?.anchorOnly) return false;
      const para = item.children[0];
      return item.children.every((c) => c === para || (c.type === 'list' && this.isToc(c)));
    });
  }

  /** A list of "Months 0–2: Phase 0–1." entries that schedules sections named elsewhere. */
  private scheduleOf(list: List): ScheduleEntry[] | null {
    const lines = this.firstLines(list);
    const entries = lines.map((l) => (l ? parseScheduleEntry(l.text, l.line) : null));
    const found = entries.filter((e): e is ScheduleEntry => e !== null);
    if (found.length < 2 || found.length * 2 < lines.length) return null;
    const known = new Set(this.result.nodes.map((n) => normalizeText(n.section.title)));
    const names = found.filter((e) =>
      e.refs.some((r) => r.phases.length > 0 || (r.title !== null && [...known].some((k) => k.startsWith(r.title!)))),
    );
    return names.length * 2 >= found.length ? found : null;
  }

  private list(list: List, ctx: ListContext | null): void {
    const top = ctx?.node ?? this.top;
    if (this.isToc(list) || top?.hidden) {
      this.listItems(list, 'toc');
      return;
    }
    if (top?.nonWork) {
      const goal = top.nonWork === 'goal';
      const targets = goal || top.nonWork === 'metrics';
      this.listItems(list, goal ? 'goal' : 'not-work', (line) => {
        if (goal) top.goalBullets.push(line.text);
        if (targets) this.result.targetLines.push({ line: line.line, text: line.text });
      });
      return;
    }
    if (ctx === null) {
      const schedule = this.scheduleOf(list);
      if (schedule) {
        this.result.schedule.push(...schedule);
        this.listItems(list, 'schedule');
        return;
      }
    }
    const group = ctx?.group ?? this.groupFor.get(list) ?? null;
    let node = ctx?.node ?? top;
    const named = group ? /^(phase|stage|month|part|module|unit)\s+(\d+)\b/i.exec(group.label) : null;
    if (named && ctx === null) {
      const re = new RegExp(`^${named[1]}s?\\s+${named[2]}\\b`, 'i');
      node = [...this.stack].reverse().find((n) => re.test(n.section.title)) ?? node;
    }
    const days = this.firstLines(list).filter((l) => l?.label && parseDays(l.label).length > 0).length;
    const rhythm = ctx?.rhythm || group?.role.role === 'rhythm' || days >= 2;
    const inner: ListContext = {
      group,
      node,
      optional: ctx?.optional ?? node?.itemsOptional ?? false,
      weeks: ctx?.weeks ?? null,
      rhythm,
    };
    for (const item of list.children) this.listItem(item, inner);
  }

  private nearestHint(node: SectionNode | null): ItemKind | null {
    for (let n = node; n; n = n.parent) if (n.kindHint) return n.kindHint;
    return null;
  }

  private listItem(item: ListItem, ctx: ListContext): void {
    const line = lineOf(item);
    const nested = item.children.filter((c): c is List => c.type === 'list');
    const l = this.firstLine(item);
    if (!l || l.empty || /^\[[ xX]?\]$/.test(l.text)) {
      this.use(line, 'empty');
      for (const list of nested) this.list(list, ctx);
      return;
    }
    const role = l.label !== null ? labelRole(l.label) : null;
    if (ctx.rhythm) {
      const days = parseDays(l.label ?? '');
      if (days.length > 0) {
        const hours = parseTimeAmount(l.value);
        const activity = l.value.replace(/\s*\([^)]*\b(hours?|hrs?|h|min|minutes?)\)\s*$/i, '').trim();
        for (const day of days) this.result.rhythm.push({ day, activity, hours });
        this.use(line, 'rhythm');
        return;
      }
    }
    if (role?.role === 'goal') {
      this.setGoal(l.value);
      this.use(line, 'goal');
      return;
    }
    if (role?.role === 'skip') {
      this.listItems({ type: 'list', children: [item] }, 'not-work');
      return;
    }
    if (l.value === '' && l.label !== null && nested.length > 0) {
      this.use(line, 'label');
      const group = { label: l.label, role: role! };
      for (const list of nested) this.list(list, { ...ctx, group, rhythm: role!.role === 'rhythm' });
      return;
    }
    const labelled = role !== null && (role.role === 'kind' || role.role === 'critical');
    const { text, optional } = stripOptional(labelled ? l.value : l.label !== null ? l.text : l.value || l.text);
    const checkbox = item.checked === true || item.checked === false;
    const node = ctx.node;
    let kind: ItemKind;
    if (role?.role === 'kind') kind = role.kind;
    else if (role?.role === 'critical') kind = guessKind(text, 'task');
    else if (ctx.group?.role.role === 'kind') kind = ctx.group.role.kind;
    else if (node?.project) kind = guessKind(text, 'task', l.linkOnly);
    else if (this.nearestHint(node)) kind = this.nearestHint(node)!;
    else if (node?.projects) kind = 'project';
    else kind = guessKind(text, checkbox ? 'task' : 'topic', l.linkOnly);
    const weeks = /^(weeks?|months?)\s+\d/i.test(text) ? parseWeekRange(text) : null;
    const draft = this.draft({
      kind,
      text,
      node,
      group: ctx.group?.label ?? null,
      optional: ctx.optional || optional,
      checked: item.checked === true,
      noted: item.checked === false ? l.noted : null,
      line,
      weeks: weeks ?? ctx.weeks,
      url: l.url,
    });
    this.use(line, 'item');
    for (const list of nested) this.list(list, { ...ctx, optional: draft.optional, weeks: draft.weeks });
  }

  private table(table: Table): void {
    const top = this.top;
    if (top?.nonWork) return;
    const reading = readTable(table);
    if (reading.type === 'rhythm') {
      this.result.rhythm.push(...reading.rows);
      return;
    }
    if (reading.type === 'milestones') {
      this.result.milestones.push(...reading.rows);
      return;
    }
    if (reading.type === 'unknown') {
      this.result.warnings.push(
        `The table at line ${lineOf(table)} has no recognized columns; each row became an item named by its first column.`,
      );
    }
    for (const row of reading.rows) {
      if (row.text === '') continue;
      const { text, optional } = stripOptional(row.text);
      const kind: ItemKind =
        reading.type === 'course' ? 'task' : (this.nearestHint(top) ?? guessKind(text, 'topic'));
      const draft = this.draft({
        kind,
        text,
        node: top,
        group: null,
        optional: optional || (top?.itemsOptional ?? false),
        checked: false,
        line: row.line,
        weeks: row.weeks,
        url: row.url,
      });
      if (row.course) draft.course = row.course;
      draft.effortHours = row.effortHours;
    }
  }
}

/** Walks a parsed document once, in order. */
export function walkRoadmap(root: Root): WalkResult {
  const walker = new RoadmapWalk();
  walker.add(root.children);
  return walker.finish();
}
