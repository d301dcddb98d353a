/**
 * A roadmap back as a markdown checklist that `ai-learn import` reads into
 * the same items: same texts, done items checked.
 */
import type { Day } from '../core/dates.js';
import { guessKind, labelRole, sectionKind } from '../roadmap/kinds.js';
import type { HoursRange, ItemKind, MilestoneRow, RhythmEntry } from '../roadmap/model.js';
import type { Status } from '../store/events.js';

export interface MarkdownItem {
  kind: ItemKind;
  text: string;
  section: readonly string[];
  group: string | null;
  optional: boolean;
  url?: string | undefined;
}

export interface ItemStatus {
  status: Status;
  /** The local day the status was set; shown for done items. */
  day: Day | null;
}

export interface MarkdownInput<T extends MarkdownItem> {
  title: string;
  hoursPerWeek: HoursRange | null;
  projectHoursPerWeek: HoursRange | null;
  rhythm: readonly RhythmEntry[];
  milestones: readonly MilestoneRow[];
  /** In document order. */
  items: readonly T[];
  /** Looked up as each item is written: 10,000 items are not copied to carry it. */
  statusOf: (item: T) => ItemStatus;
}

/** The bold labels the reader turns into each kind. */
const KIND_LABEL: Record<ItemKind, string> = {
  task: '**Task:**',
  topic: '**Key Concepts**:',
  reading: '**Reading:**',
  resource: '**Resource:**',
  project: '**Project:**',
  deliverable: '**Deliverable:**',
  checkpoint: '**Checkpoint:**',
  milestone: '**Milestone**:',
};

/** Backslash-escapes what markdown would read as markup. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>~#]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

function range(r: HoursRange): string {
  return r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function commonLength(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/**
 * The reader files a list under "**Phase 1 Checkpoint:**" in the open
 * "Phase 1" section even when a week inside it was the last heading, as
 * roadmaps write it; then no heading has to be repeated.
 */
function groupReaches(group: string | null, path: readonly string[], open: readonly string[]): boolean {
  const named = group ? /^(phase|stage|month|part|module|unit)\s+(\d+)\b/i.exec(group) : null;
  if (!named || path.length === 0 || commonLength(path, open) !== path.length) return false;
  const re = new RegExp(`^${named[1]}s?\\s+${named[2]}\\b`, 'i');
  for (let k = open.length - 1; k >= 0; k--) if (re.test(open[k]!)) return k === path.length - 1;
  return false;
}

/** The kind the reader gives an unlabelled checkbox in this place. */
function inferredKind(text: string, path: readonly string[], group: string | null): ItemKind {
  const byGroup = group ? labelRole(group) : null;
  if (byGroup?.role === 'kind') return byGroup.kind;
  for (let k = path.length - 1; k >= 0; k--) {
    const role = labelRole(path[k]!);
    if (role.role === 'kind') return role.kind;
  }
  if (path.length > 0 && sectionKind(path[path.length - 1]!) === 'projects') return 'project';
  return guessKind(text, 'task');
}

function link(url: string): string {
  if (/[<>\s]/.test(url)) return '';
  return ` ([link](${/[()]/.test(url) ? `<${url}>` : url}))`;
}

function itemLine(item: MarkdownItem, { status, day }: ItemStatus, indent: string, marker: string, where: { path: readonly string[]; group: string | null }): string {
  const box = status === 'done' ? '[x]' : '[ ]';
  const label = item.kind === inferredKind(item.text, where.path, where.group) ? '' : `${KIND_LABEL[item.kind]} `;
  const optional = item.optional ? 'Optional: ' : '';
  let note = '';
  if (status === 'done' && day) note = ` _(done ${day})_`;
  if (status === 'skipped') note = ' _(skipped)_';
  if (status === 'doing') note = ' _(in progress)_';
  return `${indent}${marker} ${box} ${label}${optional}${escapeText(item.text)}${item.url ? link(item.url) : ''}${note}`;
}

/**
 * A project written as a heading inside a block of projects ("### 2. RL
 * Fine-Tuning" under "## Projects") is an item itself; its items are nested
 * under it, because writing the heading again would make a second project.
 */
function projectChildren(items: readonly MarkdownItem[], i: number): number {
  const project = items[i]!;
  const parent = project.section;
  if (project.kind !== 'project' || parent.length === 0 || sectionKind(parent[parent.length - 1]!) !== 'projects') return 0;
  let n = 0;
  for (let j = i + 1; j < items.length; j++) {
    const s = items[j]!.section;
    const own = s.length === parent.length + 1 && commonLength(s, parent) === parent.length;
    if (!own || s[parent.length]!.replace(/^\d+(\.\d+)*[.)]?\s+/, '').trim() !== project.text) break;
    n += 1;
  }
  return n;
}

function table(header: string[], rows: string[][]): string[] {
  const cell = (c: string) => escapeText(c).replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/**
 * Renders the roadmap as a checklist: headings from the items' section paths
 * (depth d as heading level d+1), bold group labels, kind labels where the
 * reader would guess another kind, and the roadmap's pace, rhythm and
 * milestone tables. Pure.
 */
export function renderMarkdown<T extends MarkdownItem>(input: MarkdownInput<T>): string {
  const out: string[] = [`# ${escapeText(input.title)}`];
  if (input.hoursPerWeek) out.push('', `Plan on ${range(input.hoursPerWeek)} hours/week.`);
  if (input.projectHoursPerWeek) out.push('', `**During Project Phases:** Scale to ${range(input.projectHoursPerWeek)} hours/week`);

  let open: string[] = [];
  let run: { path: readonly string[]; group: string | null } | null = null;
  let marker = '-';
  const items = input.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const path = item.section;
    const sameRun = run !== null && samePath(run.path, path) && run.group === item.group;
    if (!sameRun) {
      const here = samePath(open, path) || path.length === 0 || groupReaches(item.group, path, open);
      if (!here) {
        // A path that only goes back up repeats its last heading: markdown has no other way up.
        const keep = Math.min(commonLength(open, path), path.length - 1);
        for (let d = keep; d < path.length; d++) out.push('', `${'#'.repeat(Math.min(6, d + 2))} ${escapeText(path[d]!)}`);
        open = [...path];
      }
      out.push('');
      if (item.group) out.push(`**${escapeText(item.group)}:**`);
      // Straight after another list, only a new bullet character starts a new
      // list, so that the group of the one before ends there.
      marker = here && !item.group && run !== null ? (marker === '-' ? '*' : '-') : '-';
      run = { path, group: item.group };
    }
    out.push(itemLine(item, input.statusOf(item), '', marker, run!));
    const nested = projectChildren(items, i);
    for (let j = i + 1; j <= i + nested; j++) out.push(itemLine(items[j]!, input.statusOf(items[j]!), '  ', '-', run!));
    i += nested;
  }

  if (input.rhythm.length > 0) {
    const day = (d: string) => d.charAt(0).toUpperCase() + d.slice(1);
    const rows = input.rhythm.map((r) => [day(r.day), r.activity, r.hours === null ? '' : `${r.hours} hr`]);
    out.push('', '## Weekly Rhythm', '', ...table(['Day', 'Activity', 'Time'], rows));
  }
  if (input.milestones.length > 0) {
    const rows = input.milestones.map((m) => [m.week === null ? '' : String(m.week), m.text]);
    out.push('', '## Milestones', '', ...table(['Week', 'Milestone'], rows));
  }
  return `${out.join('\n')}\n`;
}
