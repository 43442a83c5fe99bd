import type Database from 'better-sqlite3'
import { isSqliteForeignKeyError } from '../sqliteErrors'
import { UnknownWorkshopError } from '../workshops/port'
import { sectionsOf, singleProcessUpdate, type ControlStore } from './port'

/** Control state on SQLite, on the storage's own connection; rows cascade from `workshops`. */
export function sqliteControl(db: Database.Database): ControlStore {
  const q = {
    getControl: db.prepare<[string], { section: string; json: string }>(
      'SELECT section, json FROM control_state WHERE workshop_id = ?',
    ),
    upsertControl: db.prepare(
      `INSERT INTO control_state (workshop_id, section, json) VALUES (?, ?, ?)
       ON CONFLICT(workshop_id, section) DO UPDATE SET json = excluded.json`,
    ),
  }
  const store: Pick<ControlStore, 'loadControl' | 'saveControl'> = {
    async loadControl(workshopId) {
      return sectionsOf(q.getControl.all(workshopId))
    },
    async saveControl(workshopId, section, state) {
      try {
        q.upsertControl.run(workshopId, section, JSON.stringify(state))
      } catch (err) {
        if (isSqliteForeignKeyError(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
  }
  return { ...store, updateControl: singleProcessUpdate(store) }
}
