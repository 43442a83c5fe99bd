import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExport } from '../../shared/export/model'
import { arrow, card, FRAME, META, workshopInput, workshopRecords } from '../../shared/export/testWorkshop'
import type { LivretDocument } from '../../shared/spaces/livretJson'
import type { CoalitionRecord, CreatedSpace, Decision, SpaceRecord } from '../../shared/spaces/space'
import type { SpaceView } from '../../shared/spaces/view'
import type { CreatedWorkshop } from '../../shared/workshop'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type CreatedTestWorkshop,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Issue 10 "programme space" against a real server process: the space API, its
 * authorization matrix (admin, read-only, a workshop's token, another space's token,
 * garbage), validation with clear errors, workshops started from or attached to a
 * coalition with their outcomes read from storage or from the live room, the booklet, and
 * nothing lost across `kill -9`.
 */

let server: TestServer
const clients: TestClient[] = []
beforeAll(async () => {
  // The access matrix tries many wrong tokens from one address: the limit on those
  // (tokenGuesses.test.ts) is not what this file is about.
  server = await startServer({ env: { TOKEN_FAILURE_BURST: '100000' } })
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.stop()
})

interface TestSpace extends CreatedSpace {
  admin: string
  viewer: string
}

const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '')

/** What the space API answers, loosely: each test reads the fields its route sends. */
interface ApiJson {
  error?: string
  details?: { path: string; message: string }[]
  coalition?: CoalitionRecord
  decision?: Decision
  space?: SpaceRecord
  workshop?: CreatedWorkshop
}

async function api(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  url = server.url,
): Promise<{ status: number; json: ApiJson; text: string; headers: Headers }> {
  const headers: Record<string, string> = {}
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: ApiJson = {}
  try {
    json = JSON.parse(text) as ApiJson
  } catch {}
  return { status: res.status, json, text, headers: res.headers }
}

async function createSpace(
  body: Record<string, unknown> = { title: 'Saison 2026' },
  url = server.url,
): Promise<TestSpace> {
  const res = await api('POST', '/api/spaces', null, body, url)
  expect(res.status).toBe(201)
  const created = res.json as unknown as CreatedSpace
  return { ...created, admin: tokenOf(created.links.admin), viewer: tokenOf(created.links.viewer) }
}

async function createCoalition(
  space: TestSpace,
  body: Record<string, unknown>,
  url = server.url,
): Promise<CoalitionRecord> {
  const res = await api('POST', `/api/spaces/${space.id}/coalitions`, space.admin, body, url)
  expect(res.status, res.text).toBe(201)
  return res.json.coalition!
}

async function read(space: TestSpace, token = space.admin, url = server.url): Promise<SpaceView> {
  const res = await api('GET', `/api/spaces/${space.id}`, token, undefined, url)
  expect(res.status, res.text).toBe(200)
  return res.json as unknown as SpaceView
}

describe('creating and reading a space', () => {
  it('answers 201 with an admin and a read-only link, tokens in the fragment, and the deck’s three themes', async () => {
    const space = await createSpace({ title: '  Saison 2026 ', description: 'Coalitions du programme', locale: 'fr' })
    const pattern = new RegExp(`^${server.publicUrl}/s/${space.id}#token=[A-Za-z0-9_-]{43}$`)
    expect(space.links.admin).toMatch(pattern)
    expect(space.links.viewer).toMatch(pattern)
    expect(space.admin).not.toBe(space.viewer)

    const asAdmin = await read(space)
    expect(asAdmin.role).toBe('admin')
    expect(asAdmin.space).toMatchObject({ title: 'Saison 2026', description: 'Coalitions du programme', locale: 'fr' })
    expect(asAdmin.space.themes.map((t) => t.id)).toEqual(['environnement', 'democratie', 'inclusion'])
    expect(asAdmin.links).toEqual(space.links)
    expect(asAdmin.coalitions).toEqual([])

    const asViewer = await read(space, space.viewer)
    expect(asViewer.role).toBe('viewer')
    expect(asViewer.links).toBeNull()
  })

  it('refuses bad bodies with what is wrong, and non-JSON bodies', async () => {
    const bad = await api('POST', '/api/spaces', null, { title: '', colour: 'red' })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toBe('invalid space')
    expect(bad.json.details).toEqual(expect.arrayContaining([{ path: 'title', message: 'title is required' }]))
    const res = await fetch(`${server.url}/api/spaces`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'Saison',
    })
    expect(res.status).toBe(415)
  })
})

describe('authorization matrix', () => {
  let space: TestSpace
  let other: TestSpace
  let coalition: CoalitionRecord
  let workshop: CreatedTestWorkshop

  beforeAll(async () => {
    space = await createSpace()
    other = await createSpace({ title: 'Autre programme' })
    coalition = await createCoalition(space, { title: 'Pour la matrice' })
    workshop = await createWorkshop(server.url, { title: 'Atelier' })
  })

  const requests = () => {
    const c = `/api/spaces/${space.id}/coalitions/${coalition.id}`
    return [
      { name: 'read', method: 'GET', path: `/api/spaces/${space.id}`, body: undefined, write: false },
      { name: 'export', method: 'GET', path: `/api/spaces/${space.id}/export?format=md`, body: undefined, write: true },
      { name: 'rename', method: 'PATCH', path: `/api/spaces/${space.id}`, body: { title: 'Piraté' }, write: true },
      {
        name: 'add coalition',
        method: 'POST',
        path: `/api/spaces/${space.id}/coalitions`,
        body: { title: 'Pour pirater' },
        write: true,
      },
      { name: 'move coalition', method: 'PATCH', path: c, body: { cohort: 'pilote' }, write: true },
      {
        name: 'decide',
        method: 'POST',
        path: `${c}/decisions`,
        body: { decision: 'activer', date: '2026-03-12' },
        write: true,
      },
      { name: 'start workshop', method: 'POST', path: `${c}/workshops`, body: {}, write: true },
      {
        name: 'attach',
        method: 'POST',
        path: `${c}/attach`,
        body: { workshopId: workshop.id, facilitatorToken: workshop.tokens.facilitator },
        write: true,
      },
      { name: 'delete coalition', method: 'DELETE', path: c, body: undefined, write: true },
    ]
  }

  it('lets nobody in without a valid token of this very space: none, garbage, a workshop’s, another space’s', async () => {
    const strangers: [string, string | null, number][] = [
      ['no token', null, 401],
      ['malformed', 'not-a-token', 401],
      ['well-formed garbage', 'A'.repeat(43), 401],
      ['workshop facilitator', workshop.tokens.facilitator, 401],
      ['other space admin', other.admin, 401],
    ]
    for (const request of requests()) {
      for (const [who, token, status] of strangers) {
        const res = await api(request.method, request.path, token, request.body)
        expect(`${request.name} / ${who}: ${res.status}`).toBe(`${request.name} / ${who}: ${status}`)
        expect(res.json).toEqual({ error: 'invalid token' })
      }
    }
  })

  it('lets the read-only link read and nothing else, and changes nothing', async () => {
    const before = await read(space)
    for (const request of requests()) {
      const res = await api(request.method, request.path, space.viewer, request.body)
      expect(`${request.name}: ${res.status}`).toBe(`${request.name}: ${request.write ? 403 : 200}`)
    }
    expect(await read(space)).toEqual(before)
  })

  it('answers 404 for an unknown space or coalition, whatever the token', async () => {
    expect((await api('GET', `/api/spaces/${'x'.repeat(22)}`, space.admin)).status).toBe(404)
    expect((await api('GET', '/api/spaces/..%2F..%2Fetc', space.admin)).status).toBe(404)
    const unknown = `/api/spaces/${space.id}/coalitions/${'y'.repeat(12)}`
    expect((await api('PATCH', unknown, space.admin, { status: 'active' })).json).toEqual({
      error: 'coalition not found',
    })
    expect(
      (await api('POST', `${unknown}/decisions`, space.admin, { decision: 'activer', date: '2026-03-12' })).status,
    ).toBe(404)
    expect((await api('DELETE', unknown, space.admin)).status).toBe(404)
    // A coalition of one space is not reachable through another.
    expect(
      (await api('PATCH', `/api/spaces/${other.id}/coalitions/${coalition.id}`, other.admin, { status: 'active' }))
        .status,
    ).toBe(404)
  })

  it('lets the admin do everything', async () => {
    for (const request of requests()) {
      const res = await api(request.method, request.path, space.admin, request.body)
      expect(`${request.name}: ${res.status < 300}`).toBe(`${request.name}: true`)
    }
  })
})

describe('coalitions', () => {
  let space: TestSpace
  beforeAll(async () => {
    space = await createSpace({ title: 'Saison 2026' })
  })

  it('creates coalitions with defaults, names what is wrong, and checks themes against the space', async () => {
    const c = await createCoalition(space, { title: 'Pour des données environnementales', themeId: 'environnement' })
    expect(c).toMatchObject({
      cohort: 'stock',
      status: 'idee',
      template: 'full-workshop',
      needs: [],
      coLeads: [],
      decisions: [],
      workshops: [],
    })
    const bad = await api('POST', `/api/spaces/${space.id}/coalitions`, space.admin, {
      title: 'Pour x',
      cohort: 'promo-9',
      extra: 1,
    })
    expect(bad.status).toBe(400)
    expect(bad.json.details!.map((d) => d.path).sort()).toEqual(['', 'cohort'])
    const theme = await api('POST', `/api/spaces/${space.id}/coalitions`, space.admin, {
      title: 'Pour x',
      themeId: 'sport',
    })
    expect(theme).toMatchObject({ status: 400, json: { error: 'unknown theme "sport"' } })
  })

  it('edits fields, moves between cohorts and keeps the decision history', async () => {
    const c = await createCoalition(space, { title: 'Pour l’équité scolaire', themeId: 'inclusion', cohort: 'promo-1' })
    const path = `/api/spaces/${space.id}/coalitions/${c.id}`
    const patched = await api('PATCH', path, space.admin, {
      cohort: 'pilote',
      status: 'amorcee',
      needs: ['Co-porteurs recherchés'],
      coLeads: ['Réseau Canopé'],
    })
    expect(patched.json.coalition).toMatchObject({
      cohort: 'pilote',
      status: 'amorcee',
      needs: ['Co-porteurs recherchés'],
      coLeads: ['Réseau Canopé'],
    })
    const first = await api('POST', `${path}/decisions`, space.admin, {
      decision: 'reporter',
      date: '2026-01-10',
      reason: 'Budget',
    })
    expect(first.status).toBe(201)
    const second = await api('POST', `${path}/decisions`, space.admin, { decision: 'activer', date: '2026-03-02' })
    expect(second.json.decision).toMatchObject({ id: 'd2', decision: 'activer', date: '2026-03-02', reason: '' })
    const wrong = await api('POST', `${path}/decisions`, space.admin, { decision: 'activer', date: '2026-02-31' })
    expect(wrong.json.details).toEqual([{ path: 'date', message: 'date is not a real day' }])
    const view = (await read(space)).coalitions.find((x) => x.id === c.id)!
    expect(view.decisions.map((d) => [d.id, d.decision])).toEqual([
      ['d1', 'reporter'],
      ['d2', 'activer'],
    ])
  })

  it('keeps concurrent moves of different fields both (no lost update)', async () => {
    const c = await createCoalition(space, { title: 'Pour la concurrence' })
    const path = `/api/spaces/${space.id}/coalitions/${c.id}`
    const writes = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0
        ? api('POST', `${path}/decisions`, space.admin, {
            decision: 'reporter',
            date: `2026-01-${String(i + 1).padStart(2, '0')}`,
          })
        : api('PATCH', path, space.admin, { status: i === 11 ? 'active' : 'en-projet' }),
    )
    const results = await Promise.all(writes)
    expect(results.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true)
    const view = (await read(space)).coalitions.find((x) => x.id === c.id)!
    expect(view.decisions).toHaveLength(6)
    expect(new Set(view.decisions.map((d) => d.id)).size).toBe(6)
  })

  it('refuses to drop a theme coalitions still use, and renames or adds themes', async () => {
    const res = await api('PATCH', `/api/spaces/${space.id}`, space.admin, {
      themes: [{ id: 'environnement', label: 'Écologie' }, { label: 'Santé' }],
    })
    expect(res.status).toBe(409)
    expect(res.json.error).toMatch(/^theme "Inclusion, capacitation, éducation" is used by 1 coalition/)
    const ok = await api('PATCH', `/api/spaces/${space.id}`, space.admin, {
      themes: [
        { id: 'environnement', label: 'Écologie' },
        { id: 'democratie', label: 'Démocratie' },
        { id: 'inclusion', label: 'Inclusion' },
        { label: 'Santé' },
      ],
    })
    expect(ok.json.space!.themes.map((t) => t.id)).toEqual(['environnement', 'democratie', 'inclusion', 'sante'])
  })
})

describe('workshops of a coalition', () => {
  let space: TestSpace
  let coalition: CoalitionRecord
  beforeAll(async () => {
    space = await createSpace({ title: 'Saison ateliers', locale: 'en' })
    coalition = await createCoalition(space, {
      title: 'Pour une mobilité partagée',
      themeId: 'environnement',
      template: 'actors-map',
    })
  })

  it('starts a workshop that inherits the coalition’s title and template; the admin gets its links', async () => {
    const res = await api('POST', `/api/spaces/${space.id}/coalitions/${coalition.id}/workshops`, space.admin, {})
    expect(res.status).toBe(201)
    const workshop = res.json.workshop!
    // Where the admin reached the server, like a workshop created on the landing page.
    for (const link of Object.values(workshop.links))
      expect(link).toMatch(new RegExp(`^${server.url}/w/${workshop.id}#token=`))
    const meta = await api('GET', `/api/workshops/${workshop.id}`, tokenOf(workshop.links.facilitator))
    expect(meta.json).toMatchObject({
      title: 'Pour une mobilité partagée',
      coalition: 'Pour une mobilité partagée',
      template: 'actors-map',
      locale: 'en',
      role: 'facilitator',
    })
    const entry = (await read(space)).coalitions[0].workshops[0]
    expect(entry).toMatchObject({
      workshopId: workshop.id,
      origin: 'created',
      found: true,
      outcome: { title: 'Pour une mobilité partagée' },
    })
  })

  it('attaches an existing workshop only with its facilitator token, and to one coalition only', async () => {
    // The workshop has an action on its board: the space's roadmap shows it.
    const action = card('shape:action-charte', 'action', FRAME.roadmap, 100, 600, {
      what: 'Rédiger la charte',
      owner: 'Awa',
      due: '2026-03-01',
      status: 'todo',
    })
    const records = [...workshopRecords(), action, ...arrow('a-implements', 'shape:action-charte', 'shape:lever-data')]
    const imported = await api('POST', '/api/workshops/import', null, buildExport(workshopInput({ records })))
    expect(imported.status).toBe(201)
    const w = imported.json as unknown as CreatedWorkshop
    const path = `/api/spaces/${space.id}/coalitions/${coalition.id}/attach`
    const participant = await api('POST', path, space.admin, {
      workshopId: w.id,
      facilitatorToken: tokenOf(w.links.participant),
    })
    expect(participant).toMatchObject({
      status: 403,
      json: { error: 'only a facilitator link proves control of a workshop' },
    })
    const foreign = await api('POST', path, space.admin, { workshopId: w.id, facilitatorToken: space.admin })
    expect(foreign.status).toBe(403)
    const ok = await api('POST', path, space.admin, {
      workshopId: w.id,
      facilitatorToken: tokenOf(w.links.facilitator),
    })
    expect(ok.status).toBe(200)
    const again = await api('POST', path, space.admin, {
      workshopId: w.id,
      facilitatorToken: tokenOf(w.links.facilitator),
    })
    expect(again.status).toBe(409)
    const second = await createCoalition(space, { title: 'Pour une autre' })
    const elsewhere = await api('POST', `/api/spaces/${space.id}/coalitions/${second.id}/attach`, space.admin, {
      workshopId: w.id,
      facilitatorToken: tokenOf(w.links.facilitator),
    })
    expect(elsewhere).toMatchObject({
      status: 409,
      json: { error: 'this workshop already belongs to the coalition "Pour une mobilité partagée"' },
    })

    // Its outcome, read from storage: revealed compass only, actors, next steps, phase.
    const entry = (await read(space)).coalitions[0].workshops.find((x) => x.workshopId === w.id)!
    expect(entry.origin).toBe('attached')
    expect(entry.outcome!.compass.map((r) => r.label)).toEqual(['Situation actuelle'])
    expect(entry.outcome!.actors.map((a) => a.circle).sort()).toEqual(['a-associer', 'noyau', 'premier-cercle'])
    expect(entry.outcome!.nextSteps).toContain('Atelier de suivi en juin — porteur : Métropole')
    expect(entry.outcome!.phase?.id).toBe('feuille-de-route')
    expect(entry.outcome!.createdAt).toBe(META.createdAt)
    expect(entry.outcome!.roadmap).toEqual([
      {
        id: 'shape:action-charte',
        what: 'Rédiger la charte',
        owner: 'Awa',
        ownerActorId: null,
        due: '2026-03-01',
        status: 'todo',
        serves: [{ id: 'shape:lever-data', type: 'lever', title: 'Ouvrir les données de trafic' }],
      },
    ])
  })

  it('reads a workshop being edited live, and marks a deleted workshop as not found', async () => {
    const w = await createWorkshop(server.url, { title: 'Atelier en direct' })
    await api('POST', `/api/spaces/${space.id}/coalitions/${coalition.id}/attach`, space.admin, {
      workshopId: w.id,
      facilitatorToken: w.tokens.facilitator,
    })
    const client = connectClient(server.url, w.id, w.tokens.participant, { member: 'member-key-of-live-0123456789' })
    clients.push(client)
    await waitFor(() => client.provider.synced, 15_000, 'synced')
    const actor = card('shape:actor-live', 'actor', 'page:page', 0, 0, { name: 'Région Bretagne', circle: 'informe' })
    client.doc.transact(() => client.kv.set(actor.id, actor))
    await waitFor(
      async () => {
        const entry = (await read(space)).coalitions[0].workshops.find((x) => x.workshopId === w.id)
        return entry?.outcome?.actors.some((a) => a.name === 'Région Bretagne' && a.circle === 'informe') ?? false
      },
      15_000,
      'live actor in the space',
    )

    expect((await api('DELETE', `/api/workshops/${w.id}`, w.tokens.facilitator)).status).toBe(204)
    const gone = (await read(space)).coalitions[0].workshops.find((x) => x.workshopId === w.id)!
    expect(gone).toMatchObject({ found: false, outcome: null })
    const detached = await api(
      'DELETE',
      `/api/spaces/${space.id}/coalitions/${coalition.id}/workshops/${w.id}`,
      space.admin,
    )
    expect(detached.json.coalition!.workshops.map((x) => x.workshopId)).not.toContain(w.id)
  })

  it('exports the booklet in Markdown and JSON for the admin, with each coalition and its latest sheet', async () => {
    const md = await api('GET', `/api/spaces/${space.id}/export?format=md`, space.admin)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('content-disposition')).toMatch(
      /^attachment; filename="livret-saison-ateliers-\d{4}-\d{2}-\d{2}\.md"$/,
    )
    expect(md.text).toContain('# Coalitions booklet — Saison ateliers')
    expect(md.text).toContain('### Pour une mobilité partagée')
    expect(md.text).toContain('### Pour une autre')
    // An imported workshop is titled as a copy.
    expect(md.text).toMatch(/#### Sheet from the workshop: « Mobilités partagées \(copie du [^)]+\) »/)
    // The coalition's roadmap, late on any day after 1 March 2026.
    expect(md.text).toContain('#### Coalition roadmap')
    expect(md.text).toContain('| Rédiger la charte | Awa | 1 March 2026 | To do (**overdue**) |')

    const json = await api('GET', `/api/spaces/${space.id}/export?format=json`, space.admin)
    const doc = json.json as unknown as LivretDocument
    expect(doc.format).toBe('coalition-board/space@1')
    expect(doc.coalitions.map((c) => c.title)).toEqual(['Pour une mobilité partagée', 'Pour une autre'])
    expect(doc.coalitions[0].sheet?.workshop.title).toMatch(/^Mobilités partagées \(copie du .+\)$/)
    expect(json.text).not.toContain('"control"')

    expect((await api('GET', `/api/spaces/${space.id}/export?format=pdf`, space.admin)).json).toEqual({
      error: 'format must be md or json',
    })
  })
})

describe('durability', () => {
  it('keeps spaces, coalitions, decisions and links across kill -9 and a restart', async () => {
    const first = await startServer()
    let second: TestServer | undefined
    try {
      const space = await createSpace({ title: 'Saison durable' }, first.url)
      const c = await createCoalition(space, { title: 'Pour durer', cohort: 'promo-2' }, first.url)
      await api(
        'POST',
        `/api/spaces/${space.id}/coalitions/${c.id}/decisions`,
        space.admin,
        { decision: 'activer', date: '2026-03-12' },
        first.url,
      )
      const before = await read(space, space.admin, first.url)
      await first.kill()
      second = await startServer({ dataDir: first.dataDir })
      const after = await read(space, space.admin, second.url)
      expect(after.coalitions).toEqual(before.coalitions)
      expect(after.space).toEqual(before.space)
      expect((await read(space, space.viewer, second.url)).role).toBe('viewer')
    } finally {
      await second?.stop()
      await first.stop()
    }
  })
})
