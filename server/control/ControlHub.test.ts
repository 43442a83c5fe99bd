import { describe, expect, it } from 'vitest'
import type { ResultMessage, StateMessage } from '../../shared/control/messages'
import { agendaSection } from '../../shared/control/agenda'
import { compassSection } from '../../shared/control/compass'
import { metaSection } from '../../shared/control/meta'
import { timerSection } from '../../shared/control/timer'
import { CloseCode, type Role } from '../../shared/protocol'
import { createManualClock } from '../clock'
import { decodeFrame, silentLog } from '../sync/testPeers'
import { ProtocolError } from '../sync/wire'
import { ControlHub, type ControlPeer } from './ControlHub'
import type { AnySection } from './sections'

function hubWith(
  stored: Record<string, unknown> = {},
  persistFails = false,
  sections: readonly AnySection[] = [metaSection as AnySection],
) {
  const saved: [string, unknown][] = []
  const hub = new ControlHub({
    sections,
    clock: createManualClock(),
    log: silentLog,
    load: async () => stored,
    commit: async (key, change) => {
      const state = change(key in stored ? { state: stored[key] } : undefined)
      if (state === undefined) return null
      if (persistFails) throw new Error('disk full')
      saved.push([key, state])
      stored[key] = state
      return saved.length
    },
  })
  return { hub, saved }
}

function peer(role: Role, memberId: string): ControlPeer & { frames: unknown[] } {
  const frames: unknown[] = []
  return {
    role,
    memberId,
    frames,
    send: (data) => {
      const f = decodeFrame(data)
      if (f.type === 'control') frames.push(f.message)
    },
  }
}

const actor = (role: Role) => ({ role, memberId: `${role}-1`, name: 'Awa' })
const rename = (id: number, title: string) => ({ id, command: { type: 'meta.rename', title } })

describe('ControlHub with the meta section', () => {
  it('seeds meta from the workshop row when nothing is stored, and prefers what is stored', async () => {
    const seeds = { meta: { title: 'From row', coalition: 'C' } }
    const fresh = hubWith()
    await fresh.hub.load(seeds)
    expect(fresh.hub.getState('meta')).toEqual({ title: 'From row', coalition: 'C' })
    const stored = hubWith({ meta: { title: 'Renamed', coalition: 'D' } })
    await stored.hub.load(seeds)
    expect(stored.hub.getState('meta')).toEqual({ title: 'Renamed', coalition: 'D' })
  })

  it('welcomes with the public and own views and the identity', async () => {
    const { hub } = hubWith()
    await hub.load({ meta: { title: 'T', coalition: 'C' } })
    const welcome: StateMessage = hub.welcome('participant', 'm1')
    expect(welcome).toMatchObject({
      kind: 'state',
      public: { meta: { title: 'T', coalition: 'C' } },
      own: { meta: null },
    })
    expect(welcome.self).toEqual({ role: 'participant', memberId: 'm1' })
  })

  it('renames for a facilitator: persisted, then pushed once per role', async () => {
    const { hub, saved } = hubWith()
    await hub.load({ meta: { title: 'T', coalition: 'C' } })
    const result: ResultMessage = await hub.execute(rename(7, 'Nouveau'), actor('facilitator'))
    expect(result).toEqual({ kind: 'result', id: 7, ok: true })
    expect(saved).toEqual([['meta', { title: 'Nouveau', coalition: 'C' }]])
    expect(hub.hasChanges()).toBe(true)
    const peers = [peer('facilitator', 'f'), peer('participant', 'p'), peer('viewer', 'v')]
    for (const p of peers) hub.welcome(p.role, p.memberId)
    hub.push(peers)
    // Public views only: meta has no private part, so no own frame follows.
    for (const p of peers)
      expect(p.frames).toEqual([
        expect.objectContaining({ kind: 'state', public: { meta: { title: 'Nouveau', coalition: 'C' } } }),
      ])
    expect(hub.hasChanges()).toBe(false)
    hub.push(peers)
    expect(peers[0].frames).toHaveLength(1)
  })

  it('refuses participants, viewers, invalid commands and unknown sections without changing anything', async () => {
    const { hub, saved } = hubWith()
    await hub.load({ meta: { title: 'T', coalition: 'C' } })
    expect(await hub.execute(rename(1, 'x'), actor('participant'))).toEqual({
      kind: 'result',
      id: 1,
      ok: false,
      code: 'forbidden',
    })
    expect(await hub.execute(rename(2, 'x'), actor('viewer'))).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await hub.execute(rename(3, ''), actor('facilitator'))).toMatchObject({
      ok: false,
      code: 'invalid-command',
      params: { details: 'title is required' },
    })
    expect(await hub.execute({ id: 4, command: { type: 'vote.cast' } }, actor('facilitator'))).toMatchObject({
      ok: false,
      code: 'unknown-command',
    })
    expect(saved).toEqual([])
    expect(hub.hasChanges()).toBe(false)
    expect(hub.getState('meta')).toEqual({ title: 'T', coalition: 'C' })
  })

  it('keeps the old state when persisting fails', async () => {
    const { hub } = hubWith({}, true)
    await hub.load({ meta: { title: 'T', coalition: 'C' } })
    expect(await hub.execute(rename(1, 'New'), actor('facilitator'))).toMatchObject({
      ok: false,
      code: 'server-error',
    })
    expect(hub.getState('meta')).toEqual({ title: 'T', coalition: 'C' })
    expect(hub.hasChanges()).toBe(false)
  })

  it('applies a command to the stored state another server saved, and keeps only newer versions it hears of', async () => {
    const stored: Record<string, unknown> = {}
    const { hub } = hubWith(stored)
    await hub.load({ meta: { title: 'T', coalition: 'C' } })
    // Another server renamed the coalition meanwhile; this hub has not heard of it yet.
    stored.meta = { title: 'T', coalition: 'Autre' }
    expect(await hub.execute(rename(1, 'Nouveau'), actor('facilitator'))).toMatchObject({ ok: true })
    expect(hub.getState('meta')).toEqual({ title: 'Nouveau', coalition: 'Autre' })
    const version = hub.version('meta')
    hub.replaceState('meta', { title: 'Ancien', coalition: 'C' }, version)
    expect(hub.getState('meta')).toEqual({ title: 'Nouveau', coalition: 'Autre' })
    hub.replaceState('meta', { title: 'Plus récent', coalition: 'Autre' }, version + 1)
    expect(hub.getState('meta')).toEqual({ title: 'Plus récent', coalition: 'Autre' })
    expect(hub.hasChanges()).toBe(true)
  })

  it('rejects control frames that are not command messages', () => {
    const { hub } = hubWith()
    for (const text of [
      'not json',
      '{"kind":"result","id":1}',
      '{"kind":"command","id":-1,"command":{"type":"meta.rename"}}',
    ]) {
      expect(() => hub.parse(text)).toThrow(ProtocolError)
      try {
        hub.parse(text)
      } catch (err) {
        expect((err as ProtocolError).code).toBe(CloseCode.malformedMessage)
      }
    }
    expect(hub.parse('{"kind":"command","id":3,"command":{"type":"meta.rename","title":"x"}}')).toEqual(rename(3, 'x'))
  })
})

describe('ControlHub follow-ups (launching a phase)', () => {
  const sections = [agendaSection, timerSection, compassSection] as unknown as AnySection[]
  const launch = (id: number, phaseId: string) => ({ id, command: { type: 'agenda.launch', id: phaseId } })

  it('runs what a launch asks before answering: the phase timer, and a round for the compass phase', async () => {
    const { hub, saved } = hubWith({}, false, sections)
    await hub.load({ agenda: agendaSection.initial({ locale: 'fr', template: 'full-workshop' }) })
    expect(await hub.execute(launch(1, 'boussole'), actor('facilitator'))).toEqual({ kind: 'result', id: 1, ok: true })
    expect(saved.map(([key]) => key)).toEqual(['agenda', 'timer', 'compass'])
    expect(hub.getState('timer')).toMatchObject({ status: 'running', durationMs: 25 * 60_000 })
    expect(hub.getState('compass')).toMatchObject({ rounds: [{ label: 'Boussole', open: true }] })
    // The next phase replaces the timer; its round stays as the facilitator left it.
    expect(await hub.execute(launch(2, 'horizon-impacts'), actor('facilitator'))).toMatchObject({ ok: true })
    expect(hub.getState('timer')).toMatchObject({ status: 'running', durationMs: 25 * 60_000 })
    expect(hub.getState('agenda')).toMatchObject({ currentId: 'horizon-impacts', launch: { seq: 2 } })
    expect(saved.map(([key]) => key)).toEqual(['agenda', 'timer', 'compass', 'agenda', 'timer'])
  })

  it('runs no follow-up for a refused launch, and a participant cannot launch', async () => {
    const { hub, saved } = hubWith({}, false, sections)
    await hub.load({ agenda: agendaSection.initial({ locale: 'fr' }) })
    expect(await hub.execute(launch(1, 'nope'), actor('facilitator'))).toMatchObject({
      ok: false,
      code: 'unknown-phase',
    })
    expect(await hub.execute(launch(2, 'boussole'), actor('participant'))).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(saved).toEqual([])
    expect(hub.getState('timer')).toMatchObject({ status: 'idle' })
  })
})
