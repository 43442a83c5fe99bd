import { emptySheet, type CoalitionSheet, type SheetState } from '../control/sheet'
import type { CoalitionRecord, SheetChange } from './space'

/**
 * The rules that keep a workshop's « Fiche coalition » and its coalition's record in step.
 * Pure: the server reads both sides, asks `reconcileSheet`, and writes what it answers.
 *
 * - Only a workshop the coalition lists (created from the space or attached by its
 *   facilitator) is in step with it; any other gets nothing and gives nothing.
 * - The newer side wins, by the server time of its last change (`SheetState.updatedAt`,
 *   `CoalitionRecord.sheetChange.at`); equal times change nothing.
 * - A workshop sheet never filled takes the coalition's as it is (its title as « Pour … »).
 * - An empty « Pour … » never blanks a coalition's title (a coalition always has one).
 * - The coalition remembers which workshop changed it, who and when (`sheetChange`), so
 *   the space's admin sees it.
 */

/** The sheet as the coalition record holds it (older records have no problem/horizon/modalities). */
export function coalitionSheet(coalition: CoalitionRecord): CoalitionSheet {
  return {
    statement: coalition.title,
    problem: coalition.problem ?? '',
    horizon: coalition.horizon ?? '',
    needs: [...coalition.needs],
    coLeads: [...coalition.coLeads],
    modalities: coalition.modalities ?? '',
  }
}

/** Whether the coalition lists this workshop (created there or attached). */
export function isAttached(coalition: CoalitionRecord, workshopId: string): boolean {
  return coalition.workshops.some((ref) => ref.workshopId === workshopId)
}

function sameSheet(a: CoalitionSheet, b: CoalitionSheet): boolean {
  return (
    a.statement === b.statement &&
    a.problem === b.problem &&
    a.horizon === b.horizon &&
    a.modalities === b.modalities &&
    a.needs.join('\n') === b.needs.join('\n') &&
    a.coLeads.join('\n') === b.coLeads.join('\n')
  )
}

/** The coalition with the workshop's sheet written in, marked as changed by that workshop. */
export function coalitionWithSheet(
  coalition: CoalitionRecord,
  sheet: SheetState,
  workshopId: string,
  at: number,
): CoalitionRecord {
  const change: SheetChange = { at, workshopId, by: sheet.updatedBy }
  return {
    ...coalition,
    title: sheet.statement || coalition.title,
    problem: sheet.problem,
    horizon: sheet.horizon,
    needs: [...sheet.needs],
    coLeads: [...sheet.coLeads],
    modalities: sheet.modalities,
    sheetChange: change,
    updatedAt: Math.max(coalition.updatedAt, at),
  }
}

/** The workshop's sheet as the coalition has it. */
export function sheetFromCoalition(coalition: CoalitionRecord): SheetState {
  const change = coalition.sheetChange ?? null
  return { ...emptySheet(), ...coalitionSheet(coalition), updatedAt: change?.at ?? null, updatedBy: change?.by ?? '' }
}

export interface SheetReconciliation {
  /** The workshop's new sheet, or null to keep it. */
  workshop: SheetState | null
  /** The coalition's new record, or null to keep it. */
  coalition: CoalitionRecord | null
}

/** What to write on each side so both hold the newer sheet. */
export function reconcileSheet(sheet: SheetState, coalition: CoalitionRecord, workshopId: string): SheetReconciliation {
  const keep: SheetReconciliation = { workshop: null, coalition: null }
  if (!isAttached(coalition, workshopId)) return keep
  const workshopAt = sheet.updatedAt
  const coalitionAt = coalition.sheetChange?.at ?? null
  if (workshopAt !== null && (coalitionAt === null || workshopAt > coalitionAt)) {
    if (sameSheet(sheet, coalitionSheet(coalition)) && coalitionAt !== null) return keep
    return { workshop: null, coalition: coalitionWithSheet(coalition, sheet, workshopId, workshopAt) }
  }
  if (coalitionAt !== null && workshopAt !== null && coalitionAt === workshopAt) return keep
  // The coalition is newer, or neither side was ever changed through a sheet: the workshop
  // shows the coalition's (its title, needs and co-leads from the space).
  const fromCoalition = sheetFromCoalition(coalition)
  if (sameSheet(sheet, fromCoalition) && sheet.updatedAt === fromCoalition.updatedAt) return keep
  return { workshop: fromCoalition, coalition: null }
}

/** The coalition's record after its admin changed fields of the sheet through the space. */
export function markedByAdmin(coalition: CoalitionRecord, before: CoalitionRecord, at: number): CoalitionRecord {
  if (sameSheet(coalitionSheet(coalition), coalitionSheet(before))) return coalition
  return { ...coalition, sheetChange: { at, workshopId: null, by: '' } }
}
