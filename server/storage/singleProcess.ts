import type { ControlStore } from './controlState/port'
import type { DocumentLog } from './documentLog/port'
import type { StateReader } from './Storage'

/**
 * `loadState` for a storage only one server process writes (SQLite, memory): each storage
 * call completes at once (SQLite is synchronous), so two reads in a row see one moment.
 */
export function singleProcessLoadState(storage: DocumentLog & ControlStore): StateReader['loadState'] {
  return async (workshopId) => {
    const [doc, control] = await Promise.all([storage.loadDoc(workshopId), storage.loadControl(workshopId)])
    return { doc, control }
  }
}
