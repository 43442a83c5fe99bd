import { describe, expect, it } from 'vitest'
import { phaseRole } from './fullWorkshop'
import { TEMPLATE_ROLE_KEY } from './records'
import { actionLaneRole, statusOfRole } from './roadmapLanes'
import { buildTemplateRecords } from './templates'

type Rec = { id: string; type?: string; parentId?: string; meta?: Record<string, unknown>; props?: { name?: string } }

function lanes(records: Rec[]) {
  return records.filter((r) => r.type === 'frame' && statusOfRole(r.meta?.[TEMPLATE_ROLE_KEY]) !== null)
}

describe('roadmap lanes', () => {
  it('read a lane role back as its status, and nothing else', () => {
    expect(statusOfRole(actionLaneRole('doing'))).toBe('doing')
    expect(statusOfRole('lane:actions:late')).toBeNull()
    expect(statusOfRole('lane:levers:offre')).toBeNull()
    expect(statusOfRole(undefined)).toBeNull()
  })

  it('make the roadmap template: one lane per status, in the order work moves, named in the locale', () => {
    const records = buildTemplateRecords('roadmap', 'fr') as unknown as Rec[]
    expect(lanes(records).map((r) => r.props?.name)).toEqual([
      'Actions — À faire',
      'Actions — En cours',
      'Actions — Fait',
      'Actions — Abandonnée',
    ])
    const en = buildTemplateRecords('roadmap', 'en') as unknown as Rec[]
    expect(lanes(en).map((r) => r.props?.name)[0]).toBe('Actions — To do')
  })

  it('sit in the « Feuille de route et engagement » phase of the full workshop', () => {
    const records = buildTemplateRecords('full-workshop', 'fr') as unknown as Rec[]
    const phase = records.find((r) => r.meta?.[TEMPLATE_ROLE_KEY] === phaseRole('feuille-de-route'))
    expect(phase).toBeDefined()
    const inPhase = lanes(records)
    expect(inPhase).toHaveLength(4)
    for (const lane of inPhase) expect(lane.parentId).toBe(phase!.id)
  })
})
