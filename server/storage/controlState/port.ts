/**
 * Where a workshop's control state is stored: one JSON state per section (timer, phases,
 * compass, votes…), with a version that grows by one per save. Implemented in memory
 * (`memory.ts`), on SQLite (`sqlite.ts`) and on PostgreSQL (`postgres.ts`); all pass
 * `contract.ts`.
 */
export interface ControlStore {
  /** Section key → persisted state (parsed JSON). */
  loadControl(workshopId: string): Promise<Record<string, unknown>>
  saveControl(workshopId: string, section: string, state: unknown): Promise<void>
  /**
   * A control command on the latest stored state of one section, with no lost update when
   * several servers share the database: `change` gets the stored state (`undefined` when the
   * section was never saved) and returns the state to store, or `undefined` to store
   * nothing (a refused command). Resolves with the section's new version (it grows by one per
   * save), or null when nothing was stored. Fails for an unknown workshop.
   */
  updateControl(
    workshopId: string,
    section: string,
    change: (stored: { state: unknown } | undefined) => unknown,
  ): Promise<number | null>
}

/** The `control_state` rows of one workshop (SQLite and PostgreSQL), as section key → state. */
export function sectionsOf(rows: readonly { section: string; json: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const row of rows) out[row.section] = JSON.parse(row.json)
  return out
}

/**
 * `updateControl` for a storage only one server process writes (SQLite, memory): a room's
 * commands already run one after another and nothing else writes its control state, so
 * reading then saving is the whole transaction.
 */
export function singleProcessUpdate(
  store: Pick<ControlStore, 'loadControl' | 'saveControl'>,
): ControlStore['updateControl'] {
  return async (workshopId, section, change) => {
    const stored = await store.loadControl(workshopId)
    const next = change(section in stored ? { state: stored[section] } : undefined)
    if (next === undefined) return null
    await store.saveControl(workshopId, section, next)
    return 0
  }
}
