/**
 * Numbered schema migrations. Each runs once, in order, inside the same
 * transaction that records it in `schema_version`. Never edit a shipped
 * migration: add the next number.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE roadmaps (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        model_json TEXT NOT NULL,
        started_on TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        section_json TEXT NOT NULL,
        group_label TEXT,
        week_start INTEGER,
        week_end INTEGER,
        effort_hours REAL NOT NULL,
        optional INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL,
        line INTEGER,
        extra_json TEXT,
        removed_at TEXT,
        UNIQUE (roadmap_id, number)
      );
      CREATE INDEX items_by_key ON items (roadmap_id, key);
      -- The event log: append-only. Current state is derived from it.
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
        batch INTEGER NOT NULL,
        item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('status', 'session', 'note', 'estimate', 'clock', 'undo')),
        status TEXT CHECK (status IS NULL OR status IN ('todo', 'doing', 'done', 'skipped')),
        minutes REAL,
        day TEXT,
        note TEXT,
        ref INTEGER REFERENCES events(id),
        at TEXT NOT NULL
      );
      CREATE INDEX events_by_roadmap ON events (roadmap_id, id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      -- The learner's own plan for a roadmap. A missing row means "the roadmap's defaults".
      CREATE TABLE plans (
        roadmap_id INTEGER PRIMARY KEY REFERENCES roadmaps(id) ON DELETE CASCADE,
        start_on TEXT,
        hours_per_week REAL,
        days_json TEXT,
        from_section TEXT,
        include_json TEXT NOT NULL DEFAULT '[]',
        target_weeks INTEGER,
        rest_days INTEGER,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    sql: `
      -- Derived state of a roadmap as of an event, so reads replay only newer
      -- events. A cache: never backed up, rebuilt from the log when missing.
      CREATE TABLE snapshots (
        roadmap_id INTEGER PRIMARY KEY REFERENCES roadmaps(id) ON DELETE CASCADE,
        last_event_id INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX events_by_day ON events (roadmap_id, type, day);
    `,
  },
  {
    version: 4,
    sql: `
      -- A counter that every change to tracked data moves on, by trigger, so no
      -- write path can forget it. Cached views are current only for its value.
      CREATE TABLE revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL
      );
      INSERT INTO revision (id, n) VALUES (1, 0);
      CREATE TRIGGER roadmaps_insert AFTER INSERT ON roadmaps BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER roadmaps_update AFTER UPDATE ON roadmaps BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER roadmaps_delete AFTER DELETE ON roadmaps BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER items_insert AFTER INSERT ON items BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER items_update AFTER UPDATE ON items BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER items_delete AFTER DELETE ON items BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER events_insert AFTER INSERT ON events BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER events_update AFTER UPDATE ON events BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER events_delete AFTER DELETE ON events BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER plans_insert AFTER INSERT ON plans BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER plans_update AFTER UPDATE ON plans BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER plans_delete AFTER DELETE ON plans BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER settings_insert AFTER INSERT ON settings BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER settings_update AFTER UPDATE ON settings BEGIN UPDATE revision SET n = n + 1; END;
      CREATE TRIGGER settings_delete AFTER DELETE ON settings BEGIN UPDATE revision SET n = n + 1; END;
      -- What read commands computed, keyed by the revision, the day and the
      -- build that computed it. A cache: never backed up, recomputed on a miss.
      CREATE TABLE views (
        name TEXT PRIMARY KEY,
        revision INTEGER NOT NULL,
        day TEXT NOT NULL,
        build TEXT NOT NULL,
        data TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    sql: `
      -- Every write numbers its batch max(batch) + 1, and undo finds a batch's
      -- events by it: without an index both read the whole log (60 ms at
      -- 100,000 events).
      CREATE INDEX events_by_batch ON events (batch);
    `,
  },
  {
    version: 6,
    sql: `
      -- Deleting an event checks that no event refers to it (ref: an undo, a
      -- session closing a clock), and deleting an item that no event does
      -- (item_id, which cascades). Without these indexes each check read the
      -- whole log: at 100,000 events \`remove\` of the roadmap, and \`restore\`
      -- over it, ran for minutes. Most events have neither, hence partial.
      CREATE INDEX events_by_ref ON events (ref) WHERE ref IS NOT NULL;
      CREATE INDEX events_by_item ON events (item_id) WHERE item_id IS NOT NULL;
    `,
  },
  {
    version: 7,
    sql: `
      -- A roadmap's items in document order without sorting them: SQLite
      -- sorted every item's row, text and all, before handing back the
      -- first (40 ms at 10,000 items), so \`next\` could not stop reading once
      -- it had found what to do.
      CREATE INDEX items_in_order ON items (roadmap_id, position, number);
    `,
  },
  {
    version: 8,
    sql: `
      -- The snapshot's days and its items in columns of their own, days first
      -- in the record: \`streak\` and \`calendar\` read the days alone, and
      -- SQLite read all of a one-column snapshot (700 KB at 10,000 items,
      -- 4 ms) to cut the days out of it. Format 4 also holds the study days
      -- as days since 1970-01-01, which the chain walks (julianday counts
      -- from noon, 4713 BC). A format-3 snapshot (one object, its items
      -- last) is converted; any other is dropped: a snapshot is a cache,
      -- rebuilt from the log on first use. The items not to do are listed by
      -- status too, before the items' whole state: \`next\` needs no more.
      CREATE TABLE snapshots_split (
        roadmap_id INTEGER PRIMARY KEY REFERENCES roadmaps(id) ON DELETE CASCADE,
        last_event_id INTEGER NOT NULL,
        days TEXT NOT NULL,
        statuses TEXT NOT NULL,
        items TEXT NOT NULL
      );
      INSERT INTO snapshots_split (roadmap_id, last_event_id, days, statuses, items)
        SELECT roadmap_id, last_event_id,
               json_object(
                 'v', 4,
                 'days', data -> '$.days',
                 'study', (SELECT json_group_array(CAST(julianday(value) - 2440587.5 AS INTEGER)) FROM json_each(data, '$.study')),
                 'sessions', data -> '$.sessions',
                 'minutes', data -> '$.minutes',
                 'clock', data -> '$.clock'
               ),
               json_object(
                 'v', 4,
                 'doing', (SELECT json_group_array(value ->> 0) FROM json_each(data, '$.items') WHERE value ->> 1 = 'doing'),
                 'done', (SELECT json_group_array(value ->> 0) FROM json_each(data, '$.items') WHERE value ->> 1 = 'done'),
                 'skipped', (SELECT json_group_array(value ->> 0) FROM json_each(data, '$.items') WHERE value ->> 1 = 'skipped')
               ),
               substr(data, instr(data, ',"items":') + 9, length(data) - instr(data, ',"items":') - 9)
        FROM snapshots
        WHERE CASE WHEN json_valid(data) THEN data ->> '$.v' END = 3 AND instr(data, ',"items":') > 0 AND substr(data, -1) = '}';
      DROP TABLE snapshots;
      ALTER TABLE snapshots_split RENAME TO snapshots;
    `,
  },
  {
    version: 9,
    sql: `
      -- A second counter, moved on only by changes a dated plan depends on:
      -- the roadmaps, their items, the plan settings, and events other than
      -- sessions, statuses, clocks and notes (estimates and undos, which may
      -- take one back), added, changed or deleted. A plan table (src/plan/table.ts)
      -- and show's layout are kept under its value: at 10,000 items
      -- \`progress\` after a session or a status change then neither loads the
      -- items nor schedules them, and \`show\` only marks their statuses.
      CREATE TABLE plan_revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
      INSERT INTO plan_revision (id, n) VALUES (1, 0);
      CREATE TRIGGER plan_roadmaps_insert AFTER INSERT ON roadmaps BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_roadmaps_update AFTER UPDATE ON roadmaps BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_roadmaps_delete AFTER DELETE ON roadmaps BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_items_insert AFTER INSERT ON items BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_items_update AFTER UPDATE ON items BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_items_delete AFTER DELETE ON items BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_plans_insert AFTER INSERT ON plans BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_plans_update AFTER UPDATE ON plans BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_plans_delete AFTER DELETE ON plans BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_events_insert AFTER INSERT ON events WHEN NEW.type NOT IN ('session', 'status', 'clock', 'note')
        BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_events_update AFTER UPDATE ON events
        WHEN OLD.type NOT IN ('session', 'status', 'clock', 'note') OR NEW.type NOT IN ('session', 'status', 'clock', 'note')
        BEGIN UPDATE plan_revision SET n = n + 1; END;
      CREATE TRIGGER plan_events_delete AFTER DELETE ON events WHEN OLD.type NOT IN ('session', 'status', 'clock', 'note')
        BEGIN UPDATE plan_revision SET n = n + 1; END;
      -- Views of a roadmap that depend on its plan, never on statuses or
      -- sessions (its plan table, show's layout), for one value of that
      -- counter and one build of ai-learn (as views are): JSON or text in
      -- data, columns of numbers as bytes.
      CREATE TABLE plan_views (
        name TEXT PRIMARY KEY,
        roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        build TEXT NOT NULL,
        data BLOB NOT NULL,
        columns BLOB NOT NULL
      );
      CREATE INDEX plan_views_by_roadmap ON plan_views (roadmap_id);
      -- Statuses of format 5: the done items with the day each was finished,
      -- taken from the items column in the same order (format 4 had none).
      UPDATE snapshots SET statuses = (
        SELECT json_object(
                 'v', 5,
                 'doing', json(snapshots.statuses -> '$.doing'),
                 'done', json_group_array(id),
                 'doneOn', json_group_array(day),
                 'skipped', json(snapshots.statuses -> '$.skipped')
               )
        FROM (SELECT value ->> 0 AS id, value ->> 3 AS day FROM json_each(snapshots.items) WHERE value ->> 1 = 'done' ORDER BY key)
      )
      WHERE json_valid(statuses) AND statuses ->> '$.v' = 4 AND json_valid(items)
        AND json_type(statuses, '$.doing') = 'array' AND json_type(statuses, '$.skipped') = 'array';
    `,
  },
  {
    version: 10,
    sql: `
      -- Beside the plan counter, a count moved on only by changes to the
      -- roadmaps and their items (an import that stores, a restore, a
      -- removal), not by estimates, undos or plan settings. show's layout
      -- depends on nothing else (the titles and items), so it is kept under
      -- this one (src/commands/show.ts): an estimate or new plan settings
      -- then leave it kept. The same triggers move both, in one update.
      ALTER TABLE plan_revision ADD COLUMN items_n INTEGER NOT NULL DEFAULT 0;
      DROP TRIGGER plan_roadmaps_insert;
      DROP TRIGGER plan_roadmaps_update;
      DROP TRIGGER plan_roadmaps_delete;
      DROP TRIGGER plan_items_insert;
      DROP TRIGGER plan_items_update;
      DROP TRIGGER plan_items_delete;
      CREATE TRIGGER plan_roadmaps_insert AFTER INSERT ON roadmaps BEGIN UPDATE plan_revision SET n = n + 1, items_n = items_n + 1; END;
      CREATE TRIGGER plan_roadmaps_update AFTER UPDATE ON roadmaps BEGIN UPDATE plan_revision SET n = n + 1, items_n = items_n + 1; END;
      CREATE TRIGGER plan_roadmaps_delete AFTER DELETE ON roadmaps BEGIN UPDATE plan_revision SET n = n + 1, items_n = items_n + 1; END;
      CREATE TRIGGER plan_items_insert AFTER INSERT ON items BEGIN UPDATE plan_revision SET n = n + 1, items_n = items_n + 1; END;
      CREATE TRIGGER plan_items_update AFTER UPDATE ON items BEGIN UPDATE plan_revision SET n = n + 1, items_n = items_n + 1; END;
      CREATE TRIGGER plan_items_delete AFTER DELETE ON items BEGIN UPDATE plan_revision SET n = n + 1, items_n = items_n + 1; END;
      -- Layouts kept under the plan counter until now.
      DELETE FROM plan_views WHERE name GLOB 'show:*';
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * The version of the tables a backup holds (BACKUP_TABLES in backup.ts): the
 * last migration that changed any of them (2 added plans). A backup says
 * this, not SCHEMA_VERSION, so that an ai-learn whose schema is older only
 * in caches and indexes still restores it; restore refuses only a backup
 * whose number is above its own SCHEMA_VERSION. migrations.test.ts checks
 * it against the tables' declarations. A change to what a row may hold that
 * only backup.ts's shapes know (a new item kind: items.kind has no CHECK)
 * needs a migration too, if only to move this number on.
 */
export const BACKUP_SCHEMA = 2;
