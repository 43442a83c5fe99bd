import { describe, expect, it } from 'vitest'
import { buildCsv, csvField, CSV_FIELD_COLUMNS, neutralized } from './csv'
import { buildExport } from './model'
import { parseCsv } from './testCsv'
import { META, card, workshopInput, workshopRecords } from './testWorkshop'

describe('csvField', () => {
  it('quotes every text, doubling quotes, and leaves numbers bare', () => {
    expect(csvField('Frugal')).toBe('"Frugal"')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('a; b')).toBe('"a; b"')
    expect(csvField('dit "oui"')).toBe('"dit ""oui"""')
    expect(csvField('l1\r\nl2')).toBe('"l1\r\nl2"')
    expect(csvField('')).toBe('""')
    expect(csvField(4)).toBe('4')
  })

  it('keeps a cell that looks like a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`)
    expect(csvField('+33 1 23')).toBe(`"'+33 1 23"`)
    expect(csvField('\t=1')).toBe(`"'\t=1"`)
    expect(csvField('  -2')).toBe(`"'  -2"`)
  })
})

describe('neutralized', () => {
  it('prefixes every piece after a , or ; that a spreadsheet splitting there would run', () => {
    expect(neutralized('Budget;=1+2*3;fin')).toBe("Budget;'=1+2*3;fin")
    expect(neutralized('desc;=9*9')).toBe("desc;'=9*9")
    expect(neutralized('a, =HYPERLINK("x")')).toBe('a,\' =HYPERLINK("x")')
    expect(neutralized('a;"@x"')).toBe('a;\'"@x"')
    expect(neutralized('a;\t-1,\r+2')).toBe("a;'\t-1,'\r+2")
    expect(neutralized('=1;=2')).toBe("'=1;'=2")
  })

  it('leaves ordinary text alone: hyphens, signs and separators not followed by a formula', () => {
    for (const text of [
      'Budget 2026-2030',
      'a, b; c',
      'Open data, licence ouverte',
      'x = y + 1',
      'Atmo, "station Part-Dieu"',
      'mesuré par\u00a0: NO₂',
    ]) {
      expect(neutralized(text)).toBe(text)
    }
  })
})

describe('buildCsv', () => {
  const text = buildCsv(buildExport(workshopInput()))
  const rows = parseCsv(text.slice(1))

  it('starts with a UTF-8 BOM and uses CRLF line ends only', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(
      text
        .replace(/"[^"]*"/g, '')
        .match(/\r?\n/g)
        ?.every((end) => end === '\r\n'),
    ).toBe(true)
  })

  it('has a header and one row per card, every row as wide as the header', () => {
    expect(rows).toHaveLength(1 + 8)
    const [header] = rows
    expect(header.slice(0, 3)).toEqual(['Carte', 'Identifiant', 'Titre'])
    expect(header.slice(-2)).toEqual(['Cadre', 'Liens'])
    expect(header).toHaveLength(3 + CSV_FIELD_COLUMNS.length + 2)
    for (const row of rows) expect(row).toHaveLength(header.length)
  })

  it('has a column for every field of every card type, empty where it does not apply', () => {
    const [header, ...body] = rows
    const column = (label: string) => header.indexOf(label)
    expect(CSV_FIELD_COLUMNS.map((c) => c.field)).toEqual(
      expect.arrayContaining([
        'kind',
        'sphere',
        'circle',
        'power',
        'interest',
        'notes',
        'description',
        'horizon',
        'unit',
        'baseline',
        'target',
        'deadline',
        'source',
        'qualities',
      ]),
    )
    const lyon = body.find((row) => row[1] === 'shape:actor-lyon')!
    expect(lyon[0]).toBe('Acteur')
    expect(lyon[2]).toBe('Collectivité de Lyon')
    expect(lyon[column('Pouvoir')]).toBe('5')
    expect(lyon[column('Cercle')]).toBe('Noyau')
    expect(lyon[column('Notes')]).toBe('Porte la démarche,\npilote')
    expect(lyon[column('Unité')]).toBe('')
    expect(lyon[column('Cadre')]).toBe('6. Acteurs et leviers — 35 min › Grille pouvoir / intérêt')
    expect(lyon[column('Liens')]).toBe('détient\u00a0: Ouvrir les données de trafic')
  })

  it('keeps accents, quotes and commas intact through a real parser', () => {
    const [header, ...body] = rows
    const air = body.find((row) => row[1] === 'shape:impact-air')!
    expect(air[header.indexOf('Qualités')]).toBe('Protecteur, Équitable')
    expect(air[header.indexOf('Liens')]).toBe(
      'reçoit la contribution de\u00a0: Ouvrir les données de trafic\u00a0; mesuré par\u00a0: Concentration de NO₂',
    )
    const no2 = body.find((row) => row[1] === 'shape:ind-no2')!
    expect(no2[header.indexOf('Source')]).toBe('Atmo, "station Part-Dieu"')
    expect(no2[header.indexOf('Unité')]).toBe('µg/m³')
  })

  it('separates cells with ; in French and , in English, quoting text and not levels', () => {
    expect(text.split('\r\n').find((line) => line.includes('shape:actor-lyon'))).toMatch(
      /^"Acteur";"shape:actor-lyon";"Collectivité de Lyon";.*;5;5;/,
    )
    const english = buildCsv(buildExport(workshopInput({ meta: { ...META, locale: 'en' } })))
    expect(english.split('\r\n')[0]).toMatch(/^\uFEFF"Card","Id","Title",/)
  })

  it('writes English labels for an English workshop', () => {
    const [header, ...body] = parseCsv(
      buildCsv(buildExport(workshopInput({ meta: { ...META, locale: 'en' } }))).slice(1),
      ',',
    )
    expect(header.slice(0, 3)).toEqual(['Card', 'Id', 'Title'])
    expect(body.find((row) => row[1] === 'shape:impact-air')?.[header.indexOf('Qualities')]).toBe(
      'Protective, Equitable',
    )
  })

  it('is just a header for a board without cards, and survives odd cards', () => {
    expect(parseCsv(buildCsv(buildExport(workshopInput({ records: [] }))).slice(1))).toHaveLength(1)
    const odd = { ...card('shape:odd', 'actor', 'page:page', 0, 0, {}), props: { name: '=1+1', power: 'lots' } }
    const body = parseCsv(buildCsv(buildExport(workshopInput({ records: [...workshopRecords(), odd] }))).slice(1))
    const row = body.find((r) => r[1] === 'shape:odd')!
    expect(row[2]).toBe("'=1+1")
    expect(row[body[0].indexOf('Pouvoir')]).toBe('')
  })
})
