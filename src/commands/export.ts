import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Context, Invocation } from '../context.js';
import { UserError, UsageError } from '../errors.js';
import { writeSessionsCsv } from '../export/csv.js';
import { eachSession } from '../store/events.js';
import { renderMarkdown, type ItemStatus } from '../export/markdown.js';
import { loadItemLabels, type StoredItem } from '../store/items.js';
import { loadPlanned, metaOf, type Planned } from './_plan.js';
import { loadTracked, requireRoadmap, withDatabase, type Tracked } from './_store.js';
import { writeAllSync } from '../io/write.js';

interface Output {
  text: string;
  /** What `-o FILE` reports having written. */
  what: string;
}

/** Opens the destination and gives the function that writes to it. */
type Open = () => (text: string) => void;

/**
 * What an export writes: `writeTo` opens the destination only once the data
 * can be read (a failed export leaves an earlier file as it was), writes it,
 * whole or in pieces as it is made (the backup), and says what it wrote.
 */
type Export = (open: Open) => string;

/** An output made whole before it is written. */
const whole = ({ text, what }: Output): Export => (open) => (open()(text), what);

function markdown(t: Tracked): Output {
  const statusOf = (item: StoredItem): ItemStatus => {
    const s = t.state.items.get(item.id);
    return { status: s?.status ?? 'todo', day: s?.sinceDay ?? null };
  };
  const done = t.items.filter((i) => statusOf(i).status === 'done').length;
  const text = renderMarkdown({ ...metaOf(t.roadmap), title: t.roadmap.title, items: t.items, statusOf });
  return { text, what: `${t.items.length} items (${done} done)` };
}

async function ics(p: Planned, now: Date): Promise<Output> {
  // Only this format needs the calendar library: other commands never load it.
  const { renderIcs } = await import('../export/ics.js');
  const text = renderIcs({
    name: p.roadmap.name,
    title: p.roadmap.title,
    rhythm: p.meta.rhythm,
    plan: p.plan,
    itemText: new Map(p.items.map((i) => [i.number, i.text])),
    now,
  });
  return { text, what: `the plan from ${p.plan.start} to ${p.plan.finish} and ${p.plan.milestones.length} milestones` };
}

async function render(ctx: Context, format: string): Promise<Export> {
  if (format === 'json') {
    // Loaded here, not above: the backup module brings zod, which the other formats never need.
    const { writeBackup } = await import('../store/backup.js');
    return (open) => {
      const counts = withDatabase(ctx, 'read', (db) => writeBackup(db, ctx.now.toISOString(), open()));
      return `a backup of ${counts.roadmaps} roadmaps and ${counts.events} events`;
    };
  }
  if (format !== 'md' && format !== 'csv' && format !== 'ics') {
    throw new UsageError(`Unknown export format "${format}": use json, md, ics or csv.`);
  }
  // Only the calendar needs the dated plan; the checklist needs the items' state, the sessions only the items.
  if (format === 'ics') return whole(await ics(withDatabase(ctx, 'read', (db) => loadPlanned(db, ctx)), ctx.now));
  if (format === 'md') return whole(markdown(withDatabase(ctx, 'read', loadTracked)));
  return (open) => {
    const count = withDatabase(ctx, 'read', (db) =>
      db.transaction(() => {
        const roadmap = requireRoadmap(db);
        return writeSessionsCsv(eachSession(db, roadmap.id), loadItemLabels(db, roadmap.id), open());
      })(),
    );
    return `${count} sessions`;
  };
}

/** Writes a backup (json), the roadmap as a checklist (md), the plan as a calendar (ics) or the sessions (csv). */
export async function run(ctx: Context, inv: Invocation<{ format: string; output?: string }>): Promise<void> {
  const writeTo = await render(ctx, inv.opts.format ?? 'json');
  const file = inv.opts.output;
  if (!file) {
    try {
      writeTo(() => (text) => writeAllSync(1, text));
    } catch (error) {
      // The reader went away (`| head`): nothing is left to write for.
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return;
  }
  const what = writeFile(file, writeTo);
  ctx.err(`Wrote ${what} to ${file}.`);
}

/**
 * Writes an output to `file` through `writeTo`. A regular file (or a new
 * one) is written beside it, with its permissions, and renamed over it once
 * complete and synced: a full disk or any other failure leaves an earlier
 * file (last week's backup) as it was. Anything else (a pipe, /dev/stdout)
 * is written directly.
 */
function writeFile(file: string, writeTo: Export): string {
  const cannot = (cause: unknown) => new UserError(`Cannot write ${file} (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`, { cause });
  let existing: Stats | undefined;
  try {
    existing = statSync(file);
  } catch {
    existing = undefined; // a new file
  }
  const direct = existing !== undefined && !existing.isFile();
  const path = direct ? file : join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    const what = writeTo(() => {
      try {
        fd = openSync(path, 'w');
        if (existing && !direct) fchmodSync(fd, existing.mode & 0o777);
      } catch (cause) {
        throw cannot(cause);
      }
      const to = fd;
      return (text) => {
        try {
          writeAllSync(to, text);
        } catch (cause) {
          throw cannot(cause);
        }
      };
    });
    if (fd === undefined) throw new Error('the output was never opened');
    try {
      if (!direct) fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
      if (!direct) renameSync(path, file);
    } catch (cause) {
      throw cannot(cause);
    }
    return what;
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (!direct) rmSync(path, { force: true });
  }
}
