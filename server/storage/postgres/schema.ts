import type pg from 'pg'
import { inTransaction } from './db'

/**
 * The PostgreSQL schema as numbered migrations, applied on start: each one once, in order,
 * in one transaction with its row in `schema_migrations`. Several servers starting on one
 * database at once take turns on an advisory lock, so each migration runs exactly once.
 * A migration is never edited once released: change the schema with a new one.
 *
 * Same tables as SQLite, same cascades from `workshops` and `spaces`. Two columns exist only
 * here: `writer` on the document log and snapshot (which server process wrote the row; see
 * documentLog.ts) and `ord` on checkpoints (insertion order, SQLite's rowid).
 */

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workshops, document log, control state, checkpoints, spaces',
    sql: `
CREATE TABLE workshops (
  id text PRIMARY KEY,
  title text NOT NULL,
  coalition text NOT NULL,
  template text NOT NULL,
  locale text NOT NULL,
  created_at bigint NOT NULL
);
CREATE TABLE tokens (
  hash bytea PRIMARY KEY,
  workshop_id text NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  role text NOT NULL
);
CREATE INDEX tokens_by_workshop ON tokens(workshop_id);
CREATE TABLE doc_updates (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workshop_id text NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  writer text NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX doc_updates_by_workshop ON doc_updates(workshop_id, seq);
CREATE TABLE doc_snapshots (
  workshop_id text PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
  data bytea NOT NULL,
  upto_seq bigint NOT NULL,
  writer text NOT NULL
);
CREATE TABLE control_state (
  workshop_id text NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  section text NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (workshop_id, section)
);
CREATE TABLE participants (
  workshop_id text NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  member_id text NOT NULL,
  PRIMARY KEY (workshop_id, member_id)
);
CREATE TABLE imported_participants (
  workshop_id text PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
  count integer NOT NULL
);
CREATE TABLE checkpoints (
  id text PRIMARY KEY,
  workshop_id text NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  name text NOT NULL,
  author text NOT NULL,
  created_at bigint NOT NULL,
  automatic boolean NOT NULL,
  doc_state bytea NOT NULL,
  control_json text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX checkpoints_by_workshop ON checkpoints(workshop_id, created_at);
CREATE TABLE spaces (
  id text PRIMARY KEY,
  json text NOT NULL,
  version integer NOT NULL
);
CREATE TABLE space_tokens (
  hash bytea PRIMARY KEY,
  space_id text NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  role text NOT NULL
);
CREATE INDEX space_tokens_by_space ON space_tokens(space_id);
CREATE TABLE space_coalitions (
  space_id text NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  id text NOT NULL,
  json text NOT NULL,
  version integer NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (space_id, id)
);
`,
  },
  {
    version: 2,
    name: 'control state versions (several servers: no lost update)',
    sql: `ALTER TABLE control_state ADD COLUMN version bigint NOT NULL DEFAULT 0;`,
  },
]

/** Any constant shared by every server of this app: the key of the migration lock. */
const MIGRATION_LOCK = 0x636f616c // "coal"

/** Applies the migrations this database lacks; returns the versions applied now. */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    // Taken before anything else, even the table check: two servers creating
    // `schema_migrations` at once would otherwise collide.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations')
    const applied = new Set(rows.map((r) => r.version))
    const known = Math.max(0, ...migrations.map((m) => m.version))
    const newest = Math.max(0, ...applied)
    if (newest > known)
      throw new Error(
        `the database schema is at version ${newest}, newer than this server knows (${known}): upgrade the server`,
      )
    const done: number[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue
      await client.query(m.sql)
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      done.push(m.version)
    }
    return done
  })
}
