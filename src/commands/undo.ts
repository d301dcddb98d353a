import type { Context } from '../context.js';
import { formatMinutes } from '../core/duration.js';
import { UserError } from '../errors.js';
import { lastUndoableBatch, type EventRow } from '../store/events.js';
import { loadItemsById, type StoredItem } from '../store/items.js';
import { commit, requireRoadmap, stamp, transaction, withDatabase } from './_store.js';

function describe(e: EventRow, items: Map<number, StoredItem>): string {
  const item = e.itemId === null ? null : items.get(e.itemId);
  const name = item ? `#${item.number} ${item.text}` : '';
  switch (e.type) {
    case 'status':
      return `${e.status} ${name}`;
    case 'session':
      return `log ${formatMinutes(e.minutes ?? 0)} on ${e.day}${item ? ` for ${name}` : ''}`;
    case 'note':
      return `note on ${name}`;
    case 'estimate':
      return `estimate of ${name}`;
    default:
      return `clock on ${name}`;
  }
}

/** Reverses the last command by appending undo events; nothing is deleted. */
export async function run(ctx: Context): Promise<void> {
  const undone = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      const roadmap = requireRoadmap(db);
      const batch = lastUndoableBatch(db, roadmap.id);
      if (!batch) throw new UserError('Nothing to undo.');
      // No state loaded beforehand: it would hold the batch taken back, and only a replay of the
      // whole log could take it out. commit() brings the stored snapshot up to date instead.
      commit(db, roadmap.id, batch.map((e) => ({ type: 'undo' as const, ref: e.id })), stamp(ctx));
      const items = loadItemsById(db, batch.flatMap((e) => (e.itemId === null ? [] : [e.itemId])));
      return batch.filter((e) => e.type !== 'clock').map((e) => describe(e, items));
    }),
  );
  for (const line of undone.length ? undone : ['the clock']) ctx.out(`Undid: ${line}`);
}
