import { describe, expect, it } from 'vitest'
import { compassSection } from '../control/compass'
import { ctxFor, runOk } from '../control/testkit'
import { votesSection } from '../control/votes'
import { buildCsv } from './csv'
import { parseImport, type ImportedWorkshop } from './importValidation'
import { buildMarkdown } from './markdown'
import { buildExport, type ExportInput } from './model'
import type { ExportDocument } from './schema'
import { T0, withBothRoundsRevealed, workshopControl, workshopInput } from './testWorkshop'

/** Through the wire: what the server sends is what a later import receives. */
function overJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function importOk(doc: ExportDocument): ImportedWorkshop {
  const result = parseImport(overJson(doc))
  if (!result.ok) throw new Error(`${result.error}\n${result.details.join('\n')}`)
  return result.value
}

/** What the server would export from a workshop created by the import (a new id). */
function reexport(value: ImportedWorkshop, exportedAt = T0): ExportDocument {
  return buildExport({
    meta: { id: 'BBBBBBBBBBBBBBBBBBBBBB', ...value.workshop },
    records: value.board.records,
    schema: value.board.schema,
    control: value.control,
    participantCount: value.participantCount,
    exportedAt,
  })
}

describe('export → import → export', () => {
  const inputs: [string, ExportInput][] = [
    ['one compass round revealed, one hidden, a revealed vote', workshopInput()],
    ['both compass rounds revealed', workshopInput({ control: withBothRoundsRevealed(workshopControl()) })],
    [
      'in English, without a stored schema',
      workshopInput({ meta: { ...workshopInput().meta, locale: 'en' }, schema: null }),
    ],
  ]

  it.each(inputs)('gives the same document (%s)', (_name, input) => {
    const first = buildExport(input)
    const second = reexport(importOk(first))
    expect(overJson(second)).toEqual(overJson(first))
    expect(buildMarkdown(second)).toBe(buildMarkdown(first))
    expect(buildCsv(second)).toBe(buildCsv(first))
  })

  it('is stable over several cycles', () => {
    const first = buildExport(workshopInput())
    let doc = first
    for (let i = 0; i < 3; i++) doc = reexport(importOk(doc))
    expect(overJson(doc)).toEqual(overJson(first))
  })

  it('restores a control state the sections keep working on', () => {
    const { control } = importOk(buildExport(workshopInput()))
    const fac = ctxFor('facilitator', 'fac', T0 + 1_000)
    const alice = ctxFor('participant', 'alice', T0 + 1_000)
    // Alice's hidden score is still hers to change, and the round can be revealed.
    let compass = runOk(
      compassSection,
      control.compass,
      { type: 'compass.score', roundId: 'compass-2', axis: 'frugal', value: 2 },
      alice,
    )
    expect(compassSection.memberView(compass, 'alice')['compass-2'].frugal).toEqual({ value: 2 })
    compass = runOk(compassSection, compass, { type: 'compass.reveal', roundId: 'compass-2' }, fac)
    expect(compassSection.publicView(compass, 'viewer').rounds[1].aggregate?.frugal).toMatchObject({
      count: 2,
      mean: 2.5,
    })
    // Sequences continue: no round id is reused.
    compass = runOk(
      compassSection,
      compass,
      { type: 'compass.openRound', label: 'Encore', subject: { kind: 'coalition' } },
      fac,
    )
    expect(compass.rounds.at(-1)?.id).toBe('compass-3')
    const votes = runOk(
      votesSection,
      control.votes,
      { type: 'votes.start', label: 'Encore', cardIds: ['shape:lever-buy'], budget: 2 },
      fac,
    )
    expect(votes.rounds.at(-1)?.id).toBe('votes-2')
    expect(control.agenda.currentId).toBe('feuille-de-route')
    expect(control.timer).toMatchObject({ status: 'running', endsAt: T0 + 600_000 })
    expect(control.lock.records).toEqual(['shape:full-workshop-phase-cadrage'])
    expect(control.facilitation.anonymous).toBe(true)
  })

  it('brings an older snapshot up to date, then round-trips it unchanged', () => {
    const current = buildExport(workshopInput())
    const old = overJson(current) as ExportDocument & {
      board: { schema: { sequences: Record<string, number> }; records: Record<string, never>[] }
    }
    old.board.schema.sequences['com.tldraw.shape.text'] = 2 // before rich text
    for (const record of old.board.records as { type?: string; props: Record<string, unknown> }[]) {
      if (record.type !== 'text') continue
      const paragraphs = (record.props.richText as { content: { content?: { text: string }[] }[] }).content
      record.props.text = paragraphs.map((p) => p.content?.map((t) => t.text).join('') ?? '').join('\n')
      delete record.props.richText
    }
    const migrated = reexport(importOk(old))
    expect(overJson(migrated)).toEqual(overJson(current))
    expect(overJson(reexport(importOk(migrated)))).toEqual(overJson(current))
  })
})
