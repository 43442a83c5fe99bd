import type Database from 'better-sqlite3'

/**
 * The SQLite schema as numbered migrations, applied when the file is opened: each one once,
 * in order, in one transaction with the file's `PRAGMA user_version` (the number of the last
 * one applied; 0 for a new file, and for files written before migrations existed). The
 * numbers and names follow PostgreSQL's (`postgres/schema.ts`) where they mean the same
 * change, so "schema version 2" is one thing whatever the database (a step that only one of
 * them needs is an empty migration in the other). A migration is never
 * edited once released: change the schema with a new one, without `IF NOT EXISTS`.
 *
 * Migration 1 is the schema as it was before versioning, word for word, `IF NOT EXISTS`
 * included: an unversioned file already holds it (maybe without the newest tables, which
 * it then creates), and becomes version 1 without any other change.
 *
 * The tables of checkpoints and of programme spaces live here too, next to the workshop's,
 * so that one list says what the file holds (their statements stay in `sqliteCheckpoints.ts`
 * and `spaces/sqlite.ts`).
 */

export interface SqliteMigration {
  version: number
  name: string
  sql: string
}

// Foreign keys with ON DELETE CASCADE make "delete a workshop" (or a space) one statement,
// and make an update appended for a workshop deleted meanwhile fail instead of leaving orphans.
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'workshops, document log, control state, checkpoints, spaces',
    sql: `
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  coalition TEXT NOT NULL,
  template TEXT NOT NULL,
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS tokens (
  hash BLOB PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  role TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS tokens_by_workshop ON tokens(workshop_id);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  data BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS doc_updates_by_workshop ON doc_updates(workshop_id, seq);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS control_state (
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  section TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (workshop_id, section)
) STRICT;
CREATE TABLE IF NOT EXISTS participants (
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL,
  PRIMARY KEY (workshop_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imported_participants (
  workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
  count INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS checkpoints (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  automatic INTEGER NOT NULL,
  doc_state BLOB NOT NULL,
  control_json TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS checkpoints_by_workshop ON checkpoints(workshop_id, created_at);
CREATE TABLE IF NOT EXISTS spaces (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS space_tokens (
  hash BLOB PRIMARY KEY,
  space_id TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  role TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS space_tokens_by_space ON space_tokens(space_id);
CREATE TABLE IF NOT EXISTS space_coalitions (
  space_id TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  json TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (space_id, id)
) STRICT;
`,
  },
  {
    // PostgreSQL's version 2 gives control_state a version column so that several servers
    // on one database lose no update; a SQLite file has one server process, which reads and
    // saves in turn. Nothing to change here, but the number is taken so that each version
    // means one step on both databases.
    version: 2,
    name: 'control state versions (several servers: no lost update)',
    sql: '',
  },
]

/** The file was written by a newer server: refused, untouched. */
export class NewerSchemaError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `the database ${file} is at schema version ${found}, newer than this server knows (${known}): ` +
        'upgrade the server, or restore a backup made by this version',
    )
    this.name = 'NewerSchemaError'
  }
}

/** Applies the migrations this file lacks; returns the versions applied now. */
export function migrateSqlite(
  db: Database.Database,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): number[] {
  const known = Math.max(0, ...migrations.map((m) => m.version))
  const version = () => db.pragma('user_version', { simple: true }) as number
  // IMMEDIATE: two processes opening the same file take turns; the second one reads the
  // version the first one wrote.
  return db
    .transaction(() => {
      const current = version()
      if (current > known) throw new NewerSchemaError(db.name, current, known)
      const done: number[] = []
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (m.version <= current) continue
        db.exec(m.sql)
        // user_version is in the file's header, written by this same transaction.
        db.pragma(`user_version = ${Math.trunc(m.version)}`)
        done.push(m.version)
      }
      return done
    })
    .immediate()
}
