import { createTLSchema, toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { gridQuadrant, gridValuesAt, type Rect } from '../cards/grid'
import { LOCALES, TEMPLATE_IDS, type TemplateId } from '../workshop'
import { POWER_INTEREST_GRID_ROLE, actorsGridFrameId, isPowerInterestGridFrame } from './actorsMap'
import { DEFAULT_PHASES } from './phases'
import { DEFAULT_PAGE_ID, TEMPLATE_ROLE_KEY, plainRichText, richTextToPlain, type TemplateRecord } from './records'
import { TEMPLATES, actorsGridBounds, buildTemplateRecords, defaultPageRecord, templateInfo } from './templates'

const schema = createTLSchema()

function byId(records: TemplateRecord[]): Map<string, TemplateRecord> {
  return new Map(records.map((record) => [record.id, record]))
}

function sizeOf(record: TemplateRecord): { w: number; h: number } {
  // Text height depends on fonts; 1 stands for "some height" in containment checks.
  return record.type === 'text' ? { w: record.props.w, h: 1 } : { w: record.props.w, h: record.props.h }
}

function pageRect(record: TemplateRecord, records: Map<string, TemplateRecord>): Rect {
  let { x, y } = record
  for (let parent = records.get(record.parentId); parent; parent = records.get(parent.parentId)) {
    x += parent.x
    y += parent.y
  }
  return { x, y, ...sizeOf(record) }
}

function textOf(record: TemplateRecord): string {
  return record.type === 'frame' ? record.props.name : richTextToPlain(record.props.richText)
}

const NON_BLANK = TEMPLATE_IDS.filter((id): id is Exclude<TemplateId, 'blank'> => id !== 'blank')

describe('buildTemplateRecords', () => {
  it('produces records that tldraw 5 validates, for every template and locale', () => {
    for (const id of TEMPLATE_IDS) {
      for (const locale of LOCALES) {
        for (const record of buildTemplateRecords(id, locale)) {
          expect(() => schema.types.shape.validate(record), `${id}/${locale} ${record.id}`).not.toThrow()
        }
      }
    }
    expect(() => schema.types.page.validate(defaultPageRecord())).not.toThrow()
  })

  it('returns nothing for the blank template and something for the others', () => {
    expect(buildTemplateRecords('blank', 'fr')).toEqual([])
    for (const id of NON_BLANK) expect(buildTemplateRecords(id, 'fr').length).toBeGreaterThan(3)
  })

  it('keeps a sound tree: unique ids, known parents listed before children, ordered sibling indexes', () => {
    for (const id of NON_BLANK) {
      const records = buildTemplateRecords(id, 'en')
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
      const seen = new Set<string>([DEFAULT_PAGE_ID])
      const siblings = new Map<string, string[]>()
      for (const record of records) {
        expect(seen.has(record.parentId), `${record.id} parent ${record.parentId}`).toBe(true)
        seen.add(record.id)
        siblings.set(record.parentId, [...(siblings.get(record.parentId) ?? []), record.index])
        if (record.parentId !== DEFAULT_PAGE_ID) expect(byId(records).get(record.parentId)?.type).toBe('frame')
      }
      for (const indexes of siblings.values()) expect(new Set(indexes).size).toBe(indexes.length)
    }
  })

  it('places every child inside its frame', () => {
    for (const id of NON_BLANK) {
      const records = buildTemplateRecords(id, 'fr')
      const map = byId(records)
      for (const record of records) {
        const parent = map.get(record.parentId)
        if (!parent || parent.type !== 'frame') continue
        const { w, h } = sizeOf(record)
        expect(record.x >= 0 && record.y >= 0, record.id).toBe(true)
        expect(record.x + w <= parent.props.w && record.y + h <= parent.props.h, `${record.id} in ${parent.id}`).toBe(
          true,
        )
      }
    }
  })

  it('does not overlap frames that share a parent', () => {
    for (const id of NON_BLANK) {
      const frames = buildTemplateRecords(id, 'fr').filter((r) => r.type === 'frame')
      for (const a of frames) {
        for (const b of frames) {
          if (a === b || a.parentId !== b.parentId) continue
          const apart =
            a.x + a.props.w <= b.x || b.x + b.props.w <= a.x || a.y + a.props.h <= b.y || b.y + b.props.h <= a.y
          expect(apart, `${a.id} / ${b.id}`).toBe(true)
        }
      }
    }
  })

  it('is deterministic, and honours idPrefix and origin', () => {
    expect(buildTemplateRecords('levers', 'fr')).toEqual(buildTemplateRecords('levers', 'fr'))
    const moved = buildTemplateRecords('levers', 'fr', { idPrefix: 'copy2-', origin: { x: 5000, y: -300 } })
    const base = buildTemplateRecords('levers', 'fr')
    expect(moved.every((r) => r.id.startsWith('shape:copy2-'))).toBe(true)
    expect(
      moved.filter((r) => r.parentId !== DEFAULT_PAGE_ID).every((r) => r.parentId.startsWith('shape:copy2-')),
    ).toBe(true)
    moved.forEach((record, i) => {
      const shift = record.parentId === DEFAULT_PAGE_ID ? { x: 5000, y: -300 } : { x: 0, y: 0 }
      expect([record.x, record.y]).toEqual([base[i].x + shift.x, base[i].y + shift.y])
    })
  })

  it('writes in the requested language', () => {
    const names = (locale: 'fr' | 'en') =>
      buildTemplateRecords('levers', locale)
        .filter((r) => r.type === 'frame')
        .map((r) => r.props.name)
    expect(names('fr')).toEqual([
      'Leviers — Offre (qui construit)',
      'Leviers — Commande (qui achète ou commande)',
      'Leviers — Usages (qui utilise)',
    ])
    expect(names('en')[0]).toBe('Levers — Supply (who builds)')
  })

  it('rejects an unknown template', () => {
    expect(() => buildTemplateRecords('kanban' as TemplateId, 'fr')).toThrow(/unknown template kanban/)
  })
})

describe('actors-map', () => {
  const origin = { x: -1000, y: 400 }
  const records = buildTemplateRecords('actors-map', 'fr', { origin })
  const map = byId(records)
  const grid = map.get(actorsGridFrameId())

  it('has a grid frame found by id and by role, at the exported bounds', () => {
    expect(grid?.type).toBe('frame')
    expect(grid?.meta[TEMPLATE_ROLE_KEY]).toBe(POWER_INTEREST_GRID_ROLE)
    expect(records.filter(isPowerInterestGridFrame)).toEqual([grid])
    expect(pageRect(grid!, map)).toEqual(actorsGridBounds(origin))
  })

  it('labels four locked quadrants that agree with the grid maths', () => {
    const quadrants = records.filter((r) => r.parentId === grid?.id)
    expect(quadrants).toHaveLength(4)
    const bounds = actorsGridBounds(origin)
    for (const area of quadrants) {
      expect(area.isLocked).toBe(true)
      const rect = pageRect(area, map)
      const centre = { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
      expect(area.meta[TEMPLATE_ROLE_KEY]).toBe(`quadrant:${gridQuadrant(gridValuesAt(bounds, centre))}`)
    }
    expect(quadrants.map(textOf).join('\n')).toContain('Associer étroitement\nPouvoir fort, intérêt fort')
  })

  it('shows the three spheres and both axes', () => {
    expect(records.filter((r) => r.meta[TEMPLATE_ROLE_KEY]?.startsWith('sphere:')).map(textOf)).toEqual([
      'Offre — qui construit (à placer)',
      'Commande — qui achète ou commande (à placer)',
      'Usages — qui utilise (à placer)',
    ])
    const texts = records
      .filter((r) => r.type === 'text')
      .map(textOf)
      .join('\n')
    expect(texts).toContain('↑ Pouvoir')
    expect(texts).toContain('Intérêt →')
  })
})

describe('full-workshop', () => {
  const records = buildTemplateRecords('full-workshop', 'fr')
  const map = byId(records)

  it('has one frame per agenda phase, in order, each with its instructions', () => {
    const phaseFrames = records.filter((r) => r.meta[TEMPLATE_ROLE_KEY]?.startsWith('phase:'))
    expect(phaseFrames.map((r) => r.id)).toEqual(DEFAULT_PHASES.map((phase) => phase.frameId))
    DEFAULT_PHASES.forEach((phase, i) => {
      expect(textOf(phaseFrames[i])).toBe(`${i + 1}. ${phase.name.fr} — ${phase.minutes} min`)
      const texts = records.filter((r) => r.parentId === phase.frameId && r.type === 'text').map(textOf)
      expect(texts).toContain(phase.instructions.fr)
    })
    // Reading order: left to right, then top to bottom.
    const positions = phaseFrames.map((frame) => [frame.y, frame.x])
    expect([...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(positions)
  })

  it('nests the power/interest grid in the actors phase and the impact lanes in the impacts phase', () => {
    const grid = records.find(isPowerInterestGridFrame)
    expect(grid?.parentId).toBe(DEFAULT_PHASES.find((p) => p.id === 'acteurs-leviers')?.frameId)
    const impactsLane = records.find((r) => r.meta[TEMPLATE_ROLE_KEY] === 'lane:impacts')
    expect(impactsLane && map.get(impactsLane.parentId)?.id).toBe(
      DEFAULT_PHASES.find((p) => p.id === 'horizon-impacts')?.frameId,
    )
  })
})

describe('template catalogue and helpers', () => {
  it('names every template in both languages', () => {
    expect(TEMPLATES.map((t) => t.id).sort()).toEqual([...TEMPLATE_IDS].sort())
    expect(templateInfo('actors-map').name.fr).toBe('Carte des acteurs')
    expect(templateInfo('impacts').name.fr).toBe('Horizon, impacts et indicateurs')
    expect(templateInfo('full-workshop').name.fr).toBe('Atelier complet')
    expect(templateInfo('blank').name.fr).toBe('Vide')
  })

  it('writes rich text exactly as tldraw does, and reads it back', () => {
    for (const text of ['Une ligne', 'deux\nlignes', 'vide\n\nau milieu', '']) {
      expect(plainRichText(text)).toEqual(toRichText(text))
      expect(richTextToPlain(plainRichText(text))).toBe(text)
    }
    expect(
      richTextToPlain({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'a' },
              { type: 'hardBreak' },
              { type: 'text', text: 'b', marks: [{ type: 'bold' }] },
            ],
          },
        ],
      }),
    ).toBe('a\nb')
    expect(richTextToPlain(null)).toBe('')
  })
})
