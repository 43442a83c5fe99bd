import { createHash } from 'node:crypto'
import type { ExportInput } from '../../shared/export/model'
import type { WorkshopOutcome } from '../../shared/spaces/outcome'

/**
 * Outcomes of workshops already computed, keyed by a fingerprint of what they were built
 * from. Reading a space builds every linked workshop's export (`buildExport` costs ~25 ms
 * even for a small board), and the page reads the space again after each change: a
 * workshop nobody touched since is not rebuilt. Bounded; oldest entries go first.
 */

export interface CachedOutcome {
  fingerprint: string
  outcome: WorkshopOutcome
  hasContent: boolean
}

const MAX_ENTRIES = 2_000

/** Everything `buildExport` reads except the export time; the same input gives the same outcome. */
export function inputFingerprint(input: ExportInput): string {
  const { exportedAt: _exportedAt, ...rest } = input
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url')
}

export class OutcomeCache {
  private readonly entries = new Map<string, CachedOutcome>()

  get(workshopId: string, fingerprint: string): CachedOutcome | undefined {
    const found = this.entries.get(workshopId)
    return found?.fingerprint === fingerprint ? found : undefined
  }

  set(workshopId: string, entry: CachedOutcome): void {
    this.entries.delete(workshopId)
    this.entries.set(workshopId, entry)
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!)
  }

  size(): number {
    return this.entries.size
  }
}
