import type { Context, Invocation } from '../context.js';
import { setSetting } from '../store/roadmaps.js';
import { pickRoadmap } from './_pick.js';
import { transaction, withDatabase } from './_store.js';

export async function run(ctx: Context, inv: Invocation): Promise<void> {
  const roadmap = withDatabase(ctx, 'existing', (db) =>
    transaction(db, () => {
      const roadmap = pickRoadmap(db, String(inv.args[0]));
      setSetting(db, 'current', String(roadmap.id));
      return roadmap;
    }),
  );
  ctx.out(`Now using ${roadmap.name} (${roadmap.title}).`);
}
