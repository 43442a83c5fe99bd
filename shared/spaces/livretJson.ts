import type { ExportDocument } from '../export/schema'
import { COHORT_LABELS, DECISION_LABELS, STATUS_LABELS } from './labels'
import type { LivretInput } from './livret'
import { chronological, summarizeCoalition } from './panorama'
import { COHORTS, currentDecision, decisionHistory, type Cohort, type Decision, type Theme } from './space'
import { outcomesOf, type CoalitionView } from './view'

/**
 * The booklet as data, `coalition-board/space@1`: the space, the cohort table, and each
 * coalition with its fields, decisions, workshops, summary and the readable part of its
 * latest workshop's export. The board snapshot and the control state (every member's
 * scores) stay out: restoring a workshop is the workshop export's job, not the booklet's.
 */
export const SPACE_EXPORT_FORMAT = 'coalition-board/space@1'

/** The derived (reader) part of a workshop export. */
export type SheetData = Omit<ExportDocument, 'board' | 'control'>

export interface LivretCoalition {
  id: string
  title: string
  theme: Theme | null
  cohort: { code: Cohort; label: string }
  status: { code: string; label: string }
  needs: string[]
  coLeads: string[]
  template: string
  decision: (Decision & { label: string }) | null
  /** Newest first. */
  decisions: (Decision & { label: string })[]
  workshops: {
    id: string
    title: string
    createdAt: string
    phase: { id: string; name: string } | null
    origin: string
  }[]
  summary: {
    compass: { workshopId: string; roundId: string; label: string; means: Record<string, number | null> } | null
    actorsEngaged: number
    actorsTotal: number
    nextSteps: string[]
  }
  /** From the latest workshop; null without one. */
  sheet: SheetData | null
}

export interface LivretDocument {
  format: typeof SPACE_EXPORT_FORMAT
  exportedAt: string
  space: { id: string; title: string; description: string; locale: string; themes: Theme[]; createdAt: string }
  cohorts: { code: Cohort; label: string; coalitionIds: string[] }[]
  coalitions: LivretCoalition[]
}

function readerPart(doc: ExportDocument): SheetData {
  const { board: _board, control: _control, ...rest } = doc
  return structuredClone(rest)
}

function coalitionEntry(coalition: CoalitionView, input: LivretInput): LivretCoalition {
  const locale = input.space.locale
  const summary = summarizeCoalition(outcomesOf(coalition))
  const labelled = (decision: Decision) => ({ ...decision, label: DECISION_LABELS[decision.decision][locale] })
  const current = currentDecision(coalition.decisions)
  const sheet = input.sheets.get(coalition.id)
  return {
    id: coalition.id,
    title: coalition.title,
    theme: input.space.themes.find((theme) => theme.id === coalition.themeId) ?? null,
    cohort: { code: coalition.cohort, label: COHORT_LABELS[coalition.cohort][locale] },
    status: { code: coalition.status, label: STATUS_LABELS[coalition.status][locale] },
    needs: [...coalition.needs],
    coLeads: [...coalition.coLeads],
    template: coalition.template,
    decision: current ? labelled(current) : null,
    decisions: decisionHistory(coalition.decisions).map(labelled),
    workshops: chronological(outcomesOf(coalition)).map((outcome) => ({
      id: outcome.workshopId,
      title: outcome.title,
      createdAt: new Date(outcome.createdAt).toISOString(),
      phase: outcome.phase,
      origin: coalition.workshops.find((entry) => entry.workshopId === outcome.workshopId)?.origin ?? 'created',
    })),
    summary: {
      compass: summary.compass
        ? {
            workshopId: summary.compass.workshopId,
            roundId: summary.compass.roundId,
            label: summary.compass.label,
            means: { ...summary.compass.means },
          }
        : null,
      actorsEngaged: summary.actorsEngaged,
      actorsTotal: summary.actorsTotal,
      nextSteps: [...summary.nextSteps],
    },
    sheet: sheet ? readerPart(sheet) : null,
  }
}

/** The booklet as a JSON-ready document. */
export function buildLivretJson(input: LivretInput): LivretDocument {
  const { space } = input
  return {
    format: SPACE_EXPORT_FORMAT,
    exportedAt: new Date(input.exportedAt).toISOString(),
    space: {
      id: space.id,
      title: space.title,
      description: space.description,
      locale: space.locale,
      themes: space.themes.map((theme) => ({ ...theme })),
      createdAt: new Date(space.createdAt).toISOString(),
    },
    cohorts: COHORTS.map((code) => ({
      code,
      label: COHORT_LABELS[code][space.locale],
      coalitionIds: input.coalitions.filter((coalition) => coalition.cohort === code).map((coalition) => coalition.id),
    })),
    coalitions: input.coalitions.map((coalition) => coalitionEntry(coalition, input)),
  }
}
