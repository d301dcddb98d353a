import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Context, Invocation } from '../context.js';
import { reconcile, type MatchKind, type Reconciliation } from '../core/reconcile.js';
import { FROM_FILE, type DerivedState } from '../core/state.js';
import { UsageError } from '../errors.js';
import { readSource, type Source } from '../io/source.js';
import { textPieces } from '../io/write.js';
import { BUILD } from '../store/views.js';
import { databasePath } from '../store/paths.js';
import type { Item, Roadmap } from '../roadmap/model.js';
// A static import: the bundle requires dist/reader.cjs, which only the commands that read a
// roadmap (import, init, parse) load; an import() of it started Node's ES module loader (40 ms).
import { readRoadmap } from '../roadmap/reader.js';
import type { DB } from '../store/db.js';
import type { NewEvent, Status } from '../store/events.js';
import { loadState } from '../store/snapshots.js';
import { insertItem, itemHeads, highestNumber, itemsToMatch, markItemRemoved, updateItem, type NewItem, type StoredItem } from '../store/items.js';
import {
  findRoadmapByName,
  findRoadmapBySource,
  getSetting,
  insertRoadmap,
  listRoadmaps,
  setSetting,
  updateRoadmapSource,
  type RoadmapRow,
} from '../store/roadmaps.js';
import { commit, printJson, stamp, transaction, withDatabase } from './_store.js';

export interface ImportOptions {
  name?: string;
  dryRun?: boolean;
  json?: boolean;
  /** More writes for the imported roadmap, in the same transaction (`init` stores the plan). */
  alsoWrite?: (db: DB, roadmapId: number) => void;
}

/** The roadmap-level part of the model, stored beside the items. */
export function roadmapMeta(model: Roadmap): Omit<Roadmap, 'items'> {
  const { items: _items, ...meta } = model;
  return meta;
}

export function slugName(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'roadmap';
}

function toNewItem(item: Item, number: number): NewItem {
  return {
    number,
    key: item.key,
    kind: item.kind,
    text: item.text,
    section: item.section,
    group: item.group,
    weeks: item.weeks,
    effortHours: item.effortHours,
    optional: item.optional,
    position: item.number,
    line: item.line,
    ...(item.paper ? { paper: item.paper } : {}),
    ...(item.course ? { course: item.course } : {}),
    ...(item.url ? { url: item.url } : {}),
  };
}

export async function parseSource(ctx: Context, ref: string): Promise<{ source: Source; model: Roadmap }> {
  const source = await readSource(ctx, ref);
  return { source, model: readRoadmap(source.text, { source: source.label }) };
}

type Outcome =
  | { action: 'created'; roadmap: Pick<RoadmapRow, 'name'>; model: Roadmap }
  | { action: 'new'; roadmap: Pick<RoadmapRow, 'name'>; model: Roadmap }
  | Update;

/**
 * An update of a stored roadmap, as it is reported: the file's title,
 * warnings and items, and how they matched the stored ones (a
 * Reconciliation, or for an unchanged file each stored item matching itself).
 */
interface Update {
  action: 'updated' | 'preview';
  roadmap: RoadmapRow;
  model: Pick<Roadmap, 'title' | 'warnings'> & { items: readonly unknown[] };
  diff: {
    matches: readonly { how: MatchKind; old: Pick<StoredItem, 'number' | 'text'>; item: Pick<Item, 'text' | 'section'> }[];
    added: readonly Pick<Item, 'key' | 'text'>[];
    removed: readonly Pick<StoredItem, 'number' | 'text'>[];
  };
}

/**
 * What identifies a file's text as read: the text and the build that read
 * it (another version of ai-learn may read the same text into other
 * items). Stored with the roadmap; a roadmap stored by another build, or
 * before this hash named the build, never counts as unchanged.
 */
function contentHash(text: string): string {
  const hash = createHash('sha256').update(BUILD).update('\0');
  // A piece at a time: Node encodes what it hashes into a buffer of its own, and one of a megabyte,
  // freed before the parse, made glibc keep freed memory of up to that size from then on
  // (its threshold for a chunk of its own rises to the largest freed): 6 MiB more at the import's peak.
  for (const piece of textPieces(text, HASHED_PIECE)) hash.update(piece);
  return hash.digest('hex').slice(0, 16);
}

/** Characters hashed at a time: at most 96 KiB of UTF-8, below glibc's smallest threshold for a chunk of its own (128 KiB). */
const HASHED_PIECE = 32 * 1024;

function findExisting(db: DB, source: Source, model: Roadmap, name: string | undefined): RoadmapRow | undefined {
  if (name) return findRoadmapByName(db, name);
  return findRoadmapBySource(db, source.id) ?? findRoadmapByName(db, slugName(model.title));
}

function uniqueName(db: DB, wanted: string): string {
  const taken = new Set(listRoadmaps(db).map((r) => r.name));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

interface Parsed {
  source: Source;
  model: Roadmap;
  hash: string;
  modelJson: string;
}

function createRoadmap(db: DB, ctx: Context, p: Parsed, options: ImportOptions): Outcome {
  const when = stamp(ctx);
  const name = uniqueName(db, options.name ?? slugName(p.model.title));
  const id = insertRoadmap(db, {
    name,
    title: p.model.title,
    source: p.source.id,
    contentHash: p.hash,
    modelJson: p.modelJson,
    startedOn: when.day,
    importedAt: when.at,
    updatedAt: when.at,
  });
  const checked: NewEvent[] = [];
  for (const item of p.model.items) {
    const itemId = insertItem(db, id, toNewItem(item, item.number));
    checked.push(...statusFromFile(item, itemId));
  }
  commit(db, id, checked, when);
  setSetting(db, 'current', String(id));
  options.alsoWrite?.(db, id);
  return { action: 'created', roadmap: { name }, model: p.model };
}

/**
 * The status the file gives an item, as an event, if it differs from
 * `current`: done for `[x]`; in progress or skipped where an export noted it
 * ("_(in progress)_", "_(skipped)_"), so that an exported checklist imports
 * back with the same statuses. A file without marks gives none: a fresh copy
 * of a roadmap never resets what was done.
 */
function statusFromFile(item: Item, itemId: number, current: Status = 'todo'): NewEvent[] {
  const status = item.checked ? 'done' : item.noted;
  if (!status || status === current) return [];
  return [{ type: 'status', itemId, status, note: item.checked ? FROM_FILE.checked : FROM_FILE.noted }];
}

function updateRoadmap(db: DB, ctx: Context, p: Parsed, existing: RoadmapRow, diff: Reconciliation, options: ImportOptions): Outcome {
  const when = stamp(ctx);
  // Loaded only for an item the file marks (at 10,000 items, 4 MiB at the peak of a re-import without marks).
  let state: DerivedState | undefined;
  let nextNumber = highestNumber(db, existing.id) + 1;
  const checked: NewEvent[] = [];
  for (const m of diff.matches) {
    updateItem(db, m.old.id, toNewItem(m.item, m.old.number));
    if (!m.item.checked && !m.item.noted) continue;
    // The file's marks set a status only where the learner has not: on items never touched, or whose status came from the file.
    state ??= loadState(db, existing.id);
    const current = state.items.get(m.old.id);
    if (!current?.since || current.byFile) checked.push(...statusFromFile(m.item, m.old.id, current?.status));
  }
  for (const item of diff.added) {
    const itemId = insertItem(db, existing.id, toNewItem(item, nextNumber++));
    checked.push(...statusFromFile(item, itemId));
  }
  for (const old of diff.removed) markItemRemoved(db, old.id, when.at);
  commit(db, existing.id, checked, when, state);
  updateRoadmapSource(db, existing.id, { title: p.model.title, source: p.source.id, contentHash: p.hash, modelJson: p.modelJson, updatedAt: when.at });
  setSetting(db, 'current', String(existing.id));
  options.alsoWrite?.(db, existing.id);
  return { action: 'updated', roadmap: existing, model: p.model, diff };
}

/**
 * The update of the stored roadmap `source` was imported into, if the file
 * is unchanged since and read by this build (its hash, contentHash): reading
 * it again would match every stored item to itself and add or remove none,
 * so the file is not parsed and nothing is written but the current roadmap
 * (unless `dryRun`). At 10,000 items reading the file again took 2 s, and
 * updating every item made the next `progress` schedule the plan again.
 */
function unchangedImport(ctx: Context, source: Source, hash: string, options: ImportOptions): Update | null {
  // init stores a plan with its import; a home without a database has no roadmap.
  if (options.alsoWrite || !existsSync(databasePath(ctx.home))) return null;
  return withDatabase(ctx, 'existing', (db) => {
    const roadmap = options.name !== undefined ? findRoadmapByName(db, options.name) : findRoadmapBySource(db, source.id);
    if (!roadmap || roadmap.source !== source.id || roadmap.contentHash !== hash) return null;
    if (!options.dryRun && getSetting(db, 'current') !== String(roadmap.id)) transaction(db, () => setSetting(db, 'current', String(roadmap.id)));
    const { title, warnings } = JSON.parse(roadmap.modelJson) as Pick<Roadmap, 'title' | 'warnings'>;
    const items = [...itemHeads(db, roadmap.id)];
    const matches = items.map((item) => ({ how: 'same' as const, old: item, item }));
    return { action: options.dryRun ? 'preview' : 'updated', roadmap, model: { title, warnings, items }, diff: { matches, added: [], removed: [] } };
  });
}

/**
 * The import's page cache, in KiB (other commands keep 2 MiB, src/store/db.ts):
 * it writes while the parse's memory is still held, at the peak of the
 * command. Importing 1.2 MB peaked 2.6 MiB lower than with 2 MiB, in the
 * same time (11 alternating runs).
 */
const IMPORT_PAGE_CACHE_KIB = 512;

/** Imports a roadmap, or updates the stored one it replaces keeping all progress. */
export async function importSource(ctx: Context, ref: string, options: ImportOptions): Promise<Outcome> {
  if (options.name !== undefined && slugName(options.name) !== options.name) {
    throw new UsageError(`"${options.name}" cannot be a roadmap name; use lowercase letters, digits and dashes, e.g. ${slugName(options.name)}.`);
  }
  const source = await readSource(ctx, ref);
  const hash = contentHash(source.text);
  const unchanged = unchangedImport(ctx, source, hash, options);
  if (unchanged) return unchanged;
  const model = readRoadmap(source.text, { source: source.label });
  const p: Parsed = { source, model, hash, modelJson: JSON.stringify(roadmapMeta(model)) };
  const fresh: Outcome = { action: 'new', roadmap: { name: options.name ?? slugName(model.title) }, model };
  if (options.dryRun && !existsSync(databasePath(ctx.home))) return fresh;
  return withDatabase(ctx, options.dryRun ? 'existing' : 'create', (db) => {
    db.pragma(`cache_size = -${IMPORT_PAGE_CACHE_KIB}`);
    // Look up and write in one transaction: two imports at once must not both create the roadmap.
    const work = (): Outcome => {
      const existing = findExisting(db, source, model, options.name);
      if (!existing) return options.dryRun ? fresh : createRoadmap(db, ctx, p, options);
      const diff = reconcile(itemsToMatch(db, existing.id), model.items);
      if (options.dryRun) return { action: 'preview', roadmap: existing, model, diff };
      return updateRoadmap(db, ctx, p, existing, diff, options);
    };
    return options.dryRun ? work() : transaction(db, work);
  });
}

function summary(model: Roadmap): string {
  const weeks = model.totalWeeks ? `, ${model.totalWeeks} weeks` : '';
  // Optional items are outside the totals until the learner opts into them (`plan --include`).
  const optional = model.items.filter((i) => i.optional).length;
  return `${model.items.length} items${optional > 0 ? ` (${optional} optional)` : ''} in ${model.sections.length} sections${weeks}`;
}

export function describeOutcome(outcome: Outcome): string[] {
  const lines: string[] = [];
  if (outcome.action === 'created' || outcome.action === 'new') {
    const verb = outcome.action === 'new' ? 'Would import' : 'Imported';
    lines.push(`${verb} "${outcome.model.title}" as ${outcome.roadmap.name}: ${summary(outcome.model)}.`);
    if (outcome.action === 'new') lines.push('Nothing was stored (--dry-run).');
  } else {
    const { diff } = outcome;
    const count = (how: string) => diff.matches.filter((m) => m.how === how).length;
    const verb = outcome.action === 'preview' ? 'Would update' : 'Updated';
    lines.push(
      `${verb} ${outcome.roadmap.name}: ${count('same')} unchanged, ${count('changed') + count('moved')} moved or edited, ` +
        `${count('reworded')} reworded, ${diff.added.length} added, ${diff.removed.length} removed.`,
    );
    for (const m of diff.matches) {
      if (m.how === 'reworded') lines.push(`  ~ #${m.old.number} "${m.old.text}" → "${m.item.text}" (progress kept)`);
      if (m.how === 'moved') lines.push(`  > #${m.old.number} ${m.item.text}: now under ${m.item.section.join(' / ') || 'the top'}`);
    }
    for (const item of diff.added) lines.push(`  + ${item.text}`);
    for (const old of diff.removed) lines.push(`  - #${old.number} ${old.text} (no longer in the file; its history is kept)`);
    if (outcome.action === 'preview') lines.push('Nothing was stored (--dry-run).');
  }
  for (const w of outcome.model.warnings) lines.push(`warning: ${w}`);
  return lines;
}

export function outcomeJson(outcome: Outcome) {
  const base = { action: outcome.action, name: outcome.roadmap.name, title: outcome.model.title, items: outcome.model.items.length, warnings: outcome.model.warnings };
  if (outcome.action === 'created' || outcome.action === 'new') return base;
  const { diff } = outcome;
  return {
    ...base,
    matched: diff.matches.map((m) => ({ number: m.old.number, how: m.how, text: m.item.text, was: m.old.text })),
    added: diff.added.map((i) => ({ key: i.key, text: i.text })),
    removed: diff.removed.map((o) => ({ number: o.number, text: o.text })),
  };
}

export async function run(ctx: Context, inv: Invocation<ImportOptions>): Promise<void> {
  const outcome = await importSource(ctx, String(inv.args[0]), inv.opts);
  if (inv.opts.json) return printJson(ctx, outcomeJson(outcome));
  for (const line of describeOutcome(outcome)) ctx.out(line);
  if (outcome.action === 'created') ctx.out('Next: `ai-learn progress` shows where you stand.');
}
