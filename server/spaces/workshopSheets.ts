import type { Logger } from 'pino'
import type { SheetState } from '../../shared/control/sheet'
import { reconcileSheet } from '../../shared/spaces/sheetSync'
import type { SpaceStore } from '../storage/spaces/port'
import { changeCoalition } from './spaceChanges'

/**
 * A workshop's « Fiche coalition » and the coalitions that list it, kept in step by the
 * rules of `shared/spaces/sheetSync.ts`: the room asks when it loads (and when the space's
 * admin changed the coalition) and after each facilitator change. Only the server writes
 * here, so only a facilitator of an attached workshop (the `sheet` section's rule) or the
 * space's admin (the coalition routes) ever changes a coalition's sheet.
 */

/**
 * Brings the workshop's sheet and every coalition listing it to the newest of them.
 * Resolves with the workshop's new sheet, or null if it keeps its own. Coalition writes are
 * conditional (retried on conflict); a failure is logged and leaves both sides as they were.
 */
export async function reconcileWorkshopSheet(
  storage: SpaceStore,
  log: Logger,
  workshopId: string,
  sheet: SheetState,
): Promise<SheetState | null> {
  const refs = await storage.coalitionsOfWorkshop(workshopId)
  let current = sheet
  let taken = false
  // Two passes: a coalition newer than the workshop read after an older one was written
  // would leave that older one behind.
  for (let pass = 0; pass < 2; pass++) {
    for (const ref of refs) {
      const stored = await storage.getCoalition(ref.spaceId, ref.coalitionId)
      if (!stored) continue
      const first = reconcileSheet(current, stored.value, workshopId)
      if (first.workshop) {
        current = first.workshop
        taken = true
      }
      if (!first.coalition) continue
      const sheetNow = current
      const written = await changeCoalition(storage, ref.spaceId, ref.coalitionId, (coalition) => {
        const again = reconcileSheet(sheetNow, coalition, workshopId)
        return again.coalition ? { ok: true, value: again.coalition } : { ok: false, status: 409, error: 'newer' }
      })
      if (!written.ok && written.error !== 'newer')
        log.warn({ workshopId, ...ref, error: written.error }, 'coalition sheet not written')
    }
  }
  return taken ? current : null
}

/**
 * The sheet a workshop shows now, without writing anything: its own, or a newer one of a
 * coalition listing it (changed in the space while the workshop's room was not loaded).
 * Exports read this, so a sheet sent after the admin's change carries it.
 */
export async function currentWorkshopSheet(
  storage: SpaceStore,
  workshopId: string,
  sheet: SheetState,
): Promise<SheetState> {
  let current = sheet
  for (const ref of await storage.coalitionsOfWorkshop(workshopId)) {
    const stored = await storage.getCoalition(ref.spaceId, ref.coalitionId)
    const taken = stored ? reconcileSheet(current, stored.value, workshopId).workshop : null
    if (taken) current = taken
  }
  return current
}
