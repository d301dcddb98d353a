import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayOfEpoch, epochDay } from '../src/core/dates.js';
import { deriveState, type DayState, type DerivedState } from '../src/core/state.js';
import { appendEvents, commit } from '../src/commands/_store.js';
import { appendBatch, loadEvents, type NewEvent } from '../src/store/events.js';
import { SCHEMA_VERSION } from '../src/store/migrations.js';
import { loadDays, loadState, loadStatuses, saveSnapshot } from '../src/store/snapshots.js';
import { ok, seed, tempDir } from './helpers/cli.js';

// Write commands bring the derived state up to date from the state they
// loaded (src/store/snapshots.ts advanceState), and store it as the snapshot
// unless the stored one is only a few events behind. Whatever they do, the
// snapshot plus the events after it must be what replaying the whole log
// gives, and no undo after the stored snapshot may take back an event before
// it (reads would replay all).

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
        // An undo after the snapshot of an event before it would make every read replay the log.
        expect(events.filter((e) => e.id > last && e.type === 'undo' && (e.ref ?? 0) <= last), args.join(' ')).toEqual([]);
        // The state an undo loaded holds what it takes back: it gets a new state, and stores it.
        if (args[0] === 'undo') expect(last, 'an undo stores the snapshot').toBe(events.at(-1)!.id);
        expect(loadState(conn, id), args.join(' ')).toEqual(deriveState(events));
        expect(loadDays(conn, id), args.join(' ')).toEqual(daysOf(deriveState(events)));
      } finally {
        conn.close();
      }
    }
  });

  // Writes that load the state (commit) and writes that append without it (appendEvents, as log,
  // stop and status changes do) keep the snapshot by one rule: stored again once 100 events follow it.
  const when = { at: '2026-03-20T09:00:00.000Z', day: '2026-03-20' };
  const session: NewEvent = { type: 'session', itemId: null, minutes: 5 };
  it.each([
    {
      writes: 'mostly sessions, every other one appended without the state, now and then a status change',
      count: 250,
      write: (conn: Database.Database, id: number, i: number) => {
        if (i % 50 === 49) commit(conn, id, [{ type: 'status', itemId: firstItem(conn, id), status: i % 100 === 49 ? 'doing' : 'todo' }], when, loadState(conn, id));
        else if (i % 2 === 1) appendEvents(conn, id, [session], when);
        else commit(conn, id, [session], when, loadState(conn, id));
      },
      // Stored twice or three times in 250 writes (the status changes may store it early), not 250 times.
      storedTimes: [2, 4],
    },
    {
      writes: 'sessions only, all appended without the state',
      count: 230,
      write: (conn: Database.Database, id: number, i: number) => appendEvents(conn, id, [{ ...session, itemId: i % 3 === 0 ? firstItem(conn, id) : null }], when),
      // The first snapshot, then one after each 100 sessions.
      storedTimes: [3, 3],
    },
  ])('is stored again once 100 events follow it, and what reads load equals a replay: $writes', ({ count, write, storedTimes }) => {
    const { conn, id } = trackedDatabase();
    try {
      const storedAt = () => (conn.prepare('SELECT last_event_id AS n FROM snapshots WHERE roadmap_id = ?').get(id) as { n: number }).n;
      const first = storedAt();
      const stored = new Set<number>([first]);
      for (let i = 0; i < count; i++) {
        conn.transaction(() => write(conn, id, i))();
        const last = storedAt();
        stored.add(last);
        const events = loadEvents(conn, id);
        expect(events.at(-1)!.id - last, `write ${i}`).toBeLessThan(100);
        expect(loadState(conn, id), `write ${i}`).toEqual(deriveState(events));
        expect(loadDays(conn, id), `write ${i}`).toEqual(daysOf(deriveState(events)));
      }
      expect(stored.size).toBeGreaterThanOrEqual(storedTimes[0]!);
      expect(stored.size).toBeLessThanOrEqual(storedTimes[1]!);
      expect(Math.max(...stored)).toBeGreaterThan(first);
    } finally {
      conn.close();
    }
  });

  it('is never left behind an undo appended without the state: appendEvents refuses one, and stores nothing', () => {
    const { conn, id } = trackedDatabase();
    try {
      const before = loadEvents(conn, id).length;
      expect(() => conn.transaction(() => appendEvents(conn, id, [{ type: 'undo', ref: 1 }], when))()).toThrow(/commit\(\)/);
      expect(loadEvents(conn, id)).toHaveLength(before);
    } finally {
      conn.close();
    }
  });

  it('takes an undo of a later event without a replay of the log, and replays the log for an undo of an event it holds', () => {
    const { conn, id } = trackedDatabase();
    try {
      const when = { at: '2026-03-20T09:00:00.000Z', day: '2026-03-20' };
      const storedAt = () => (conn.prepare('SELECT last_event_id AS n FROM snapshots WHERE roadmap_id = ?').get(id) as { n: number }).n;
      // A mark no replay gives: the stored snapshot counts 1,000 sessions more.
      const marked = loadState(conn, id);
      marked.sessionCount += 1000;
      saveSnapshot(conn, id, marked);
      const withMark = (s: DerivedState) => ({ ...s, sessionCount: s.sessionCount + 1000 });

      commit(conn, id, [{ type: 'session', itemId: firstItem(conn, id), minutes: 30 }], when, loadState(conn, id));
      const session = loadEvents(conn, id).at(-1)!;
      // As `undo` does: no state of its own (it would hold the session), so the stored snapshot is caught up.
      commit(conn, id, [{ type: 'undo', ref: session.id }], when);
      const replay = deriveState(loadEvents(conn, id));
      expect(replay.minutesByDay.get('2026-03-20')).toBeUndefined();
      expect(loadState(conn, id), 'the mark shows: no replay').toEqual(withMark(replay));
      expect(loadDays(conn, id)).toEqual(daysOf(withMark(replay)));

      // Undoing the very last event the snapshot holds needs the whole log: the mark is gone, and the replay stored.
      commit(conn, id, [{ type: 'session', itemId: null, minutes: 45 }], when);
      const held = loadEvents(conn, id).at(-1)!;
      expect(storedAt(), 'the snapshot holds the session').toBe(held.id);
      commit(conn, id, [{ type: 'undo', ref: held.id }], when);
      const events = loadEvents(conn, id);
      expect(storedAt()).toBe(events.at(-1)!.id);
      expect(loadState(conn, id)).toEqual(deriveState(events));
      expect(loadState(conn, id).minutesByDay.get('2026-03-20')).toBeUndefined();
    } finally {
      conn.close();
    }
  });

  it('is saved by a read only if nothing was written since it read the log', () => {
    const { conn, id } = trackedDatabase();
    try {
      const revision = (conn.prepare('SELECT n FROM revision').get() as { n: number }).n;
      const storedRow = () => conn.prepare('SELECT last_event_id, days, items FROM snapshots WHERE roadmap_id = ?').get(id);
      const before = storedRow();
      const state = deriveState(loadEvents(conn, id));
      state.sessionCount = 99; // a state no replay gives, so a save would show
      saveSnapshot(conn, id, state, revision - 1);
      expect(storedRow()).toEqual(before);
      saveSnapshot(conn, id, state, revision);
      expect(storedRow()).not.toEqual(before);
    } finally {
      conn.close();
    }
  });
});

describe('the days of the state, read without its items (streak, calendar)', () => {
  it('equal a replay of the log: after sessions and status changes, with an undo after the snapshot, and from an older snapshot', () => {
    const { conn, id } = trackedDatabase();
    try {
      const when = { at: '2026-03-21T09:00:00.000Z', day: '2026-03-21' };
      const replay = () => daysOf(deriveState(loadEvents(conn, id)));
      // Events after the snapshot, of items the days-only read does not load.
      commit(conn, id, [{ type: 'session', itemId: firstItem(conn, id), minutes: 25 }], when, loadState(conn, id));
      commit(conn, id, [{ type: 'status', itemId: firstItem(conn, id) + 1, status: 'doing' }], { at: '2026-03-22T09:00:00.000Z', day: '2026-03-22' }, loadState(conn, id));
      expect(loadDays(conn, id).studyDays).toContain(epochDay('2026-03-22'));
      expect(loadDays(conn, id)).toEqual(replay());

      loadState(conn, id, 'always'); // stores the snapshot, whose days now hold the session
      const saved = conn.prepare('SELECT days, items FROM snapshots WHERE roadmap_id = ?').get(id);
      const set = (sql: string) => conn.prepare(`UPDATE snapshots SET ${sql} WHERE roadmap_id = ?`).run(id);
      // The days come from the snapshot, and its items are never parsed: a day
      // slipped into its days shows, though its items are not even JSON.
      set(`days = replace(days, '"days":[', '"days":[["1999-01-01",7],'), items = 'not json'`);
      expect(loadDays(conn, id).minutesByDay.get('1999-01-01')).toBe(7);
      expect(loadState(conn, id), 'the whole state is replayed from the log').toEqual(deriveState(loadEvents(conn, id)));

      // A snapshot of the format before is rebuilt, not misread,
      set(`days = '{"v":3,"days":[["2000-01-01",999]],"study":[],"sessions":0,"minutes":0,"clock":null}', items = '[]'`);
      expect(loadDays(conn, id)).toEqual(replay());
      // and the first read that loads the whole state stores it again, as it was before.
      loadState(conn, id);
      expect(conn.prepare('SELECT days, items FROM snapshots WHERE roadmap_id = ?').get(id)).toEqual(saved);
      // So is one of a later version, and one that is not JSON.
      set(`days = '{"v":99,"days":[["2000-01-01",999]],"study":[],"sessions":0,"minutes":0,"clock":null}'`);
      expect(loadDays(conn, id)).toEqual(replay());
      set(`days = 'days'`);
      expect(loadDays(conn, id)).toEqual(replay());
      loadState(conn, id);
      expect(conn.prepare('SELECT days, items FROM snapshots WHERE roadmap_id = ?').get(id)).toEqual(saved);

      // An undo after the snapshot of an event the snapshot holds: only a replay of the whole log can apply it.
      const session = loadEvents(conn, id).findLast((e) => e.type === 'session')!;
      appendBatch(conn, id, [{ type: 'undo', ref: session.id }], when);
      expect(loadDays(conn, id).minutesByDay.get('2026-03-21')).toBeUndefined();
      expect(loadDays(conn, id)).toEqual(replay());
    } finally {
      conn.close();
    }
  });
});

describe('schema 8', () => {
  it('splits a format-3 snapshot into its days, study days as numbers, and its items as they were, and drops one of another format', () => {
    const home = tempDir();
    ok(home, ['import', seed('000')]);
    ok(home, ['done', '1']);
    ok(home, ['start', '2']);
    ok(home, ['skip', '3']);
    ok(home, ['log', '50m']);
    ok(home, ['import', seed('001')]);
    const file = join(home, 'ai-learn.db');
    let conn = new Database(file);
    const ids = (conn.prepare('SELECT id FROM roadmaps ORDER BY id').pluck().all() as number[]);
    for (const id of ids) loadState(conn, id, 'always');
    const read = () => conn.prepare('SELECT roadmap_id AS id, last_event_id AS last, days, statuses, items FROM snapshots ORDER BY roadmap_id').all() as {
      id: number;
      last: number;
      days: string;
      statuses: string;
      items: string;
    }[];
    const [first, second] = read();
    const days = JSON.parse(first!.days) as { v: number; study: number[]; sessions: number };
    expect(days).toMatchObject({ v: 4, study: [epochDay('2026-03-02')] });
    expect(JSON.parse(first!.statuses)).toMatchObject({ doing: [expect.any(Number)], done: [expect.any(Number)], skipped: [expect.any(Number)] });
    // Back to schema 7: one column, format 3 (the same object with its items
    // last, study days as text), with a session count no replay gives, so a
    // rebuild would show.
    const marked = JSON.stringify({ ...days, sessions: 4242 });
    const v3 = JSON.stringify({ ...days, v: 3, study: days.study.map(dayOfEpoch), sessions: 4242 });
    conn.exec(`DROP TABLE snapshots;
      CREATE TABLE snapshots (roadmap_id INTEGER PRIMARY KEY REFERENCES roadmaps(id) ON DELETE CASCADE, last_event_id INTEGER NOT NULL, data TEXT NOT NULL);
      DELETE FROM schema_version WHERE version >= 8;`);
    // And without what schema 9 added, which the migrations make again.
    for (const name of conn.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'plan\\_%' ESCAPE '\\'").pluck().all() as string[]) {
      conn.exec(`DROP TRIGGER ${name}`);
    }
    conn.exec('DROP TABLE plan_revision; DROP TABLE plan_views;');
    const insert = conn.prepare('INSERT INTO snapshots VALUES (?, ?, ?)');
    insert.run(first!.id, first!.last, `${v3.slice(0, -1)},"items":${first!.items}}`);
    insert.run(second!.id, second!.last, `{"v":2,"items":${second!.items},"days":[]}`);
    conn.close();

    ok(home, ['streak']); // opens the database, so migrates it
    conn = new Database(file);
    try {
      expect(conn.prepare('SELECT max(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
      expect(read()).toEqual([{ ...first, days: marked }]);
      expect(loadDays(conn, first!.id).sessionCount, 'the split snapshot is read, not rebuilt').toBe(4242);
      expect(loadState(conn, second!.id), 'the dropped one is replayed').toEqual(deriveState(loadEvents(conn, second!.id)));
    } finally {
      conn.close();
    }
  });
});

describe('the statuses of the items and the days they were done, read without the rest of their state (next, progress)', () => {
  it('equal a replay of the log: after status changes, with an undo after the snapshot, and from another format', () => {
    const { conn, id } = trackedDatabase();
    try {
      const first = firstItem(conn, id);
      const replay = () => {
        const status = new Map<number, string>();
        const doneOn = new Map<number, string>();
        for (const [item, s] of deriveState(loadEvents(conn, id)).items) {
          if (s.status !== 'todo') status.set(item, s.status);
          if (s.status === 'done') doneOn.set(item, s.sinceDay!);
        }
        return { status, doneOn };
      };
      const at = (day: string) => ({ at: `${day}T09:00:00.000Z`, day });
      loadState(conn, id, 'always');
      // Events after the snapshot: a start, a skip, a finish, a reset, and an undo of one of them.
      commit(conn, id, [{ type: 'status', itemId: first + 1, status: 'doing' }], at('2026-03-21'), loadState(conn, id));
      commit(conn, id, [{ type: 'status', itemId: first + 2, status: 'skipped' }], at('2026-03-21'), loadState(conn, id));
      commit(conn, id, [{ type: 'status', itemId: first + 3, status: 'done' }], at('2026-03-22'), loadState(conn, id));
      commit(conn, id, [{ type: 'status', itemId: first, status: 'todo' }], at('2026-03-22'), loadState(conn, id));
      const skip = loadEvents(conn, id).find((e) => e.itemId === first + 2)!;
      appendBatch(conn, id, [{ type: 'undo', ref: skip.id }], at('2026-03-23'));
      expect(loadStatuses(conn, id)).toEqual({ status: new Map([[first + 1, 'doing'], [first + 3, 'done']]), doneOn: new Map([[first + 3, '2026-03-22']]) });
      expect(loadStatuses(conn, id)).toEqual(replay());

      loadState(conn, id, 'always');
      // A done item named by a newer event that sets no status keeps the day it was done.
      commit(conn, id, [{ type: 'session', itemId: first + 3, minutes: 30 }], at('2026-03-25'), loadState(conn, id));
      expect(loadStatuses(conn, id).doneOn).toEqual(new Map([[first + 3, '2026-03-22']]));
      loadState(conn, id, 'always');
      const stored = () => conn.prepare('SELECT statuses, items FROM snapshots WHERE roadmap_id = ?').get(id) as { statuses: string; items: string };
      const saved = stored();
      expect(JSON.parse(saved.statuses)).toEqual({ v: 5, doing: [first + 1], done: [first + 3], doneOn: ['2026-03-22'], skipped: [] });
      const set = (sql: string) => conn.prepare(`UPDATE snapshots SET ${sql} WHERE roadmap_id = ?`).run(id);
      // The statuses come from their own column: the items' state is never parsed.
      set(`statuses = '{"v":5,"doing":[],"done":[${first}],"doneOn":["2026-01-02"],"skipped":[]}', items = 'not json'`);
      expect(loadStatuses(conn, id)).toEqual({ status: new Map([[first, 'done']]), doneOn: new Map([[first, '2026-01-02']]) });
      set(`items = '${saved.items}'`);
      // A column of another version, without one of its lists, or not JSON, is
      // rebuilt from the log and stored again, though the days and items are whole.
      const older = `{"v":4,"doing":[],"done":[${first}],"skipped":[]}`;
      for (const bad of [older, `{"v":5,"doing":[],"done":[${first}],"skipped":[]}`, `{"v":5,"doing":[],"done":[${first}],"doneOn":[]}`, 'statuses']) {
        set(`statuses = '${bad}'`);
        expect(loadStatuses(conn, id), bad).toEqual(replay());
        expect(stored(), bad).toEqual(saved);
      }
      // More than 1,000 newer events: the read stores the snapshot, as a read of the whole state does.
      appendBatch(conn, id, Array.from({ length: 1001 }, (): NewEvent => ({ type: 'session', itemId: null, minutes: 1 })), at('2026-03-23'));
      expect(loadStatuses(conn, id)).toEqual(replay());
      expect(conn.prepare('SELECT last_event_id FROM snapshots WHERE roadmap_id = ?').pluck().get(id)).toBe(loadEvents(conn, id).at(-1)!.id);

      // An undo after the snapshot of an event the snapshot holds: only a replay of the whole log can apply it.
      const done = loadEvents(conn, id).find((e) => e.itemId === first + 3 && e.type === 'status')!;
      appendBatch(conn, id, [{ type: 'undo', ref: done.id }], at('2026-03-24'));
      expect(loadStatuses(conn, id)).toEqual({ status: new Map([[first + 1, 'doing']]), doneOn: new Map() });
      expect(loadStatuses(conn, id)).toEqual(replay());
    } finally {
      conn.close();
    }
  });
});

/** What loadDays gives: the state without its items. */
function daysOf(s: ReturnType<typeof deriveState>): DayState {
  const { items: _items, ...days } = s;
  return days;
}

function firstItem(conn: Database.Database, roadmapId: number): number {
  return (conn.prepare('SELECT min(id) AS id FROM items WHERE roadmap_id = ?').get(roadmapId) as { id: number }).id;
}

/** A home with seed 000 imported and item 1 done, opened in-process, and the roadmap's id. */
function trackedDatabase(): { conn: Database.Database; id: number } {
  const home = tempDir();
  ok(home, ['import', seed('000')]);
  ok(home, ['done', '1']);
  const conn = new Database(join(home, 'ai-learn.db'));
  return { conn, id: (conn.prepare('SELECT id FROM roadmaps').get() as { id: number }).id };
}
