/**
 * A database and a backup made by ai-learn itself at schema version 1, with
 * what that version showed about them (test/fixtures/make-schema-1.mjs).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, ok, ROOT } from './cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SCHEMA1_BACKUP = join(FIXTURES, 'schema-1.backup.json');

interface Seen {
  show: { number: number; key: string; text: string; status: string; effortHours: number }[];
  progress: { percent: number; items: Record<string, number>; hours: { done: number; total: number; logged: number }; sessions: number };
}

export const SCHEMA1: {
  madeBy: string;
  now: string;
  roadmaps: { name: string; title: string; current: boolean }[];
} & Record<string, Seen> = JSON.parse(readFileSync(join(FIXTURES, 'schema-1.expected.json'), 'utf8'));

/** Writes the schema-1 database into `home` from its SQL dump. */
export function loadSchema1(home: string): void {
  const db = new Database(join(home, 'ai-learn.db'));
  try {
    db.exec(readFileSync(join(FIXTURES, 'schema-1.sql'), 'utf8'));
  } finally {
    db.close();
  }
}

/** What `show` and `progress` show of the current roadmap now, trimmed as the fixture was; writes nothing. */
export function seen(home: string): Seen {
  const now = SCHEMA1.now;
  return {
    show: json<any[]>(home, ['show'], { now }).map(({ number, key, text, status, effortHours }) => ({ number, key, text, status, effortHours })),
    progress: (({ percent, items, hours, sessions }) => ({ percent, items, hours, sessions }))(json<any>(home, ['progress'], { now })),
  };
}

/** What `show` and `progress` show of each roadmap now, trimmed as the fixture was; leaves the current roadmap as it was. */
export function seenNow(home: string): Record<string, Seen> {
  const now = SCHEMA1.now;
  const out: Record<string, Seen> = {};
  const current = SCHEMA1.roadmaps.find((r) => r.current)!.name;
  for (const { name } of SCHEMA1.roadmaps) {
    ok(home, ['use', name], { now });
    out[name] = seen(home);
  }
  ok(home, ['use', current], { now });
  return out;
}
