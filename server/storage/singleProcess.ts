import type { Storage } from './Storage'

/**
 * `updateControl` and `loadState` for a storage only one server process writes (SQLite,
 * memory): a room's commands already run one after another and nothing else writes its
 * control state, so reading then saving is the whole transaction; and each storage call
 * completes at once (SQLite is synchronous), so two reads in a row see one moment.
 */
export function singleProcessControl(
  storage: Pick<Storage, 'loadControl' | 'saveControl' | 'loadDoc'>,
): Pick<Storage, 'updateControl' | 'loadState'> {
  return {
    async updateControl(workshopId, section, change) {
      const stored = await storage.loadControl(workshopId)
      const next = change(section in stored ? { state: stored[section] } : undefined)
      if (next === undefined) return null
      await storage.saveControl(workshopId, section, next)
      return 0
    },
    async loadState(workshopId) {
      const [doc, control] = await Promise.all([storage.loadDoc(workshopId), storage.loadControl(workshopId)])
      return { doc, control }
    },
  }
}
