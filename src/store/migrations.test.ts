import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BACKUP_TABLES } from './backup.js';
import { openScratchDatabase } from './db.js';
import { BACKUP_SCHEMA, MIGRATIONS } from './migrations.js';

describe('the schema', () => {
  it('indexes the referring column of every foreign key, so a delete never reads a whole table for each row', () => {
    // SQLite looks up the rows referring to each row a delete removes (to cascade, or to refuse):
    // by an index on the referring column if there is one, else by reading the whole table.
    const db = openScratchDatabase();
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const keys = tables.flatMap((table) =>
        (db.pragma(`foreign_key_list(${table})`) as { from: string; table: string }[]).map((fk) => ({ table, column: fk.from, parent: fk.table })),
      );
      expect(keys.length).toBeGreaterThanOrEqual(6);
      const unindexed = keys.filter(({ table, column }) => {
        const indexes = db.pragma(`index_list(${table})`) as { name: string }[];
        // An INTEGER PRIMARY KEY is the table's rowid: no index lists it, and none is needed.
        const primary = (db.pragma(`table_info(${table})`) as { name: string; pk: number; type: string }[]).some(
          (c) => c.name === column && c.pk === 1 && c.type === 'INTEGER',
        );
        return !primary && !indexes.some((index) => (db.pragma(`index_info(${index.name})`) as { name: string }[])[0]?.name === column);
      });
      expect(unindexed).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('numbers a backup by the last migration that changed the tables it holds', () => {
    const db = new Database(':memory:');
    try {
      let shape = '';
      let changed = 0;
      for (const m of MIGRATIONS) {
        db.exec(m.sql);
        // Each table as declared: columns, types, defaults, and the CHECK, UNIQUE and foreign-key rules a row must keep.
        const declared = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
        const now = JSON.stringify(BACKUP_TABLES.map((t) => String(declared.get(t) ?? '').replace(/\s+/g, ' ')));
        if (now !== shape) changed = m.version;
        shape = now;
      }
      expect(changed).toBeGreaterThanOrEqual(2); // plans came with 2
      expect(BACKUP_SCHEMA).toBe(changed);
    } finally {
      db.close();
    }
  });
});
