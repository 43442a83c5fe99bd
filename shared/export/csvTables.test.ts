import { describe, expect, it } from 'vitest'
import { compassSection } from '../control/compass'
import { buildCompassCsv, buildVotesCsv } from './csvTables'
import { buildExport } from './model'
import { parseCsv } from './testCsv'
import { META, workshopControl, workshopInput, withBothRoundsRevealed } from './testWorkshop'

const BOM = '\uFEFF'

function table(text: string, separator = ';'): Record<string, string>[] {
  expect(text.startsWith(BOM)).toBe(true)
  const [header, ...rows] = parseCsv(text.slice(1), separator)
  return rows.map((row) => {
    expect(row).toHaveLength(header.length)
    return Object.fromEntries(header.map((name, i) => [name, row[i]]))
  })
}

describe('votes CSV', () => {
  it('has one row per card of a revealed round, ranked, dots as bare numbers', () => {
    const text = buildVotesCsv(buildExport(workshopInput()))
    const rows = table(text)
    expect(rows.map((row) => [row['Rang'], row['Carte'], row['Points']])).toEqual([
      ['1', 'Ouvrir les données de trafic', '3'],
      ['2', 'Achat groupé de vélos cargo', '1'],
      ['2', 'Un air plus sain', '1'],
    ])
    expect(rows.every((row) => row['Tour'] === 'Priorités' && row['Votants'] === '3' && row['Révélé'] === 'oui')).toBe(
      true,
    )
    // Numbers are not quoted (a spreadsheet sums them); texts are.
    expect(text).toContain(';3\r\n')
    expect(text).toContain('"Ouvrir les données de trafic"')
  })

  it('says a hidden round is hidden and shows none of its dots', () => {
    const control = workshopControl()
    const hidden = {
      ...control,
      votes: { ...control.votes, rounds: control.votes.rounds.map((r) => ({ ...r, revealed: false })) },
    }
    const rows = table(buildVotesCsv(buildExport(workshopInput({ control: hidden }))))
    expect(rows).toHaveLength(1)
    expect(rows[0]['Révélé']).toBe('non révélé')
    expect(rows[0]['Points']).toBe('')
    expect(rows[0]['Carte']).toBe('')
  })

  it('is comma-separated with English words for an English workshop', () => {
    const rows = table(buildVotesCsv(buildExport(workshopInput({ meta: { ...META, locale: 'en' } }))), ',')
    expect(rows[0]).toMatchObject({ Round: 'Priorités', Rank: '1', Dots: '3', Revealed: 'yes' })
  })
})

describe('compass CSV', () => {
  it('has a row per axis of each round; hidden rounds carry no value', () => {
    const rows = table(buildCompassCsv(buildExport(workshopInput())))
    expect(rows).toHaveLength(14)
    const first = rows.filter((row) => row['Identifiant du tour'] === 'compass-1')
    const second = rows.filter((row) => row['Identifiant du tour'] === 'compass-2')
    expect(first.map((row) => row['Axe'])).toHaveLength(7)
    expect(second.every((row) => row['Révélé'] === 'non révélé' && row['Moyenne'] === '' && row['Écart'] === '')).toBe(
      true,
    )
    const equitable = first.find((row) => row['Axe'] === 'Équitable')!
    // Round 1's « Équitable » : 0, 3, 1 — mean 1,33 in French, spread 3, flagged to discuss.
    expect(equitable).toMatchObject({ Sujet: 'la coalition', n: '3', Moyenne: '1,33', Min: '0', Max: '3' })
    expect(equitable['Écart']).toBe('3')
    expect(equitable['À discuter']).toBe('oui')
    expect(equitable['Commentaires']).toBe('1')
  })

  it('gives « Évolution » since the previous round once both are revealed, never under « Écart »', () => {
    const rows = table(
      buildCompassCsv(buildExport(workshopInput({ control: withBothRoundsRevealed(workshopControl()) }))),
    )
    const capacitant = rows.find((row) => row['Identifiant du tour'] === 'compass-2' && row['Axe'] === 'Capacitant')!
    // Round 1: 2, 2, 3 (mean 2,33); round 2: 3, 4 (mean 3,5): +1,17.
    expect(capacitant['Évolution']).toBe('1,17')
    expect(capacitant['Évolution depuis']).toBe('Situation actuelle')
    const firstRound = rows.find((row) => row['Identifiant du tour'] === 'compass-1' && row['Axe'] === 'Capacitant')!
    expect(firstRound['Évolution']).toBe('')
  })

  it('is a header alone when no round was opened', () => {
    const control = { ...workshopControl(), compass: compassSection.initial() }
    expect(parseCsv(buildCompassCsv(buildExport(workshopInput({ control }))).slice(1))).toHaveLength(1)
  })
})
