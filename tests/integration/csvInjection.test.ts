import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExport } from '../../shared/export'
import { META, workshopInput, workshopRecords } from '../../shared/export/testWorkshop'
import type { Locale } from '../../shared/workshop'
import { startServer, type TestServer } from '../helpers/server'

/**
 * CSV injection (issue 14, item 6): a spreadsheet runs a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a CR as a formula, and French Excel splits on `;`, English on `,`,
 * whatever the file meant. Cards whose titles and descriptions hide formulas behind either
 * separator are imported into a real server, exported as CSV, and read both ways: with the
 * separator of the workshop's language (the cells come back, prefixed where risky) and
 * split naively on `,` and on `;` — no piece may start like a formula.
 */

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})

const PAYLOADS: Record<string, Record<string, string>> = {
  'shape:lever-data': { title: 'Budget;=1+2*3;fin', description: 'desc;=9*9' },
  'shape:lever-buy': { title: 'Achat, =HYPERLINK("http://evil.example");x', description: ' @SUM(A1); "+33 1 23 45"' },
  'shape:actor-lyon': { name: '-2+3', notes: 'ligne 1\n=cmd|"/c calc"!A1;\t-1' },
  'shape:impact-air': { statement: 'Air;\t=1;\r=2' },
}

/** A piece starts like a formula: after any spaces and quotes, one of `= + - @`, or a tab or CR. */
const RISKY = /^(?:[\t\r]|[\s"]*[=+\-@])/

async function exportedCsv(locale: Locale): Promise<string> {
  const records = workshopRecords().map((record) => {
    const r = record as { id: string; props?: Record<string, unknown> }
    const payload = PAYLOADS[r.id]
    return payload ? { ...r, props: { ...r.props, ...payload } } : r
  })
  const doc = buildExport(workshopInput({ meta: { ...META, locale }, records }))
  const imported = await fetch(`${server.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  })
  expect(imported.status).toBe(201)
  const { id, links } = (await imported.json()) as { id: string; links: { facilitator: string } }
  const token = new URL(links.facilitator).hash.replace('#token=', '')
  const res = await fetch(`${server.url}/api/workshops/${id}/export?format=csv`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  const bytes = new Uint8Array(await res.arrayBuffer())
  // A UTF-8 byte order mark: Excel reads « Équitable » right and, in French, splits on `;`.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return new TextDecoder().decode(bytes)
}

/**
 * The file read as a spreadsheet set to `separator` reads it, whichever the file used: a
 * quote opens a quoted stretch only at the start of a cell (`""` inside is a quote, line
 * breaks inside are kept), anything after its closing quote joins the cell; the separator
 * ends a cell, CRLF a row.
 */
function readAs(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let started = false
  let quoted = false
  for (let i = text.startsWith('\uFEFF') ? 1 : 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c !== '"') cell += c
      else if (text[i + 1] !== '"') quoted = false
      else {
        cell += '"'
        i++
      }
    } else if (c === '"' && !started) {
      quoted = started = true
    } else if (c === separator) {
      row.push(cell)
      cell = ''
      started = false
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      started = false
      i++
    } else {
      cell += c
      started = true
    }
  }
  return rows
}

function expectNoFormulaWhenSplitOn(text: string, separator: string): void {
  const risky = readAs(text, separator)
    .flat()
    .filter((cell) => RISKY.test(cell))
  expect(risky, `cells read with "${separator}" that start like a formula`).toEqual([])
}

describe.each([
  ['fr', ';', 'Titre', 'Description'],
  ['en', ',', 'Title', 'Description'],
] as const)('CSV of a %s workshop', (locale, separator, titleColumn, descriptionColumn) => {
  let text = ''
  beforeAll(async () => {
    text = await exportedCsv(locale)
  })

  it(`is read in columns with "${separator}", every hostile cell kept as text`, () => {
    const rows = parseCsv(text, { bom: true, columns: true, delimiter: separator, skip_empty_lines: true }) as Record<
      string,
      string
    >[]
    expect(rows.length).toBeGreaterThanOrEqual(4)
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(RISKY)
    const byId = (id: string) => rows.find((row) => Object.values(row).includes(id))!
    // Risky pieces get an apostrophe; the rest of the text is as typed.
    expect(byId('shape:lever-data')[titleColumn]).toBe("Budget;'=1+2*3;fin")
    expect(byId('shape:lever-data')[descriptionColumn]).toBe("desc;'=9*9")
    expect(byId('shape:lever-buy')[titleColumn]).toBe('Achat,\' =HYPERLINK("http://evil.example");x')
    expect(byId('shape:actor-lyon')[titleColumn]).toBe("'-2+3")
    expect(byId('shape:impact-air')[titleColumn]).toBe("Air;'\t=1;'\r=2")
  })

  it('has no piece that starts like a formula, split on "," or on ";"', () => {
    expectNoFormulaWhenSplitOn(text, ',')
    expectNoFormulaWhenSplitOn(text, ';')
  })
})
