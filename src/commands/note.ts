import type { Context, Invocation } from '../context.js';
import { UsageError } from '../errors.js';
import { appendEvents, itemFinder, requireRoadmap, stamp, transaction, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const text = (inv.args[1] as string[]).join(' ').trim();
  if (text === '') throw new UsageError('Write the note after the item, e.g. `ai-learn note 12 "re-read section 3"`.');
  const item = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      // A note checks nothing of the items' state: it is appended as it is (see appendEvents).
      const roadmap = requireRoadmap(db);
      const item = itemFinder(db, roadmap.id)(String(inv.args[0]));
      appendEvents(db, roadmap.id, [{ type: 'note', itemId: item.id, note: text }], stamp(ctx));
      return item;
    }),
  );
  ctx.out(`Noted on #${item.number} ${item.text}.`);
}
