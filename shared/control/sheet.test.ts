import { describe, expect, it } from 'vitest'
import { emptySheet, isSheetEmpty, sheetSection } from './sheet'
import { ctxFor, run } from './testkit'

const fac = ctxFor('facilitator', 'fac', 1_000)

describe('sheet section (« Fiche coalition »)', () => {
  it('lets a facilitator fill fields, trimmed, lists without blanks or duplicates, dated and signed', () => {
    const result = run(
      sheetSection,
      emptySheet(),
      {
        type: 'sheet.update',
        statement: '  Pour un air sain  ',
        needs: ['Financement', ' ', 'Financement', 'Données'],
      },
      fac,
    )
    expect(result).toEqual({
      ok: true,
      state: {
        ...emptySheet(),
        statement: 'Pour un air sain',
        needs: ['Financement', 'Données'],
        updatedAt: 1_000,
        updatedBy: 'fac',
      },
    })
  })

  it('refuses participants and viewers, and changes nothing', () => {
    for (const role of ['participant', 'viewer'] as const) {
      expect(run(sheetSection, emptySheet(), { type: 'sheet.update', statement: 'Pour' }, ctxFor(role, 'p'))).toEqual({
        ok: false,
        code: 'forbidden',
      })
    }
  })

  it('refuses what is too long, too many entries, unknown fields and an empty change', () => {
    const bad = [
      { type: 'sheet.update', statement: 'x'.repeat(201) },
      { type: 'sheet.update', problem: 'x'.repeat(2001) },
      { type: 'sheet.update', coLeads: Array.from({ length: 21 }, (_, i) => `c${i}`) },
      { type: 'sheet.update', needs: ['x'.repeat(201)] },
      { type: 'sheet.update', title: 'Pour' },
      { type: 'sheet.update' },
    ]
    for (const command of bad) expect(run(sheetSection, emptySheet(), command, fac).ok).toBe(false)
  })

  it('keeps its date when a save changes nothing', () => {
    const filled = { ...emptySheet(), statement: 'Pour', updatedAt: 5, updatedBy: 'a' }
    expect(run(sheetSection, filled, { type: 'sheet.update', statement: 'Pour' }, fac)).toEqual({
      ok: true,
      state: filled,
    })
  })

  it('tells an empty sheet', () => {
    expect(isSheetEmpty(emptySheet())).toBe(true)
    expect(isSheetEmpty({ ...emptySheet(), coLeads: ['Ville'] })).toBe(false)
  })
})
