import type { Context, Invocation } from '../context.js';
import { formatMinutes, parseDuration } from '../core/duration.js';
import { commit, itemFinder, loadRoadmapState, stamp, transaction, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const minutes = parseDuration(String(inv.args[1]), 1000 * 60);
  const item = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      const tracked = loadRoadmapState(db);
      const item = itemFinder(db, tracked.roadmap.id)(String(inv.args[0]));
      commit(db, tracked.roadmap.id, [{ type: 'estimate', itemId: item.id, minutes }], stamp(ctx), tracked.state);
      return item;
    }),
  );
  ctx.out(`#${item.number} ${item.text}: estimated at ${formatMinutes(minutes)} (was ${item.effortHours} h).`);
}
