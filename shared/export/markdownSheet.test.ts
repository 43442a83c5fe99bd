import { describe, expect, it } from 'vitest'
import { emptySheet } from '../control/sheet'
import { buildMarkdown } from './markdown'
import { buildExport } from './model'
import { META, workshopControl, workshopInput } from './testWorkshop'

const sheet = {
  ...emptySheet(),
  statement: 'Pour une mobilité partagée',
  problem: 'Des bus vides, des routes pleines',
  coLeads: ['Métropole', 'Atmo'],
  updatedAt: 1,
  updatedBy: 'Awa',
}

describe('the sheet opens with the « Pour … » statement', () => {
  it('titles the sheet with the statement, the workshop as a field, then the Fiche coalition', () => {
    const md = buildMarkdown(buildExport(workshopInput({ control: { ...workshopControl(), sheet } })))
    const lines = md.split('\n')
    expect(lines[0]).toBe('# Pour une mobilité partagée')
    expect(lines[2]).toBe(`- **Atelier\u00a0:** ${META.title}`)
    const at = lines.indexOf('## Fiche coalition')
    expect(at).toBeGreaterThan(0)
    expect(at).toBeLessThan(lines.indexOf('## Présentation'))
    expect(md).toContain('- **Problème et contexte\u00a0:** Des bus vides, des routes pleines')
    expect(md).toContain('- **Co-porteurs\u00a0:** Métropole, Atmo')
  })

  it('in English too', () => {
    const input = workshopInput({ control: { ...workshopControl(), sheet } })
    const md = buildMarkdown(buildExport({ ...input, meta: { ...input.meta, locale: 'en' } }))
    expect(md).toContain('## Coalition sheet')
    expect(md).toContain('- **Problem and context:** Des bus vides, des routes pleines')
  })

  it('keeps the workshop title first when the sheet is empty', () => {
    const md = buildMarkdown(buildExport(workshopInput({ control: { ...workshopControl(), sheet: emptySheet() } })))
    expect(md.split('\n')[0]).toBe(`# ${META.title}`)
    expect(md).not.toContain('Fiche coalition')
  })
})
