import { describe, expect, it } from 'vitest'
import { richTextToPlain } from '../templates/records'
import { boardSchema } from '../tldrawSchema'
import { MAX_IMPORT_RECORDS } from './boardRecords'
import { MAX_IMPORT_DETAILS, parseImport } from './importValidation'
import { buildExport } from './model'
import { FRAME, note, workshopInput } from './testWorkshop'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON

/** A fresh, valid export as a server would receive it (through JSON). */
function validDoc(): Json {
  return JSON.parse(JSON.stringify(buildExport(workshopInput())))
}

/** Index of a record pushed at the end of a valid export's records. */
const END = validDoc().board.records.length

function indexOf(doc: Json, id: string): number {
  return doc.board.records.findIndex((r: { id: string }) => r.id === id)
}

/** Applies `change` to a valid export and returns the refusal; fails the test if it was accepted. */
function refusal(change: (doc: Json) => unknown) {
  const doc = validDoc()
  const replaced = change(doc)
  const result = parseImport(replaced === undefined ? doc : replaced)
  if (result.ok) throw new Error('expected the import to be refused')
  return result
}

/** The refusal's details for a change to one record. */
function recordRefusal(id: string, change: (record: Json) => void) {
  return refusal((doc) => change(doc.board.records[indexOf(doc, id)])).details
}

describe('parseImport accepts', () => {
  it('an export as built, returning what to restore', () => {
    const doc = validDoc()
    const result = parseImport(doc)
    if (!result.ok) throw new Error(result.details.join('\n'))
    const { timeZone: _zone, ...workshop } = doc.workshop
    expect(result.value.workshop).toEqual({ ...workshop, createdAt: Date.parse(doc.workshop.createdAt) })
    expect(result.value.participantCount).toBe(4)
    expect(result.value.board.records).toEqual(doc.board.records)
    expect(result.value.board.schema).toEqual(doc.board.schema)
    expect(result.value.control).toEqual(doc.control)
  })

  it('the workshop’s name as the name, in the control state too', () => {
    const doc = validDoc()
    doc.workshop.title = '  Mobilités 2030 '
    const result = parseImport(doc)
    expect(result.ok && result.value.workshop.title).toBe('Mobilités 2030')
    expect(result.ok && result.value.control.meta).toEqual({
      title: 'Mobilités 2030',
      coalition: doc.workshop.coalition,
    })
  })

  it('a control state without a section, which starts as in a new workshop', () => {
    const doc = validDoc()
    delete doc.control.facilitation
    delete doc.control.agenda
    const result = parseImport(doc)
    expect(result.ok && result.value.control.facilitation).toEqual({
      followTarget: null,
      summon: null,
      anonymous: false,
    })
    expect(result.ok && result.value.control.agenda.phases[0].frameId).toBe('shape:full-workshop-phase-tour-de-table')
  })

  it('a board saved without a schema, and a compass shape', () => {
    const doc = validDoc()
    doc.board.schema = null
    doc.board.records.push({
      ...note('shape:compass-1', 'page:page', 0, 0, ''),
      type: 'compass',
      props: { roundId: 'compass-1', compareRoundId: 'compass-2', w: 440, h: 480 },
    })
    const result = parseImport(doc)
    expect(result.ok && result.value.board.records.find((r) => r.id === 'shape:compass-1')?.props).toEqual({
      roundId: 'compass-1',
      compareRoundId: 'compass-2',
      w: 440,
      h: 480,
    })
  })

  it('an older snapshot, migrated with tldraw’s own migrations', () => {
    const doc = validDoc()
    doc.board.schema.sequences['com.tldraw.shape.note'] = 8 // before rich text
    for (const old of doc.board.records.filter((r: Json) => r.type === 'note')) {
      old.props.text = old.id === 'shape:loose' ? 'Idée ancienne' : richTextToPlain(old.props.richText)
      delete old.props.richText
      delete old.props.textLastEditedBy
      old.props.fontSizeAdjustment = 0
    }
    const result = parseImport(doc)
    if (!result.ok) throw new Error(result.details.join('\n'))
    const migrated = result.value.board.records.find((r) => r.id === 'shape:loose') as Json
    expect(richTextToPlain(migrated.props.richText)).toBe('Idée ancienne')
    expect(migrated.props).toMatchObject({ fontSizeAdjustment: 1, textLastEditedBy: null })
    expect(migrated.props.text).toBeUndefined()
    expect((result.value.board.schema as Json).sequences['com.tldraw.shape.note']).toBe(
      boardSchema().serialize().sequences['com.tldraw.shape.note'],
    )
  })
})

describe('parseImport refuses, saying what and where', () => {
  it('anything but an object', () => {
    for (const input of [null, 'export', 42, [], undefined]) {
      const result = parseImport(input)
      expect(result).toMatchObject({ ok: false, error: 'import must be a JSON object' })
    }
    expect(parseImport([])).toMatchObject({ details: ['got a list, expected an export document'] })
  })

  it('a missing or wrong format tag', () => {
    expect(refusal((doc) => void delete doc.format)).toEqual({
      ok: false,
      error: 'not a coalition-board/workshop@1 export',
      details: ['format: missing'],
    })
    expect(refusal((doc) => void (doc.format = 'coalition-board/workshop@2')).details).toEqual([
      'format: "coalition-board/workshop@2" is not "coalition-board/workshop@1"',
    ])
  })

  it('missing sections, naming each', () => {
    const result = refusal((doc) => {
      delete doc.cards
      delete doc.board
    })
    expect(result.error).toBe('export is missing sections: cards, board')
    expect(result.details).toEqual(['cards: missing', 'board: missing'])
  })

  it('bad workshop metadata', () => {
    expect(refusal((doc) => void (doc.workshop.locale = 'de')).details).toEqual([
      expect.stringMatching(/^workshop\.locale: /),
    ])
    expect(refusal((doc) => void (doc.workshop.createdAt = 'yesterday')).details).toEqual([
      'workshop.createdAt: must be an ISO 8601 date',
    ])
    expect(refusal((doc) => void (doc.workshop.template = 'kanban')).details).toEqual([
      expect.stringMatching(/^workshop\.template: /),
    ])
    expect(refusal((doc) => void (doc.workshop.title = '  ')).details).toEqual(['workshop.title: title is required'])
  })

  it('a bad header or a derived section of the wrong kind', () => {
    expect(refusal((doc) => void (doc.participantCount = -1)).details).toEqual([
      'participantCount: must not be negative',
    ])
    expect(refusal((doc) => void (doc.exportedAt = 12)).details).toEqual([expect.stringMatching(/^exportedAt: /)])
    expect(refusal((doc) => void delete doc.cards.lever).details).toEqual(['cards.lever: must be a list'])
    expect(refusal((doc) => void (doc.notes = {})).details).toEqual(['notes: must be a list'])
  })

  it('records that are not a list, or too many', () => {
    expect(refusal((doc) => void (doc.board.records = {})).details).toEqual([
      'board.records: must be a list of records',
    ])
    const many = refusal(
      (doc) =>
        void (doc.board.records = Array.from({ length: MAX_IMPORT_RECORDS + 1 }, (_, i) => ({
          id: `page:${i}`,
          typeName: 'page',
        }))),
    )
    expect(many.details).toEqual([
      `board.records: ${MAX_IMPORT_RECORDS + 1} records, more than the 50000 an import accepts`,
    ])
  })

  it('records that are not objects with id and typeName', () => {
    const details = refusal((doc) => {
      doc.board.records[3] = 'shape:x'
      delete doc.board.records[5].typeName
    }).details
    expect(details).toEqual([
      'board.records[3]: must be an object with a string id and typeName',
      'board.records[5]: must be an object with a string id and typeName',
    ])
  })

  it('records that are not board records', () => {
    const details = refusal(
      (doc) => void doc.board.records.push({ id: 'camera:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }),
    ).details
    expect(details).toEqual([
      `board.records[${END}] (camera:page) typeName: camera is not a board record (document, page, shape, binding, asset)`,
    ])
  })

  it('duplicate ids, naming the first', () => {
    const doc = validDoc()
    const i = indexOf(doc, 'shape:actor-lyon')
    const details = refusal((d) => void d.board.records.push(d.board.records[i])).details
    expect(details).toEqual([`board.records[${END}] (shape:actor-lyon) id: duplicate id, first at board.records[${i}]`])
  })

  it('an id whose prefix does not match its typeName', () => {
    const details = refusal(
      (doc) => void doc.board.records.push({ ...note('shape:n', 'page:page', 0, 0, 'x'), id: 'page:n' }),
    ).details
    expect(details).toEqual([`board.records[${END}] (page:n) id: a shape id must start with "shape:"`])
  })

  it('card props that break the card rules, with the field and our message', () => {
    const doc = validDoc()
    const i = indexOf(doc, 'shape:actor-lyon')
    expect(recordRefusal('shape:actor-lyon', (r) => void (r.props.power = 9))).toEqual([
      `board.records[${i}] (shape:actor-lyon) props.power: power must be between 1 and 5`,
    ])
    expect(recordRefusal('shape:actor-lyon', (r) => void delete r.props.notes)).toEqual([
      `board.records[${i}] (shape:actor-lyon) props.notes: notes is required`,
    ])
    expect(recordRefusal('shape:actor-lyon', (r) => void (r.props.colour = 'red'))).toEqual([
      `board.records[${i}] (shape:actor-lyon) props: unknown actor field: colour`,
    ])
    const impact = indexOf(doc, 'shape:impact-air')
    expect(recordRefusal('shape:impact-air', (r) => void (r.props.qualities = ['frugal', 'vert']))).toEqual([
      `board.records[${impact}] (shape:impact-air) props.qualities[1]: qualities must contain only compass axes (capacitant, inclusif, frugal, innovant, democratique, protecteur, equitable)`,
    ])
    expect(recordRefusal('shape:impact-air', (r) => void (r.props.w = -5))).toEqual([
      `board.records[${impact}] (shape:impact-air) props.w: w must be a positive number`,
    ])
  })

  it('tldraw records that tldraw’s own schema rejects', () => {
    const doc = validDoc()
    const i = indexOf(doc, 'shape:loose')
    expect(recordRefusal('shape:loose', (r) => void (r.props.richText = 5))).toEqual([
      `board.records[${i}] (shape:loose) props.richText: Expected object, got a number`,
    ])
    expect(recordRefusal('shape:loose', (r) => void (r.type = 'sticker'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^board\\.records\\[${i}\\] \\(shape:loose\\) type: Expected one of "arrow" .*"compass".*"actor" or "lever" or "indicator" or "impact" or "action", got "sticker"$`,
        ),
      ),
    ])
    const actor = indexOf(doc, 'shape:actor-lyon')
    expect(recordRefusal('shape:actor-lyon', (r) => void (r.x = 'left'))).toEqual([
      `board.records[${actor}] (shape:actor-lyon) x: Expected number, got a string`,
    ])
    expect(recordRefusal('page:page', (r) => void (r.name = 3))).toEqual([
      `board.records[${indexOf(doc, 'page:page')}] (page:page) name: Expected string, got a number`,
    ])
  })

  it('a compass shape whose props are not the compass’s (judged as the room judges an edit)', () => {
    const compass = (props: unknown) =>
      refusal(
        (doc) => void doc.board.records.push({ ...note('shape:c', 'page:page', 0, 0, ''), type: 'compass', props }),
      ).details
    expect(compass('radar')).toEqual([`board.records[${END}] (shape:c) props: Expected object, got a string`])
    expect(compass({ roundId: 'compass-1', w: 300 })).toEqual([
      expect.stringMatching(new RegExp(`^board\\.records\\[${END}\\] \\(shape:c\\) props\\.h: `)),
    ])
    expect(compass({ roundId: 'compass-1', w: 300, h: 300, script: '<svg onload=alert(1)>' })).toEqual([
      expect.stringMatching(new RegExp(`^board\\.records\\[${END}\\] \\(shape:c\\) props`)),
    ])
  })

  it('shapes whose parent is missing, and parent loops', () => {
    const doc = validDoc()
    const i = indexOf(doc, 'shape:loose')
    expect(recordRefusal('shape:loose', (r) => void (r.parentId = 'shape:gone'))).toEqual([
      `board.records[${i}] (shape:loose) parentId: shape:gone points nowhere`,
    ])
    const loop = refusal((d) => {
      d.board.records[indexOf(d, FRAME.roadmap)].parentId = 'shape:next-1'
    }).details
    expect(loop).toContain(
      `board.records[${indexOf(doc, FRAME.roadmap)}] (${FRAME.roadmap}) parentId: the parent chain loops back to ${FRAME.roadmap}`,
    )
  })

  it('bindings whose shape is missing', () => {
    const doc = validDoc()
    const i = indexOf(doc, 'binding:a-holds-end')
    expect(recordRefusal('binding:a-holds-end', (r) => void (r.toId = 'shape:gone'))).toEqual([
      `board.records[${i}] (binding:a-holds-end) toId: shape:gone points nowhere`,
    ])
  })

  it('a schema that is not one, or is newer than ours', () => {
    expect(refusal((doc) => void (doc.board.schema = 'v5')).details).toEqual([
      'board.schema: must be null or a tldraw serialized schema ({ schemaVersion, sequences })',
    ])
    const newer = refusal((doc) => void (doc.board.schema.sequences['com.tldraw.shape.note'] = 99)).details
    expect(newer).toEqual([
      expect.stringMatching(
        /^board\.schema: com\.tldraw\.shape\.note is at version 99, newer than this server knows \(\d+\)/,
      ),
    ])
  })

  it('a control state that is not an object', () => {
    expect(refusal((doc) => void (doc.control = 'on')).details).toEqual([expect.stringMatching(/^control: /)])
  })

  it('control sections that break their data rules', () => {
    expect(refusal((doc) => void (doc.control.compass.rounds[0].scores.alice.capacitant.value = 7)).details).toEqual([
      'control.compass.rounds[0].scores.alice.capacitant.value: value must be 0, 1, 2, 3, 4 or "nc"',
    ])
    expect(refusal((doc) => void (doc.control.compass.nextRoundSeq = 2)).details).toEqual([
      'control.compass.nextRoundSeq: nextRoundSeq must be greater than 2 (round compass-2)',
    ])
    expect(refusal((doc) => void (doc.control.agenda.currentId = 'apero')).details).toEqual([
      'control.agenda.currentId: currentId apero is not one of the phases',
    ])
    expect(
      refusal((doc) => void doc.control.votes.rounds[0].dots.alice.push('shape:lever-buy', 'shape:impact-access'))
        .details,
    ).toEqual([
      'control.votes.rounds[0].dots.alice: more dots than the budget (3)',
      'control.votes.rounds[0].dots.alice: dot on shape:impact-access, which is not in this vote',
    ])
    expect(refusal((doc) => void (doc.control.timer.endsAt = null)).details).toEqual([
      'control.timer.endsAt: a running timer needs endsAt',
    ])
    expect(refusal((doc) => void (doc.control.lock.records = ['camera:x'])).details).toEqual([
      'control.lock.records[0]: locked ids must be shape or page ids',
    ])
  })

  it('with every problem at once, up to a bound', () => {
    const result = refusal((doc) => {
      doc.participantCount = 'many'
      doc.control.agenda.currentId = 'apero'
      for (const record of doc.board.records) if (record.type === 'actor') record.props.power = 0
    })
    expect(result.error).toBe('invalid import: 5 problems')
    expect(result.details).toHaveLength(5)
    const flood = refusal((doc) => void (doc.board.records = Array.from({ length: 500 }, () => 7))).details
    expect(flood).toHaveLength(MAX_IMPORT_DETAILS + 1)
    expect(flood.at(-1)).toBe(`… and ${500 - MAX_IMPORT_DETAILS} more problems`)
  })
})

describe('parseImport and the time zone', () => {
  it('keeps the time zone of the original, and refuses one that is not an IANA name', () => {
    const doc = validDoc()
    const zoned = { ...doc, workshop: { ...doc.workshop, timeZone: 'America/Montreal' } }
    const result = parseImport(zoned)
    if (!result.ok) throw new Error(result.details.join('\n'))
    expect(result.value.control.meta.timeZone).toBe('America/Montreal')
    const bad = parseImport({ ...doc, workshop: { ...doc.workshop, timeZone: 'Mars/Olympus' } })
    expect(bad.ok).toBe(false)
  })
})
