import { singleProcessUpdate, type ControlStore } from './port'

/** What the memory storage keeps per workshop for its control state: JSON text per section, like the SQLite column, so reads return fresh copies. */
export interface ControlShelf {
  control: Map<string, string>
}

/** Control state in memory, on the memory storage's workshops; `entry` throws for an unknown workshop or a closed storage. */
export function memoryControl(
  workshops: ReadonlyMap<string, ControlShelf>,
  entry: (workshopId: string) => ControlShelf,
): ControlStore {
  const store: Pick<ControlStore, 'loadControl' | 'saveControl'> = {
    async loadControl(workshopId) {
      const w = workshops.get(workshopId)
      const out: Record<string, unknown> = {}
      if (w) for (const [key, json] of w.control) out[key] = JSON.parse(json)
      return out
    },
    async saveControl(workshopId, section, state) {
      entry(workshopId).control.set(section, JSON.stringify(state))
    },
  }
  return { ...store, updateControl: singleProcessUpdate(store) }
}
