import { describe, expect, it } from 'vitest'
import { emptySheet, type SheetState } from '../control/sheet'
import { coalitionSheet, markedByAdmin, reconcileSheet } from './sheetSync'
import type { CoalitionRecord } from './space'
import { coalition as coalitionView, T0 } from './testSpace'

const W = 'W'.repeat(22)
const OTHER = 'O'.repeat(22)

function coalition(overrides: Partial<CoalitionRecord> = {}): CoalitionRecord {
  const { workshops: _views, ...rest } = coalitionView()
  return {
    ...rest,
    title: 'Pour une mobilité partagée',
    needs: ['Financement'],
    coLeads: ['Métropole'],
    workshops: [{ workshopId: W, origin: 'created', attachedAt: T0 }],
    ...overrides,
  }
}

function sheet(overrides: Partial<SheetState> = {}): SheetState {
  return {
    ...emptySheet(),
    statement: 'Pour un air sain',
    problem: 'Trop de particules',
    needs: ['Données'],
    updatedAt: T0 + 10,
    updatedBy: 'Awa',
    ...overrides,
  }
}

describe('sheet ↔ space synchronisation rules', () => {
  it('writes a newer workshop sheet into its coalition, with which workshop, who and when', () => {
    const result = reconcileSheet(sheet(), coalition(), W)
    expect(result.workshop).toBeNull()
    expect(result.coalition).toMatchObject({
      title: 'Pour un air sain',
      problem: 'Trop de particules',
      needs: ['Données'],
      coLeads: [],
      sheetChange: { at: T0 + 10, workshopId: W, by: 'Awa' },
    })
  })

  it('gives and takes nothing for a workshop the coalition does not list', () => {
    expect(reconcileSheet(sheet(), coalition(), OTHER)).toEqual({ workshop: null, coalition: null })
    const newer = coalition({ sheetChange: { at: T0 + 99, workshopId: null, by: '' } })
    expect(reconcileSheet(sheet(), newer, OTHER)).toEqual({ workshop: null, coalition: null })
  })

  it('gives the workshop a newer coalition sheet (the admin changed it in the space)', () => {
    const newer = coalition({ problem: 'Embouteillages', sheetChange: { at: T0 + 20, workshopId: null, by: '' } })
    const result = reconcileSheet(sheet(), newer, W)
    expect(result.coalition).toBeNull()
    expect(result.workshop).toEqual({
      ...emptySheet(),
      ...coalitionSheet(newer),
      updatedAt: T0 + 20,
      updatedBy: '',
    })
  })

  it('fills a never-filled workshop sheet from the coalition as it is', () => {
    const result = reconcileSheet(emptySheet(), coalition(), W)
    expect(result.coalition).toBeNull()
    expect(result.workshop).toMatchObject({
      statement: 'Pour une mobilité partagée',
      needs: ['Financement'],
      coLeads: ['Métropole'],
      updatedAt: null,
    })
    // Once taken, asking again changes nothing.
    expect(reconcileSheet(result.workshop!, coalition(), W)).toEqual({ workshop: null, coalition: null })
  })

  it('changes nothing when both sides are at the same change', () => {
    const written = reconcileSheet(sheet(), coalition(), W).coalition!
    expect(reconcileSheet(sheet(), written, W)).toEqual({ workshop: null, coalition: null })
  })

  it('never blanks the coalition title with an empty « Pour … »', () => {
    expect(reconcileSheet(sheet({ statement: '' }), coalition(), W).coalition?.title).toBe('Pour une mobilité partagée')
  })

  it('dates an admin change only when a sheet field changed', () => {
    const before = coalition()
    expect(markedByAdmin({ ...before, cohort: 'pilote' }, before, T0 + 5).sheetChange).toBeUndefined()
    expect(markedByAdmin({ ...before, needs: ['Données'] }, before, T0 + 5).sheetChange).toEqual({
      at: T0 + 5,
      workshopId: null,
      by: '',
    })
  })
})
