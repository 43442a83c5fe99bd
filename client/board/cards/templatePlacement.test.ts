import { describe, expect, it } from 'vitest'
import { buildTemplateRecords } from '../../../shared/templates'
import { freshIdPrefix, TEMPLATE_GAP, templateOrigin, templateRecordsFor } from './templatePlacement'

describe('template insertion from the board', () => {
  it('goes right of the content, top-aligned, or at the origin of an empty page', () => {
    expect(templateOrigin(undefined)).toEqual({ x: 0, y: 0 })
    expect(templateOrigin({ x: -100, y: 50, w: 400, h: 300 })).toEqual({ x: 300 + TEMPLATE_GAP, y: 50 })
  })

  it('uses a fresh prefix each time, so a second copy never overwrites the first', () => {
    const a = templateRecordsFor('levers', 'fr', { x: 0, y: 0 }, freshIdPrefix('levers', 'abc-123'), 'page:page')
    const b = templateRecordsFor('levers', 'fr', { x: 0, y: 0 }, freshIdPrefix('levers', 'xyz'), 'page:page')
    const ids = new Set(a.map((r) => r.id))
    expect(b.some((r) => ids.has(r.id))).toBe(false)
    expect(a[0].id.startsWith('shape:levers-abc123-')).toBe(true)
  })

  it('puts the top-level shapes on the current page and keeps nested ones in their frames', () => {
    const records = templateRecordsFor('actors-map', 'en', { x: 1000, y: 0 }, 'p-', 'page:second')
    const reference = buildTemplateRecords('actors-map', 'en', { origin: { x: 1000, y: 0 }, idPrefix: 'p-' })
    expect(records).toHaveLength(reference.length)
    records.forEach((record, i) => {
      expect(record.parentId).toBe(reference[i].parentId === 'page:page' ? 'page:second' : reference[i].parentId)
      expect({ ...record, parentId: '' }).toEqual({ ...reference[i], parentId: '' })
    })
  })
})
