import type { DB } from './db.js';

export interface RoadmapRow {
  id: number;
  name: string;
  title: string;
  source: string;
  contentHash: string;
  modelJson: string;
  startedOn: string;
  importedAt: string;
  updatedAt: string;
}

const COLUMNS = `id, name, title, source, content_hash AS contentHash, model_json AS modelJson,
  started_on AS startedOn, imported_at AS importedAt, updated_at AS updatedAt`;

export function listRoadmaps(db: DB): RoadmapRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM roadmaps ORDER BY id`).all() as RoadmapRow[];
}

export function getRoadmap(db: DB, id: number): RoadmapRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM roadmaps WHERE id = ?`).get(id) as RoadmapRow | undefined;
}

export function findRoadmapByName(db: DB, name: string): RoadmapRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM roadmaps WHERE name = ?`).get(name) as RoadmapRow | undefined;
}

export function findRoadmapBySource(db: DB, source: string): RoadmapRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM roadmaps WHERE source = ? ORDER BY id LIMIT 1`).get(source) as RoadmapRow | undefined;
}

export function insertRoadmap(db: DB, row: Omit<RoadmapRow, 'id'>): number {
  const result = db
    .prepare(
      `INSERT INTO roadmaps (name, title, source, content_hash, model_json, started_on, imported_at, updated_at)
       VALUES (@name, @title, @source, @contentHash, @modelJson, @startedOn, @importedAt, @updatedAt)`,
    )
    .run(row);
  return Number(result.lastInsertRowid);
}

export function updateRoadmapSource(
  db: DB,
  id: number,
  fields: Pick<RoadmapRow, 'title' | 'source' | 'contentHash' | 'modelJson' | 'updatedAt'>,
): void {
  db.prepare(
    `UPDATE roadmaps SET title = @title, source = @source, content_hash = @contentHash,
       model_json = @modelJson, updated_at = @updatedAt WHERE id = @id`,
  ).run({ ...fields, id });
}

export function deleteRoadmap(db: DB, id: number): void {
  db.prepare('DELETE FROM events WHERE roadmap_id = ?').run(id);
  db.prepare('DELETE FROM items WHERE roadmap_id = ?').run(id);
  db.prepare('DELETE FROM plans WHERE roadmap_id = ?').run(id);
  db.prepare('DELETE FROM snapshots WHERE roadmap_id = ?').run(id);
  db.prepare('DELETE FROM roadmaps WHERE id = ?').run(id);
  if (getSetting(db, 'current') === String(id)) deleteSetting(db, 'current');
}

export function getSetting(db: DB, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: DB, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

function deleteSetting(db: DB, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}

/** The roadmap commands act on: the one chosen with `use`, else the only or newest one. */
export function currentRoadmap(db: DB): RoadmapRow | undefined {
  const chosen = getSetting(db, 'current');
  if (chosen) {
    const row = getRoadmap(db, Number(chosen));
    if (row) return row;
  }
  return db.prepare(`SELECT ${COLUMNS} FROM roadmaps ORDER BY id DESC LIMIT 1`).get() as RoadmapRow | undefined;
}
