import type Database from 'better-sqlite3'
import type { CoalitionRecord, SpaceRecord, SpaceRole } from '../../../shared/spaces/space'
import { tokenOf, versioned } from '../rows'
import { UnknownSpaceError, type SpaceStore, type StoredSpaceToken } from './port'

// Records are JSON documents (validated by the API before they are written), a version for
// conditional writes beside them. The tables are created by the storage's migrations
// (server/storage/sqliteMigrations.ts), before this opens.

/**
 * The spaces on SQLite, on the storage's own connection (same file, same
 * WAL, same durability). better-sqlite3 is synchronous, so each method is atomic.
 */
export function openSqliteSpaceStorage(db: Database.Database): SpaceStore {
  const q = {
    insertSpace: db.prepare('INSERT INTO spaces (id, json, version) VALUES (?, ?, 1)'),
    insertToken: db.prepare('INSERT INTO space_tokens (hash, space_id, role) VALUES (?, ?, ?)'),
    getSpace: db.prepare<[string], { json: string; version: number }>('SELECT json, version FROM spaces WHERE id = ?'),
    replaceSpace: db.prepare('UPDATE spaces SET json = ?, version = version + 1 WHERE id = ? AND version = ?'),
    spaceExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM spaces WHERE id = ?'),
    getTokens: db.prepare<[string], { hash: Buffer; role: string }>(
      'SELECT hash, role FROM space_tokens WHERE space_id = ?',
    ),
    listCoalitions: db.prepare<[string], { json: string; version: number }>(
      'SELECT json, version FROM space_coalitions WHERE space_id = ? ORDER BY created_at, id',
    ),
    getCoalition: db.prepare<[string, string], { json: string; version: number }>(
      'SELECT json, version FROM space_coalitions WHERE space_id = ? AND id = ?',
    ),
    insertCoalition: db.prepare(
      'INSERT INTO space_coalitions (space_id, id, json, version, created_at) VALUES (?, ?, ?, 1, ?) ON CONFLICT DO NOTHING',
    ),
    replaceCoalition: db.prepare(
      'UPDATE space_coalitions SET json = ?, version = version + 1 WHERE space_id = ? AND id = ? AND version = ?',
    ),
    deleteCoalition: db.prepare('DELETE FROM space_coalitions WHERE space_id = ? AND id = ?'),
    // A scan of the coalitions' JSON: a deployment holds hundreds of them, and this runs when
    // a room loads or a sheet changes, not per message.
    coalitionsOfWorkshop: db.prepare<[string], { space_id: string; id: string }>(
      // (`c.json` qualified: inside json_each a bare `json` is not the column.)
      `SELECT c.space_id, c.id FROM space_coalitions c
       WHERE EXISTS (SELECT 1 FROM json_each(c.json, '$.workshops') w WHERE json_extract(w.value, '$.workshopId') = ?)
       ORDER BY c.space_id, c.id`,
    ),
    deleteSpace: db.prepare('DELETE FROM spaces WHERE id = ?'),
  }

  const requireSpace = (id: string): void => {
    if (!q.spaceExists.get(id)) throw new UnknownSpaceError(id)
  }
  const createSpace = db.transaction((space: SpaceRecord, tokens: readonly StoredSpaceToken[]) => {
    q.insertSpace.run(space.id, JSON.stringify(space))
    for (const t of tokens) q.insertToken.run(Buffer.from(t.hash), space.id, t.role)
  })
  const replaceSpace = db.transaction((space: SpaceRecord, expected: number): boolean => {
    requireSpace(space.id)
    return q.replaceSpace.run(JSON.stringify(space), space.id, expected).changes > 0
  })
  const saveCoalition = db.transaction(
    (spaceId: string, coalition: CoalitionRecord, expected: number | null): boolean => {
      requireSpace(spaceId)
      const json = JSON.stringify(coalition)
      if (expected === null) return q.insertCoalition.run(spaceId, coalition.id, json, coalition.createdAt).changes > 0
      return q.replaceCoalition.run(json, spaceId, coalition.id, expected).changes > 0
    },
  )

  return {
    async createSpace(space, tokens) {
      createSpace(space, tokens)
    },
    async getSpace(id) {
      const row = q.getSpace.get(id)
      return row ? versioned<SpaceRecord>(row) : null
    },
    async replaceSpace(space, expected) {
      return replaceSpace(space, expected)
    },
    async getSpaceTokens(spaceId) {
      return q.getTokens.all(spaceId).map(tokenOf<SpaceRole>)
    },
    async listCoalitions(spaceId) {
      return q.listCoalitions.all(spaceId).map(versioned<CoalitionRecord>)
    },
    async getCoalition(spaceId, id) {
      const row = q.getCoalition.get(spaceId, id)
      return row ? versioned<CoalitionRecord>(row) : null
    },
    async saveCoalition(spaceId, coalition, expected) {
      return saveCoalition(spaceId, coalition, expected)
    },
    async deleteCoalition(spaceId, id) {
      return q.deleteCoalition.run(spaceId, id).changes > 0
    },
    async deleteSpace(id) {
      return q.deleteSpace.run(id).changes > 0
    },
    async coalitionsOfWorkshop(workshopId) {
      return q.coalitionsOfWorkshop.all(workshopId).map((r) => ({ spaceId: r.space_id, coalitionId: r.id }))
    },
  }
}
