import Database from 'better-sqlite3'
import { parse as parseCsv } from 'csv-parse/sync'
import * as encoding from 'lib0/encoding'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResultMessage } from '../../shared/control/messages'
import { MAX_IMPORT_RECORDS, type ExportDocument } from '../../shared/export'
import { arrow, card, note } from '../../shared/export/testWorkshop'
import { formatDate } from '../../shared/export/markdownText'
import { CloseCode, MessageType } from '../../shared/protocol'
import { defaultPageRecord } from '../../shared/templates'
import {
  closeOf,
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type CreatedTestWorkshop,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Issue "workshop outcomes" against a real server process: a workshop played through real
 * y-websocket clients (every card type, links, two compass rounds, a dot vote), exported,
 * imported and exported again; the sheet and the CSV read back; malformed imports refused
 * with nothing created; a deleted workshop gone from the API, the sync endpoint and the
 * database file.
 */

const IMPORT_LIMIT = 4_000_000
let server: TestServer
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startServer({ env: { MAX_IMPORT_BYTES: String(IMPORT_LIMIT) } })
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.stop()
})

/** Reads the server's SQLite file (WAL: a second connection sees every commit). */
function withDatabase<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(server.dataDir, 'coalition.db'), { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}
const workshopCount = () =>
  withDatabase((db) => (db.prepare('SELECT count(*) AS n FROM workshops').get() as { n: number }).n)

const member = (name: string) => `member-key-of-${name}-0123456789`

async function connect(
  w: CreatedTestWorkshop,
  role: 'facilitator' | 'participant' | 'viewer',
  name: string,
): Promise<TestClient> {
  const client = connectClient(server.url, w.id, w.tokens[role], { member: member(name) })
  clients.push(client)
  await waitFor(() => client.provider.synced && client.control.length > 0, 15_000, `${name} synced`)
  return client
}

let commandId = 0
/** Sends a control command over the client's socket and waits for its result. */
async function command(client: TestClient, cmd: Record<string, unknown> & { type: string }): Promise<void> {
  const id = ++commandId
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.control)
  encoding.writeVarString(e, JSON.stringify({ kind: 'command', id, command: cmd }))
  client.provider.ws!.send(encoding.toUint8Array(e))
  let result: ResultMessage | undefined
  await waitFor(
    () => (result = client.control.find((m): m is ResultMessage => m.kind === 'result' && m.id === id)) !== undefined,
    10_000,
    cmd.type,
  )
  if (!result!.ok) throw new Error(`${cmd.type} refused: ${JSON.stringify(result)}`)
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
function exportOf(w: CreatedTestWorkshop, format: string, token = w.tokens.facilitator): Promise<Response> {
  return fetch(`${server.url}/api/workshops/${w.id}/export?format=${format}`, { headers: bearer(token) })
}
function importBody(body: string): Promise<Response> {
  return fetch(`${server.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
}

/**
 * An oversize import through node:http: the server may answer 413 from the declared
 * Content-Length and close before the upload ends, so the client's write can fail with
 * EPIPE after the answer arrived (fetch would then reject). What matters is the answer.
 */
function importOversize(body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    // The server answers 413 from the Content-Length alone and closes: a client still
    // writing 16 MiB then gets EPIPE/ECONNRESET and, on a loaded machine, may lose the answer
    // with the socket. So the headers go first and the body only if no answer came (a server
    // that waits for the body still gets it).
    let bodySent = false
    const sendBody = () => {
      if (bodySent) return
      bodySent = true
      req.end(body)
    }
    const req = httpRequest(
      `${server.url}/api/workshops/import`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        clearTimeout(bodyTimer)
        bodySent = true
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
        res.on('error', reject)
      },
    )
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The answer, if any, still comes through the response handler above.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    req.flushHeaders()
    const bodyTimer = setTimeout(sendBody, 3_000)
  })
}

const CARDS = {
  actor: card('shape:actor-ville', 'actor', 'page:page', 0, 0, {
    name: 'Ville de Besançon',
    kind: 'public-body',
    sphere: 'commande',
    circle: 'noyau',
    power: 5,
    interest: 4,
    notes: 'Élue référente : Mme Dupré',
  }),
  actor2: card('shape:actor-asso', 'actor', 'page:page', 0, 300, {
    name: 'Association « Roue libre »',
    kind: 'association',
    sphere: 'usages',
    circle: 'premier-cercle',
    power: 2,
    interest: 5,
  }),
  lever: card('shape:lever-achat', 'lever', 'page:page', 400, 0, {
    title: 'Clauses d’achat public responsable',
    sphere: 'commande',
    kind: 'procurement',
    description: 'Critères « frugalité » pondérés à 20 %',
    horizon: '2027',
  }),
  indicator: card('shape:ind-co2', 'indicator', 'page:page', 800, 300, {
    name: 'Émissions de CO₂ évitées',
    unit: 'tCO₂e/an',
    baseline: '0',
    target: '1 200',
    deadline: '2030',
    source: 'Bilan carbone, « ADEME »',
  }),
  impact: card('shape:impact-air', 'impact', 'page:page', 800, 0, {
    statement: 'Un air plus sain pour les écoliers',
    horizon: '2030',
    qualities: ['protecteur', 'equitable'],
  }),
  action: card('shape:action-charte', 'action', 'page:page', 400, 600, {
    what: 'Rédiger la charte d’achat',
    owner: 'Awa',
    ownerActorId: 'shape:actor-ville',
    due: '2027-03-31',
    status: 'doing',
  }),
}
const CARD_TITLES = [
  'Ville de Besançon',
  'Association « Roue libre »',
  'Clauses d’achat public responsable',
  'Émissions de CO₂ évitées',
  'Un air plus sain pour les écoliers',
  'Rédiger la charte d’achat',
]

function boardRecords(): object[] {
  return [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    defaultPageRecord(),
    ...Object.values(CARDS),
    note('shape:note-1', 'page:page', 0, 600, 'Prochaine réunion : jeudi, salle « Victor Hugo »'),
    ...arrow('holds', 'shape:actor-ville', 'shape:lever-achat'),
    ...arrow('contributes', 'shape:lever-achat', 'shape:impact-air'),
    ...arrow('measures', 'shape:ind-co2', 'shape:impact-air'),
    ...arrow('implements', 'shape:action-charte', 'shape:lever-achat'),
  ]
}

const AXES = ['capacitant', 'inclusif', 'frugal', 'innovant', 'democratique', 'protecteur', 'equitable']

/** A workshop played to the end: the board, two revealed compass rounds, a revealed vote. */
async function playWorkshop(): Promise<CreatedTestWorkshop> {
  const w = await createWorkshop(server.url, {
    title: 'Mobilités scolaires — Besançon',
    coalition: 'Pour des trajets d’école apaisés',
    locale: 'fr',
  })
  const fac = await connect(w, 'facilitator', 'fac')
  const people = [
    await connect(w, 'participant', 'awa'),
    await connect(w, 'participant', 'bruno'),
    await connect(w, 'participant', 'chloe'),
  ]
  await connect(w, 'viewer', 'screen')
  fac.doc.transact(() => {
    for (const record of boardRecords()) fac.kv.set((record as { id: string }).id, record)
  })
  const count = boardRecords().length
  for (const c of people) await waitFor(() => c.kv.map.size === count, 10_000, 'records everywhere')

  for (const [round, label] of [
    [1, 'Situation actuelle'],
    [2, 'Visée 2030'],
  ] as const) {
    await command(fac, { type: 'compass.openRound', label, subject: { kind: 'coalition' } })
    for (const [i, c] of people.entries()) {
      for (const [a, axis] of AXES.entries()) {
        const value = i === 2 && axis === 'frugal' ? 'nc' : Math.min(4, (a + i + round) % 5)
        await command(c, {
          type: 'compass.score',
          roundId: `compass-${round}`,
          axis,
          value,
          ...(axis === 'equitable' && i === 0 ? { comment: 'Qui paie l’accompagnement ?' } : {}),
        })
      }
    }
    await command(fac, { type: 'compass.close', roundId: `compass-${round}` })
    await command(fac, { type: 'compass.reveal', roundId: `compass-${round}` })
  }
  await command(fac, {
    type: 'votes.start',
    label: 'Priorités',
    cardIds: ['shape:lever-achat', 'shape:impact-air', 'shape:actor-asso'],
    budget: 3,
  })
  const dots = [
    ['shape:lever-achat', 'shape:impact-air'],
    ['shape:lever-achat'],
    ['shape:lever-achat', 'shape:actor-asso'],
  ]
  for (const [i, c] of people.entries())
    for (const cardId of dots[i]) await command(c, { type: 'votes.place', roundId: 'votes-1', cardId })
  await command(fac, { type: 'votes.close', roundId: 'votes-1' })
  await command(fac, { type: 'votes.reveal', roundId: 'votes-1' })
  return w
}

/** What a round trip keeps: everything but the time of the export. */
function content(doc: ExportDocument): Omit<ExportDocument, 'exportedAt'> {
  const { exportedAt: _time, ...rest } = doc
  return rest
}

let played: CreatedTestWorkshop
let exported: ExportDocument
let exportedText = ''

describe('round trip: export, import, export again', () => {
  it('exports a played workshop with every card type, its links, both compass rounds and the vote', async () => {
    played = await playWorkshop()
    const res = await exportOf(played, 'json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mobilites-scolaires-besancon-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    exportedText = await res.text()
    exported = JSON.parse(exportedText) as ExportDocument
    expect(Object.fromEntries(Object.entries(exported.cards).map(([type, list]) => [type, list.length]))).toEqual({
      actor: 2,
      lever: 1,
      indicator: 1,
      impact: 1,
      action: 1,
    })
    expect(exported.links.map((l) => l.kind).sort()).toEqual(['contributes-to', 'holds', 'implements', 'measures'])
    expect(exported.cards.action[0].fields).toEqual({
      what: 'Rédiger la charte d’achat',
      owner: 'Awa',
      ownerActorId: 'shape:actor-ville',
      due: '2027-03-31',
      status: 'doing',
    })
    expect(exported.roadmap).toEqual([
      {
        id: 'shape:action-charte',
        what: 'Rédiger la charte d’achat',
        owner: 'Ville de Besançon',
        ownerActorId: 'shape:actor-ville',
        due: '2027-03-31',
        status: 'doing',
        serves: [{ id: 'shape:lever-achat', type: 'lever', title: 'Clauses d’achat public responsable' }],
      },
    ])
    expect(exported.compass.rounds.map((r) => [r.label, r.revealed, r.scoredCount])).toEqual([
      ['Situation actuelle', true, 3],
      ['Visée 2030', true, 3],
    ])
    expect(exported.compass.rounds[0].axes?.frugal).toMatchObject({ count: 3, ncCount: 1 })
    expect(exported.compass.comparisons).toHaveLength(1)
    expect(exported.votes.rounds[0].tallies?.[0]).toMatchObject({ cardId: 'shape:lever-achat', dots: 3, rank: 1 })
    // The facilitator and three participants took part; the projection screen did not.
    expect(exported.participantCount).toBe(4)
  })

  it('imports it as a new workshop whose export is the same, and which opens live', async () => {
    const before = workshopCount()
    const res = await importBody(exportedText)
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; links: Record<string, string> }
    expect(created.id).not.toBe(played.id)
    expect(workshopCount()).toBe(before + 1)
    const token = (role: string) => new URL(created.links[role]).hash.replace('#token=', '')
    const copy: CreatedTestWorkshop = {
      id: created.id,
      links: created.links as CreatedTestWorkshop['links'],
      tokens: { facilitator: token('facilitator'), participant: token('participant'), viewer: token('viewer') },
    }
    const again = (await (await exportOf(copy, 'json')).json()) as ExportDocument
    // The copy says it is one; everything else is restored exactly.
    const copyName = `${exported.workshop.title} (copie du ${formatDate(exported.exportedAt, 'fr', 'Europe/Paris')})`
    expect(again.workshop.title).toBe(copyName)
    expect(again.control.meta.title).toBe(copyName)
    const asOriginal = {
      ...again,
      workshop: { ...again.workshop, title: exported.workshop.title },
      control: { ...again.control, meta: { ...again.control.meta, title: exported.control.meta.title } },
    }
    expect(content(asOriginal)).toEqual(content(exported))
    const live = await connect(copy, 'participant', 'dora')
    expect(live.kv.get('shape:actor-ville')).toEqual(CARDS.actor)
  })

  it('writes the coalition sheet with every card and the compass table', async () => {
    const res = await exportOf(played, 'md')
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const md = await res.text()
    expect(md).toMatch(/^# /)
    for (const title of CARD_TITLES) expect(md).toContain(title)
    expect(md).toContain('| Axe | n | Moyenne | Médiane | Min | Max | Écart | À discuter |')
    for (const axis of ['Capacitant', 'Inclusif', 'Frugal', 'Innovant', 'Démocratique', 'Protecteur', 'Équitable'])
      expect(md).toMatch(new RegExp(`^\\| ${axis} \\| \\d`, 'm'))
    // The roadmap closes the sheet: the action with its owner actor, day, status and lever.
    expect(md).toContain('| Action | Porteur | Échéance | Statut | Met en œuvre |')
    expect(md).toContain(
      '| Rédiger la charte d’achat | Ville de Besançon | 31 mars 2027 | En cours | Clauses d’achat public responsable |',
    )
    expect(md).not.toContain('Aucune étape notée sur le tableau.')
  })

  it('writes a CSV a real parser reads: one row per card, accents intact', async () => {
    const res = await exportOf(played, 'csv')
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    // A French workshop: `;` between cells, as French Excel splits them.
    const rows = parseCsv(new TextDecoder().decode(bytes), {
      bom: true,
      columns: true,
      delimiter: ';',
      skip_empty_lines: true,
    }) as Record<string, string>[]
    expect(rows).toHaveLength(6)
    const action = rows.find((row) => row.Carte === 'Action')!
    expect([action['Porteur (nom)'], action['Acteur porteur'], action['Date prévue'], action.Statut]).toEqual([
      'Awa',
      'Ville de Besançon',
      '2027-03-31',
      'En cours',
    ])
    const titles = rows.map((row) => Object.values(row)[2])
    expect(titles.sort()).toEqual([...CARD_TITLES].sort())
    expect(rows.some((row) => Object.values(row).includes('Critères « frugalité » pondérés à 20 %'))).toBe(true)
    expect(rows.some((row) => Object.values(row).includes('tCO₂e/an'))).toBe(true)
  })
})

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- cases poke at arbitrary JSON

/** Malformed imports: the body, and what the answer must point at. */
function malformed(): [string, string, RegExp][] {
  const doc = (): Json => JSON.parse(exportedText) as Json
  const edit = (change: (d: Json) => void): string => {
    const d = doc()
    change(d)
    return JSON.stringify(d)
  }
  const at = (d: Json, id: string) => d.board.records.find((r: { id: string }) => r.id === id)
  return [
    ['truncated JSON', exportedText.slice(0, 200), /^import is not valid JSON\n.* \(line 1, column 201\)$/],
    [
      'a stray comma',
      '{"format": "coalition-board/workshop@1",\n}',
      /^import is not valid JSON\n.*\(line 2, column 1\)$/,
    ],
    ['empty body', '', /^import is not valid JSON\nthe body is empty$/],
    ['a list', '[]', /expected an export document/],
    ['a string', '"coalition"', /expected an export document/],
    ['null', 'null', /expected an export document/],
    ['no format tag', edit((d) => delete d.format), /^format: missing/],
    ['another format', edit((d) => (d.format = 'excalidraw/scene@2')), /^format: "excalidraw\/scene@2" is not/],
    ['no board', edit((d) => delete d.board), /^board: missing/],
    ['empty title', edit((d) => (d.workshop.title = '')), /^workshop\.title: /],
    ['unknown language', edit((d) => (d.workshop.locale = 'de')), /^workshop\.locale: /],
    ['exportedAt not a date', edit((d) => (d.exportedAt = 'hier')), /^exportedAt: must be an ISO 8601 date/],
    ['negative participant count', edit((d) => (d.participantCount = -3)), /^participantCount: must not be negative/],
    ['cards not an object', edit((d) => (d.cards = [])), /^cards: /],
    ['records not a list', edit((d) => (d.board.records = { a: 1 })), /^board\.records: must be a list of records/],
    [
      'a record without id',
      edit((d) => d.board.records.push({ typeName: 'shape' })),
      /^board\.records\[\d+\]: must be an object with a string id and typeName/,
    ],
    [
      'a camera record',
      edit((d) => d.board.records.push({ id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} })),
      /\(camera:x\) typeName: camera is not a board record/,
    ],
    [
      'a duplicate id',
      edit((d) => d.board.records.push(at(d, 'shape:actor-ville'))),
      /\(shape:actor-ville\) id: duplicate id/,
    ],
    [
      'power out of range',
      edit((d) => (at(d, 'shape:actor-ville').props.power = 9)),
      /\(shape:actor-ville\) props\.power: power must be between 1 and 5/,
    ],
    [
      'an unknown lever kind',
      edit((d) => (at(d, 'shape:lever-achat').props.kind = 'magic')),
      /\(shape:lever-achat\) props\.kind: /,
    ],
    [
      'rich text of the wrong type',
      edit((d) => (at(d, 'shape:note-1').props.richText = 5)),
      /\(shape:note-1\) props\.richText: /,
    ],
    [
      'a parent that does not exist',
      edit((d) => (at(d, 'shape:impact-air').parentId = 'shape:nowhere')),
      /\(shape:impact-air\) parentId: /,
    ],
    [
      'a binding to nowhere',
      edit((d) => (at(d, 'binding:holds-end').toId = 'shape:ghost')),
      /\(binding:holds-end\) toId: /,
    ],
    [
      'a schema from the future',
      edit((d) => (d.board.schema.sequences['com.tldraw.shape.note'] = 99)),
      /^board\.schema: /,
    ],
    [
      'a score out of range',
      edit((d) => (Object.values(d.control.compass.rounds[0].scores as Record<string, Json>)[0].capacitant.value = 7)),
      /^control\.compass\.rounds\[0\]\.scores\./,
    ],
    [
      'more dots than the budget',
      edit((d) =>
        Object.values(d.control.votes.rounds[0].dots as Record<string, string[]>)[0].push(
          'shape:impact-air',
          'shape:impact-air',
          'shape:impact-air',
        ),
      ),
      /^control\.votes\.rounds\[0\]\.dots\./,
    ],
    ['an unknown current phase', edit((d) => (d.control.agenda.currentId = 'apero')), /^control\.agenda\.currentId: /],
    [
      'too many records',
      edit(
        (d) =>
          (d.board.records = Array.from({ length: MAX_IMPORT_RECORDS + 1 }, (_, i) => ({
            id: `shape:${i}`,
            typeName: 'shape',
          }))),
      ),
      /more than the 50000 an import accepts/,
    ],
  ]
}

describe('malformed imports', () => {
  it('answers each with 400, a message saying what and where, and creates nothing', async () => {
    const cases = malformed()
    expect(cases.length).toBeGreaterThanOrEqual(20)
    const before = workshopCount()
    for (const [name, body, where] of cases) {
      const res = await importBody(body)
      const answer = (await res.json()) as { error: string; details: string[] }
      expect({ name, status: res.status }).toEqual({ name, status: 400 })
      expect(answer.error.length, name).toBeGreaterThan(0)
      expect([answer.error, ...answer.details].join('\n'), name).toMatch(new RegExp(where.source, 'm'))
    }
    expect(workshopCount()).toBe(before)
  })

  it('answers 413 beyond the import limit, creating nothing', async () => {
    const before = workshopCount()
    const res = await importOversize(JSON.stringify({ ...JSON.parse(exportedText), padding: 'x'.repeat(IMPORT_LIMIT) }))
    expect(res.status).toBe(413)
    expect((res.json as { error: string }).error).toMatch(/too large/i)
    expect(workshopCount()).toBe(before)
  })
})

describe('deletion', () => {
  it('removes the workshop and everything stored for it: API, sync and links refuse it afterwards', async () => {
    const w = await createWorkshop(server.url, { title: 'Atelier à supprimer' })
    const other = await createWorkshop(server.url, { title: 'Atelier qui reste' })
    const fac = await connect(w, 'facilitator', 'fac-del')
    fac.doc.transact(() => {
      for (const record of boardRecords()) fac.kv.set((record as { id: string }).id, record)
    })
    await connect(w, 'participant', 'eve')
    const checkpoint = await fetch(`${server.url}/api/workshops/${w.id}/checkpoints`, {
      method: 'POST',
      headers: { ...bearer(w.tokens.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Avant suppression' }),
    })
    expect(checkpoint.status).toBe(201)
    const del = (token: string) =>
      fetch(`${server.url}/api/workshops/${w.id}`, { method: 'DELETE', headers: bearer(token) })
    expect((await del(w.tokens.participant)).status).toBe(403)
    expect((await del(w.tokens.facilitator)).status).toBe(204)

    await waitFor(() => fac.closeCodes.includes(CloseCode.workshopDeleted), 10_000, 'connected clients told')
    expect((await exportOf(w, 'json')).status).toBe(404)
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect((await fetch(`${server.url}/api/workshops/${w.id}`, { headers: bearer(w.tokens[role]) })).status).toBe(404)
      expect((await closeOf(server.url, `/sync/${w.id}?token=${w.tokens[role]}`)).code).toBe(CloseCode.workshopNotFound)
    }
    expect(
      (await fetch(`${server.url}/api/workshops/${w.id}/checkpoints`, { headers: bearer(w.tokens.facilitator) }))
        .status,
    ).toBe(404)

    // Every table that names a workshop holds nothing of it; the other workshop is intact.
    const leftovers = withDatabase((db) => {
      const tables = (
        db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
      ).map((t) => t.name)
      const found: Record<string, number> = {}
      for (const table of tables) {
        const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name)
        const column = columns.includes('workshop_id') ? 'workshop_id' : table === 'workshops' ? 'id' : null
        if (column)
          found[table] = (
            db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE "${column}" = ?`).get(w.id) as { n: number }
          ).n
      }
      return found
    })
    expect(Object.keys(leftovers)).toEqual(
      expect.arrayContaining(['workshops', 'tokens', 'doc_updates', 'control_state', 'participants', 'checkpoints']),
    )
    expect(Object.values(leftovers).every((n) => n === 0)).toBe(true)
    expect(
      (await fetch(`${server.url}/api/workshops/${other.id}`, { headers: bearer(other.tokens.viewer) })).status,
    ).toBe(200)
  })
})
