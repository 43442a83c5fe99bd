import { buildExport } from '../../shared/export/model'
import type { ExportDocument } from '../../shared/export/schema'
import { hasContent, outcomeFromExport } from '../../shared/spaces/outcome'
import { chronological } from '../../shared/spaces/panorama'
import type { CoalitionRecord } from '../../shared/spaces/space'
import type { CoalitionView, WorkshopEntry } from '../../shared/spaces/view'
import { exportInputFor, type WorkshopStateDeps } from '../export/workshopState'

/**
 * A space's coalitions as the page and the booklet see them: each linked workshop read
 * through the same path as the workshop export (`exportInputFor` → `buildExport`: live
 * room if loaded, else storage), reduced to its outcome. Hidden compass rounds stay hidden:
 * the export model only carries revealed aggregates.
 */

export interface SpaceViewDeps extends WorkshopStateDeps {
  now: () => number
}

export interface LoadedCoalition {
  view: CoalitionView
  /** Export of the coalition's latest workshop with content (else its latest), for the booklet; null without any. */
  latest: ExportDocument | null
}

async function loadWorkshop(deps: SpaceViewDeps, workshopId: string): Promise<ExportDocument | null> {
  const meta = await deps.storage.getWorkshop(workshopId)
  if (!meta) return null
  return buildExport(await exportInputFor(deps, meta, deps.now()))
}

/** One coalition with its workshops' outcomes (deleted workshops are kept as `found: false`). */
export async function loadCoalition(deps: SpaceViewDeps, record: CoalitionRecord): Promise<LoadedCoalition> {
  const docs = new Map<string, ExportDocument>()
  const workshops: WorkshopEntry[] = []
  for (const ref of record.workshops) {
    const doc = await loadWorkshop(deps, ref.workshopId)
    if (doc) docs.set(ref.workshopId, doc)
    workshops.push({ ...ref, found: doc !== null, outcome: doc ? outcomeFromExport(ref.workshopId, doc) : null })
  }
  const outcomes = workshops.flatMap((entry) => (entry.outcome ? [entry.outcome] : []))
  const newestFirst = chronological(outcomes).reverse().map((outcome) => docs.get(outcome.workshopId)!)
  return { view: { ...record, workshops }, latest: newestFirst.find(hasContent) ?? newestFirst[0] ?? null }
}

/** Every coalition of a space, in the order given (creation order from storage). */
export async function loadCoalitions(deps: SpaceViewDeps, records: readonly CoalitionRecord[]): Promise<LoadedCoalition[]> {
  const loaded: LoadedCoalition[] = []
  for (const record of records) loaded.push(await loadCoalition(deps, record))
  return loaded
}
