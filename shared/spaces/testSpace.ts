import { AXIS_CODES } from '../compass/axes'
import type { AxisMeans, CompassSnapshot, OutcomeActor, WorkshopOutcome } from './outcome'
import type { CoalitionRecord, SpaceRecord } from './space'
import { defaultThemes } from './themes'
import type { CoalitionView } from './view'

/** Fixtures for the space tests (used only by `*.test.ts`). */

export const DAY = 86_400_000
export const T0 = 1_773_300_000_000 // 12 March 2026

/** Means with every axis at `value`, then the given overrides. */
export function means(value: number | null, overrides: Partial<AxisMeans> = {}): AxisMeans {
  return { ...(Object.fromEntries(AXIS_CODES.map((axis) => [axis, value])) as AxisMeans), ...overrides }
}

export function round(label: string, m: AxisMeans, id = label): CompassSnapshot {
  return { roundId: id, label, at: null, scoredCount: 3, means: m }
}

export function outcome(workshopId: string, createdAt: number, parts: Partial<WorkshopOutcome> = {}): WorkshopOutcome {
  return {
    workshopId,
    title: `Atelier ${workshopId}`,
    locale: 'fr',
    createdAt,
    phase: null,
    compass: [],
    actors: [],
    nextSteps: [],
    ...parts,
  }
}

export function actors(...entries: [string, OutcomeActor['circle']][]): OutcomeActor[] {
  return entries.map(([name, circle]) => ({ name, circle }))
}

export function space(overrides: Partial<SpaceRecord> = {}): SpaceRecord {
  return {
    id: 'SSSSSSSSSSSSSSSSSSSSSS',
    title: 'Saison 2026',
    description: 'Les coalitions du programme.',
    locale: 'fr',
    themes: defaultThemes('fr'),
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  }
}

let seq = 0
export function coalition(overrides: Partial<CoalitionView> = {}): CoalitionView {
  seq += 1
  const base: Omit<CoalitionRecord, 'workshops'> = {
    id: `c${String(seq).padStart(11, '0')}`,
    title: `Pour la coalition ${seq}`,
    themeId: 'environnement',
    cohort: 'stock',
    status: 'idee',
    needs: [],
    coLeads: [],
    template: 'full-workshop',
    decisions: [],
    nextDecisionSeq: 1,
    createdAt: T0,
    updatedAt: T0,
  }
  return { ...base, workshops: [], ...overrides }
}

/** A coalition view whose workshops are these outcomes. */
export function withOutcomes(view: CoalitionView, outcomes: WorkshopOutcome[]): CoalitionView {
  return {
    ...view,
    workshops: outcomes.map((o) => ({
      workshopId: o.workshopId,
      origin: 'created',
      attachedAt: o.createdAt,
      found: true,
      outcome: o,
    })),
  }
}
