import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SheetState } from '../../shared/control/sheet'
import { card } from '../../shared/export/testWorkshop'
import { coalitionRoadmap } from '../../shared/roadmap/coalitionRoadmap'
import type { CoalitionRecord, CreatedSpace } from '../../shared/spaces/space'
import type { SpaceView } from '../../shared/spaces/view'
import type { CreatedWorkshop } from '../../shared/workshop'
import {
  connectClient,
  createWorkshop,
  sendCommand,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Issue 18 against a real server: the « Fiche coalition » of a workshop that belongs to a
 * programme space's coalition is read from and written back to that coalition (only a
 * facilitator writes; the admin sees the change and its date; a loaded workshop follows
 * the admin's change), the sheet export opens with the « Pour … » statement, and an
 * action's status changed in a second workshop of the coalition shows in the space with
 * its history.
 */

let server: TestServer
const clients: TestClient[] = []
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server?.stop()
})

const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '')

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; json: T; text: string }> {
  const headers: Record<string, string> = {}
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json = {} as T
  try {
    json = JSON.parse(text) as T
  } catch {}
  return { status: res.status, json, text }
}

interface Workshop {
  id: string
  facilitator: string
  participant: string
}

async function launch(space: CreatedSpace & { admin: string }, coalitionId: string, title: string): Promise<Workshop> {
  const res = await api<{ workshop: CreatedWorkshop }>(
    'POST',
    `/api/spaces/${space.id}/coalitions/${coalitionId}/workshops`,
    space.admin,
    { title, template: 'blank' },
  )
  expect(res.status).toBe(201)
  const w = res.json.workshop
  return { id: w.id, facilitator: tokenOf(w.links.facilitator), participant: tokenOf(w.links.participant) }
}

async function join(workshopId: string, token: string, name: string): Promise<TestClient> {
  const client = connectClient(server.url, workshopId, token, { member: `member-key-${name}-0123456789abcdef` })
  clients.push(client)
  await waitFor(() => client.provider.synced && client.control.length > 0, 15_000, `${name} synced`)
  client.provider.awareness.setLocalStateField('user', { name })
  return client
}

/** The latest sheet a client received. */
function sheetOf(client: TestClient): SheetState | undefined {
  let sheet: SheetState | undefined
  for (const m of client.control) if (m.kind === 'state' && m.public?.sheet) sheet = m.public.sheet as SheetState
  return sheet
}

async function coalitionOf(space: { id: string; admin: string }, id: string): Promise<CoalitionRecord> {
  const view = await api<SpaceView>('GET', `/api/spaces/${space.id}`, space.admin)
  return view.json.coalitions.find((c) => c.id === id)!
}

async function newSpace() {
  const created = await api<CreatedSpace>('POST', '/api/spaces', null, { title: 'Saison 2026' })
  expect(created.status).toBe(201)
  const space = { ...created.json, admin: tokenOf(created.json.links.admin) }
  const coalition = await api<{ coalition: CoalitionRecord }>(
    'POST',
    `/api/spaces/${space.id}/coalitions`,
    space.admin,
    { title: 'Pour une mobilité partagée', needs: ['Financement'], coLeads: ['Métropole'] },
  )
  expect(coalition.status).toBe(201)
  return { space, coalition: coalition.json.coalition }
}

describe('« Fiche coalition » with a programme space', () => {
  it('reads the coalition, writes back a facilitator’s change only, and follows the admin’s', async () => {
    const { space, coalition } = await newSpace()
    const first = await launch(space, coalition.id, 'Atelier 1')
    const second = await launch(space, coalition.id, 'Atelier 2')

    // A workshop of the coalition opens with the coalition's sheet.
    const fac = await join(first.id, first.facilitator, 'Awa')
    await waitFor(() => sheetOf(fac)?.statement === 'Pour une mobilité partagée', 10_000, 'sheet from the coalition')
    expect(sheetOf(fac)).toMatchObject({ needs: ['Financement'], coLeads: ['Métropole'], updatedAt: null })

    // A participant cannot write it: refused, and the coalition stays as it was.
    const participant = await join(first.id, first.participant, 'Paul')
    expect(await sendCommand(participant, { type: 'sheet.update', statement: 'Pour rien' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect((await coalitionOf(space, coalition.id)).title).toBe('Pour une mobilité partagée')

    // The facilitator's change reaches the coalition, with where, who and when.
    const before = Date.now()
    const result = await sendCommand(fac, {
      type: 'sheet.update',
      statement: 'Pour un air sain en ville',
      problem: 'Trop de particules fines aux heures de pointe',
      horizon: '2030',
      coLeads: ['Métropole', 'Atmo'],
      modalities: 'Un comité par trimestre',
    })
    expect(result.ok).toBe(true)
    const written = await coalitionOf(space, coalition.id)
    expect(written).toMatchObject({
      title: 'Pour un air sain en ville',
      problem: 'Trop de particules fines aux heures de pointe',
      horizon: '2030',
      needs: ['Financement'],
      coLeads: ['Métropole', 'Atmo'],
      modalities: 'Un comité par trimestre',
      sheetChange: { workshopId: first.id, by: 'Awa' },
    })
    expect(written.sheetChange!.at).toBeGreaterThanOrEqual(before - 60_000)
    // The participant's page shows it too.
    await waitFor(() => sheetOf(participant)?.statement === 'Pour un air sain en ville', 10_000, 'peer sees it')

    // The second workshop of the coalition opens with it.
    const other = await join(second.id, second.facilitator, 'Bea')
    await waitFor(() => sheetOf(other)?.problem === 'Trop de particules fines aux heures de pointe', 10_000, 'second')

    // The admin changes the needs in the space: the loaded workshops follow at once.
    const patched = await api<{ coalition: CoalitionRecord }>(
      'PATCH',
      `/api/spaces/${space.id}/coalitions/${coalition.id}`,
      space.admin,
      { needs: ['Financement', 'Données de trafic'] },
    )
    expect(patched.status).toBe(200)
    expect(patched.json.coalition.sheetChange).toMatchObject({ workshopId: null, by: '' })
    await waitFor(() => sheetOf(fac)?.needs.length === 2, 10_000, 'first follows the admin')
    await waitFor(() => sheetOf(other)?.needs.length === 2, 10_000, 'second follows the admin')
    expect(sheetOf(other)?.statement).toBe('Pour un air sain en ville')

    // The sheet export opens with the « Pour … » statement, the rest of the sheet after it.
    const md = await fetch(`${server.url}/api/workshops/${second.id}/export?format=md`, {
      headers: { authorization: `Bearer ${second.facilitator}` },
    })
    const text = await md.text()
    expect(text.startsWith('# Pour un air sain en ville\n')).toBe(true)
    expect(text).toContain('**Atelier\u00a0:** Atelier 2')
    expect(text).toContain('## Fiche coalition')
    expect(text).toContain('**Besoins\u00a0:** Financement, Données de trafic')
    expect(text).toContain('**Modalités\u00a0:** Un comité par trimestre')
  })

  it('keeps a workshop outside any coalition to itself', async () => {
    const { space, coalition } = await newSpace()
    const alone = await createWorkshop(server.url, { title: 'Atelier seul' })
    const fac = await join(alone.id, alone.tokens.facilitator, 'Chloé')
    expect(sheetOf(fac)?.statement).toBe('')
    expect(await sendCommand(fac, { type: 'sheet.update', statement: 'Pour autre chose' })).toMatchObject({ ok: true })
    expect((await coalitionOf(space, coalition.id)).title).toBe('Pour une mobilité partagée')
    // Bad input gets a clear error and changes nothing.
    const tooLong = await sendCommand(fac, { type: 'sheet.update', problem: 'x'.repeat(2001) })
    expect(tooLong).toMatchObject({
      ok: false,
      code: 'invalid-command',
      params: { details: 'problem is longer than 2000 characters' },
    })
    expect(sheetOf(fac)?.problem).toBe('')
  })
})

describe('follow-up across workshops', () => {
  it('shows in the space an action’s status changed in a second workshop, with its history', async () => {
    const { space, coalition } = await newSpace()
    const first = await launch(space, coalition.id, 'Atelier de lancement')
    // Later workshops have the last word: make sure the second is created later.
    await new Promise((resolve) => setTimeout(resolve, 5))
    const second = await launch(space, coalition.id, 'Atelier de suivi')

    const action = (status: 'todo' | 'done') =>
      card('shape:action-charte', 'action', 'page:page', 0, 0, {
        what: 'Rédiger la charte',
        owner: 'Awa',
        due: '2026-01-15',
        status,
      })
    const a = await join(first.id, first.facilitator, 'Awa')
    a.kv.set('shape:action-charte', action('todo'))
    const b = await join(second.id, second.facilitator, 'Bea')
    // Same action (same text) in the follow-up workshop, now done.
    b.kv.set('shape:action-charte', action('done'))

    let roadmap: ReturnType<typeof coalitionRoadmap> | undefined
    await waitFor(
      async () => {
        const view = (await api<SpaceView>('GET', `/api/spaces/${space.id}`, space.admin)).json
        const outcomes = view.coalitions[0].workshops.flatMap((w) => (w.outcome ? [w.outcome] : []))
        roadmap = coalitionRoadmap(
          outcomes.map((o) => ({
            workshopId: o.workshopId,
            workshopTitle: o.title,
            createdAt: o.createdAt,
            items: o.roadmap ?? [],
          })),
          '2026-06-01',
        )
        return roadmap.actions.length === 1 && roadmap.actions[0].history.length === 2
      },
      10_000,
      'both workshops in the roadmap',
    )
    expect(roadmap!.actions[0]).toMatchObject({ what: 'Rédiger la charte', status: 'done', workshopId: second.id })
    expect(roadmap!.actions[0].history).toEqual([
      { workshopId: first.id, workshopTitle: 'Atelier de lancement', status: 'todo', due: '2026-01-15' },
      { workshopId: second.id, workshopTitle: 'Atelier de suivi', status: 'done', due: '2026-01-15' },
    ])
    expect(roadmap!.progress).toMatchObject({ done: 1, total: 1, overdue: 0 })

    // The livret carries the coalition's roadmap as the space sees it: done, not late.
    const livret = await fetch(`${server.url}/api/spaces/${space.id}/export?format=md`, {
      headers: { authorization: `Bearer ${space.admin}` },
    })
    const md = await livret.text()
    expect(md).toContain('Rédiger la charte')
  })
})
