import { buildExport, type ExportInput } from '../../shared/export/model'
import type { ExportDocument } from '../../shared/export/schema'
import { hasContent, outcomeFromExport } from '../../shared/spaces/outcome'
import { chronological } from '../../shared/spaces/panorama'
import type { CoalitionRecord } from '../../shared/spaces/space'
import type { CoalitionView, WorkshopEntry } from '../../shared/spaces/view'
import { exportInputFor, type WorkshopStateDeps } from '../export/workshopState'
import { inputFingerprint, OutcomeCache } from './outcomeCache'

/**
 * A space's coalitions as the page and the booklet see them: each linked workshop read
 * through the same path as the workshop export (`exportInputFor` → `buildExport`: board
 * and control from storage at one moment, after the live room saved), reduced to its
 * outcome (cached while the workshop does not change). Hidden compass rounds stay hidden: the export model only carries revealed
 * aggregates.
 */

export interface SpaceViewDeps extends WorkshopStateDeps {
  now: () => number
  outcomes: OutcomeCache
}

export interface LoadedCoalition {
  view: CoalitionView
  /** Export of the latest workshop with content (else the latest), when sheets were asked for. */
  latest: ExportDocument | null
}

interface LoadedWorkshop {
  entry: WorkshopEntry
  input: ExportInput | null
  hasContent: boolean
}

async function loadWorkshop(deps: SpaceViewDeps, ref: CoalitionRecord['workshops'][number]): Promise<LoadedWorkshop> {
  const meta = await deps.storage.getWorkshop(ref.workshopId)
  if (!meta) return { entry: { ...ref, found: false, outcome: null }, input: null, hasContent: false }
  const input = await exportInputFor(deps, meta, deps.now())
  const fingerprint = inputFingerprint(input)
  let cached = deps.outcomes.get(ref.workshopId, fingerprint)
  if (!cached) {
    const doc = buildExport(input)
    cached = { fingerprint, outcome: outcomeFromExport(ref.workshopId, doc), hasContent: hasContent(doc) }
    deps.outcomes.set(ref.workshopId, cached)
  }
  return { entry: { ...ref, found: true, outcome: cached.outcome }, input, hasContent: cached.hasContent }
}

/** One coalition with its workshops' outcomes (deleted workshops kept as `found: false`). */
export async function loadCoalition(
  deps: SpaceViewDeps,
  record: CoalitionRecord,
  options: { sheets: boolean },
): Promise<LoadedCoalition> {
  const loaded: LoadedWorkshop[] = []
  for (const ref of record.workshops) loaded.push(await loadWorkshop(deps, ref))
  const view = { ...record, workshops: loaded.map((w) => w.entry) }
  if (!options.sheets) return { view, latest: null }
  const byId = new Map(loaded.map((w) => [w.entry.workshopId, w]))
  const outcomes = loaded.flatMap((w) => (w.entry.outcome ? [w.entry.outcome] : []))
  const newestFirst = chronological(outcomes)
    .reverse()
    .map((outcome) => byId.get(outcome.workshopId)!)
  const chosen = newestFirst.find((w) => w.hasContent) ?? newestFirst[0]
  return { view, latest: chosen?.input ? buildExport(chosen.input) : null }
}

/** Every coalition of a space, in the order given (creation order from storage). */
export async function loadCoalitions(
  deps: SpaceViewDeps,
  records: readonly CoalitionRecord[],
  options = { sheets: false },
): Promise<LoadedCoalition[]> {
  const loaded: LoadedCoalition[] = []
  for (const record of records) loaded.push(await loadCoalition(deps, record, options))
  return loaded
}
