import type { Context, Invocation } from '../context.js';
import { formatMinutes, parseDuration } from '../core/duration.js';
import { appendEvents, itemFinder, requireRoadmap, stamp, transaction, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const minutes = parseDuration(String(inv.args[1]), 1000 * 60);
  const item = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      // An estimate checks nothing of the items' state: it is appended as it is (see appendEvents).
      const roadmap = requireRoadmap(db);
      const item = itemFinder(db, roadmap.id)(String(inv.args[0]));
      appendEvents(db, roadmap.id, [{ type: 'estimate', itemId: item.id, minutes }], stamp(ctx));
      return item;
    }),
  );
  ctx.out(`#${item.number} ${item.text}: estimated at ${formatMinutes(minutes)} (was ${item.effortHours} h).`);
}
