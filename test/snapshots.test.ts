import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveState } from '../src/core/state.js';
import { loadEvents } from '../src/store/events.js';
import { loadState } from '../src/store/snapshots.js';
import { ok, seed, tempDir } from './helpers/cli.js';

// Write commands bring the stored snapshot of derived state up to date from
// the state they loaded (src/store/snapshots.ts advanceState). Whatever they
// do, the snapshot must be what replaying the whole event log gives.

describe('the derived-state snapshot', () => {
  it('equals a replay of the log after every kind of write, undo included', () => {
    const home = tempDir();
    const now = '2026-03-20T09:00:00';
    ok(home, ['import', seed('000')], { now });
    const writes = [
      ['log', '50m', '--date', '2026-03-18'],
      ['start', '1'],
      ['stop', '-m', 'read half'],
      ['done', '1', '2'],
      ['estimate', '3', '4h'],
      ['note', '3', 'slow going'],
      ['skip', '4'],
      ['undo'],
      ['log', '1h', '2'],
      ['reset', '2'],
      ['undo'],
      ['undo'],
    ];
    const db = () => new Database(join(home, 'ai-learn.db'), { readonly: true });
    for (const args of writes) {
      ok(home, args, { now });
      const conn = db();
      try {
        const { roadmap_id: id, last_event_id: last } = conn.prepare('SELECT roadmap_id, last_event_id FROM snapshots').get() as {
          roadmap_id: number;
          last_event_id: number;
        };
        const events = loadEvents(conn, id);
        expect(last, args.join(' ')).toBe(events.at(-1)!.id); // nothing newer than the snapshot
        expect(loadState(conn, id), args.join(' ')).toEqual(deriveState(events));
      } finally {
        conn.close();
      }
    }
  });
});
