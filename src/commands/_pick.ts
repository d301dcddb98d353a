import { UsageError } from '../errors.js';
import type { DB } from '../store/db.js';
import { listRoadmaps, type RoadmapRow } from '../store/roadmaps.js';

/** A roadmap named by its name, or a unique fragment of its name or title. */
export function pickRoadmap(db: DB, ref: string): RoadmapRow {
  const all = listRoadmaps(db);
  const exact = all.find((r) => r.name === ref);
  if (exact) return exact;
  const needle = ref.toLowerCase();
  const hits = all.filter((r) => r.name.includes(needle) || r.title.toLowerCase().includes(needle));
  if (hits.length === 1) return hits[0]!;
  const list = (hits.length ? hits : all).map((r) => `  ${r.name} (${r.title})`).join('\n');
  if (hits.length > 1) throw new UsageError(`"${ref}" matches ${hits.length} roadmaps:\n${list}`);
  throw new UsageError(all.length ? `No roadmap is called "${ref}". Roadmaps:\n${list}` : 'No roadmaps yet: `ai-learn import FILE` adds one.');
}
