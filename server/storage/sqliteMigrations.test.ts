import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { MIGRATIONS as POSTGRES_MIGRATIONS } from './postgres/schema'
import { migrateSqlite, NewerSchemaError, SQLITE_MIGRATIONS } from './sqliteMigrations'
import { DATABASE_FILE, openSqliteStorage } from './sqliteStorage'

/** A file written by the storage before migrations existed (see its `makeUnversioned.ts`). */
const UNVERSIONED = fileURLToPath(new URL('../../tests/fixtures/sqlite/unversioned.db', import.meta.url))
const WORKSHOP = 'wFixtureWorkshop000001'
const IMPORTED = 'wFixtureImported000001'
const SPACE = 'sFixtureSpace000000001'
const LATEST = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version))

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma('user_version', { simple: true }) as number
  } finally {
    db.close()
  }
}

/** Tables and indexes with their SQL, by name: what a schema is, whatever wrote it. */
function schemaOf(file: string): Record<string, string> {
  const db = new Database(file, { readonly: true })
  try {
    const rows = db
      .prepare<[], { name: string; sql: string | null }>(
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
      )
      .all()
    return Object.fromEntries(
      rows.map((r) => [r.name, (r.sql ?? '').replace(/\s+/g, ' ')]).sort(([a], [b]) => a.localeCompare(b)),
    )
  } finally {
    db.close()
  }
}

function notes(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string[] {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  const kv = new YKeyValue<{ typeName: string; props?: { text?: string } }>(doc.getArray(RECORDS_ARRAY))
  return [...kv.map.values()]
    .filter((e) => e.val.typeName === 'shape')
    .map((e) => e.val.props?.text ?? '')
    .sort()
}

describe('sqlite migrations', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coalition-migrate-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('numbers and names its migrations as PostgreSQL does (a step one of them needs not is empty in it)', () => {
    expect(SQLITE_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(
      POSTGRES_MIGRATIONS.map((m) => [m.version, m.name]),
    )
  })

  it('opens a file written before migrations, marks it at the latest version, and everything in it reads', async () => {
    const file = join(dir, DATABASE_FILE)
    copyFileSync(UNVERSIONED, file)
    expect(userVersion(file)).toBe(0)

    const storage = openSqliteStorage(file)
    try {
      expect(await storage.getWorkshop(WORKSHOP)).toMatchObject({
        title: 'Cantines durables',
        coalition: 'Alimentation',
        locale: 'fr',
      })
      expect((await storage.getTokens(WORKSHOP)).map((t) => t.role).sort()).toEqual([
        'facilitator',
        'participant',
        'viewer',
      ])
      const doc = await storage.loadDoc(WORKSHOP)
      expect(doc.snapshot).not.toBeNull()
      expect(doc.updates).toHaveLength(1)
      expect(notes(doc)).toEqual(['Des légumes locaux', 'Un repas végétarien'])
      expect(await storage.loadControl(WORKSHOP)).toEqual({
        timer: { running: false, remainingMs: 300_000 },
        meta: { title: 'Cantines durables' },
      })
      expect(await storage.countParticipants(WORKSHOP)).toBe(2)
      const [checkpoint] = await storage.listCheckpoints(WORKSHOP)
      expect(checkpoint).toMatchObject({
        id: 'cFixtureCheckpoint0001',
        name: 'Avant le vote',
        author: 'Alice',
        automatic: false,
      })
      const full = await storage.getCheckpoint(WORKSHOP, checkpoint.id)
      expect(full?.control).toEqual({ timer: { running: true } })
      expect(notes({ snapshot: full!.docState, updates: [] })).toEqual(['Des légumes locaux'])
      expect(await storage.countParticipants(IMPORTED)).toBe(7)
      expect(notes(await storage.loadDoc(IMPORTED))).toEqual(['Imported card'])
      expect((await storage.getSpace(SPACE))?.value.title).toBe('Saison 2026')
      expect((await storage.getSpaceTokens(SPACE)).map((t) => t.role).sort()).toEqual(['admin', 'viewer'])
      expect((await storage.listCoalitions(SPACE)).map((c) => c.value.workshops.map((w) => w.workshopId))).toEqual([
        [WORKSHOP],
      ])
      // And it keeps working: a write, a cascade.
      await storage.appendUpdate(WORKSHOP, new Uint8Array([0, 0]))
      expect(await storage.deleteWorkshop(IMPORTED)).toBe(true)
    } finally {
      await storage.close()
    }
    expect(userVersion(file)).toBe(LATEST)
  })

  it('gives a migrated old file the same schema as a new one', () => {
    const old = join(dir, 'old.db')
    copyFileSync(UNVERSIONED, old)
    const fresh = join(dir, 'fresh.db')
    for (const file of [old, fresh]) {
      const db = new Database(file)
      migrateSqlite(db)
      db.close()
    }
    expect(schemaOf(old)).toEqual(schemaOf(fresh))
    expect(Object.keys(schemaOf(fresh))).toEqual(
      expect.arrayContaining(['workshops', 'checkpoints', 'spaces', 'space_coalitions']),
    )
    expect(userVersion(fresh)).toBe(LATEST)
  })

  it('applies each migration once: opening again changes nothing', () => {
    const file = join(dir, 'twice.db')
    const db = new Database(file)
    expect(migrateSqlite(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version))
    expect(migrateSqlite(db)).toEqual([])
    db.close()
  })

  it('refuses a file from a newer server with a clear error, and leaves it untouched', async () => {
    const file = join(dir, DATABASE_FILE)
    copyFileSync(UNVERSIONED, file)
    const db = new Database(file)
    db.pragma(`user_version = ${LATEST + 1}`)
    db.close()
    const before = readFileSync(file)

    expect(() => openSqliteStorage(file)).toThrow(NewerSchemaError)
    expect(() => openSqliteStorage(file)).toThrow(
      `schema version ${LATEST + 1}, newer than this server knows (${LATEST}): upgrade the server`,
    )
    expect(userVersion(file)).toBe(LATEST + 1)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('rolls a failing migration back whole: no half-made table, the version stays', () => {
    const file = join(dir, 'broken.db')
    const db = new Database(file)
    migrateSqlite(db)
    const broken = [
      ...SQLITE_MIGRATIONS,
      {
        version: LATEST + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (a INTEGER); INSERT INTO no_such_table VALUES (1);',
      },
    ]
    expect(() => migrateSqlite(db, broken)).toThrow(/no_such_table/)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([])
    db.close()
  })
})
