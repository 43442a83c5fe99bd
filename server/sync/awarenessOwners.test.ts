import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode, MessageType } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import type { ManualClock } from '../clock'
import { encodeAwarenessEntries, MAX_AWARENESS_IDS_PER_CONNECTION, type AwarenessEntry } from './awarenessOwners'
import { awarenessFrame, type TestPeer } from './testPeers'
import { discardTestRooms, openTestRoom, settle as settleRoom } from './testRoom'

/**
 * Awareness spoofing: a connection speaks only for the awareness client ids it introduced
 * itself. Driven with raw awareness frames (what a hostile client would write by hand)
 * against a Room and in-memory peers that apply what the room sends them.
 */

const WORKSHOP: WorkshopMeta = {
  id: 'AAAAAAAAAAAAAAAAAAAAAQ',
  title: 'Atelier',
  coalition: 'Climat',
  template: 'blank',
  locale: 'fr',
  createdAt: 1_700_000_000_000,
}

afterEach(discardTestRooms)

const settle = (clock: ManualClock): Promise<void> => settleRoom(clock, 50)

async function setup() {
  const { room, clock, join } = await openTestRoom(WORKSHOP, { withPage: false })
  await settle(clock)
  return { room, clock, join: (memberId: string): TestPeer => join('participant', memberId) }
}

/** A hand-written awareness frame: any client id, any clock, any state. */
function rawAwareness(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.awareness)
  const list: AwarenessEntry[] = entries.map((x) => ({
    clientId: x.clientId,
    clock: x.clock,
    json: JSON.stringify(x.state),
  }))
  encoding.writeVarUint8Array(e, encodeAwarenessEntries(list))
  return encoding.toUint8Array(e)
}

function present(peer: TestPeer, clientId: number): unknown {
  peer.catchUp()
  return peer.awareness.getStates().get(clientId)
}

describe('awareness ownership (spoofing)', () => {
  it('drops states and removals for an id another connection introduced, without closing the sender', async () => {
    const { room, clock, join } = await setup()
    const victim = join('victim')
    const spoofer = join('spoofer')
    const watcher = join('watcher')
    victim.awareness.setLocalState({ user: { name: 'Awa' }, cursor: { x: 1, y: 1 } })
    room.receive(victim, awarenessFrame(victim.awareness))
    await settle(clock)
    const id = victim.awareness.clientID
    expect(present(watcher, id)).toMatchObject({ user: { name: 'Awa' }, cursor: { x: 1, y: 1 } })

    // A newer clock, a new name and position; then a removal; then a re-set.
    room.receive(
      spoofer,
      rawAwareness([{ clientId: id, clock: 99, state: { user: { name: 'Faux' }, cursor: { x: 9, y: 9 } } }]),
    )
    room.receive(spoofer, rawAwareness([{ clientId: id, clock: 100, state: null }]))
    room.receive(spoofer, rawAwareness([{ clientId: id, clock: 101, state: { user: { name: 'Faux' } } }]))
    await settle(clock)
    expect(present(watcher, id)).toMatchObject({ user: { name: 'Awa' }, cursor: { x: 1, y: 1 } })
    expect(room.awareness.getStates().get(id)).toMatchObject({ user: { name: 'Awa' }, cursor: { x: 1, y: 1 } })
    expect(room.droppedAwareness()).toBe(3)
    expect(spoofer.closed).toBeNull()

    // The owner still moves its cursor (its clock was never bumped by the spoofer).
    victim.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
    room.receive(victim, awarenessFrame(victim.awareness))
    await settle(clock)
    expect(present(watcher, id)).toMatchObject({ user: { name: 'Awa' }, cursor: { x: 2, y: 2 } })

    // The spoofer leaving takes nothing of the victim's with it; the victim leaving does.
    room.leave(spoofer)
    await settle(clock)
    expect(present(watcher, id)).toMatchObject({ user: { name: 'Awa' }, cursor: { x: 2, y: 2 } })
    room.leave(victim)
    await settle(clock)
    expect(present(watcher, id)).toBeUndefined()
  })

  it('a stock client echoing everybody’s states: its own entry applies, the echoed ones are dropped', async () => {
    const { room, clock, join } = await setup()
    const a = join('a')
    const b = join('b')
    const watcher = join('watcher')
    a.awareness.setLocalState({ user: { name: 'A' } })
    room.receive(a, awarenessFrame(a.awareness))
    await settle(clock)
    b.catchUp()
    b.awareness.setLocalState({ user: { name: 'B' } })
    room.receive(
      b,
      rawAwareness([
        { clientId: b.awareness.clientID, clock: 1, state: { user: { name: 'B' } } },
        { clientId: a.awareness.clientID, clock: 50, state: { user: { name: 'pas A' } } },
      ]),
    )
    await settle(clock)
    expect(present(watcher, b.awareness.clientID)).toMatchObject({ user: { name: 'B' } })
    expect(present(watcher, a.awareness.clientID)).toMatchObject({ user: { name: 'A' } })
    expect(b.closed).toBeNull()
  })

  it('an owner that removed its own state and set it again is still cleaned up when it leaves', async () => {
    const { room, clock, join } = await setup()
    const a = join('a')
    const watcher = join('watcher')
    const id = a.awareness.clientID
    room.receive(a, rawAwareness([{ clientId: id, clock: 1, state: { user: { name: 'A' } } }]))
    room.receive(a, rawAwareness([{ clientId: id, clock: 2, state: null }]))
    room.receive(a, rawAwareness([{ clientId: id, clock: 3, state: { user: { name: 'A' } } }]))
    await settle(clock)
    expect(present(watcher, id)).toMatchObject({ user: { name: 'A' } })
    room.leave(a)
    await settle(clock)
    expect(present(watcher, id)).toBeUndefined()
  })

  it('the same member reconnecting on a new socket takes its id over from the old one', async () => {
    const { room, clock, join } = await setup()
    const old = join('member-1')
    const watcher = join('watcher')
    room.receive(old, rawAwareness([{ clientId: 77, clock: 1, state: { user: { name: 'A' }, cursor: { x: 1 } } }]))
    await settle(clock)
    const again = join('member-1')
    room.receive(again, rawAwareness([{ clientId: 77, clock: 2, state: { user: { name: 'A' }, cursor: { x: 2 } } }]))
    await settle(clock)
    expect(present(watcher, 77)).toMatchObject({ user: { name: 'A' }, cursor: { x: 2 } })
    // The dead socket finally leaves: the cursor stays, it belongs to the new one now.
    room.leave(old)
    await settle(clock)
    expect(present(watcher, 77)).toMatchObject({ user: { name: 'A' }, cursor: { x: 2 } })
  })

  it('a stock client echoing the states of people who just left neither brings them back nor gets closed', async () => {
    const { room, clock, join } = await setup()
    const echoer = join('echoer')
    const watcher = join('watcher')
    // More people than one connection may speak for come, set their cursor, and leave.
    const gone = Array.from({ length: MAX_AWARENESS_IDS_PER_CONNECTION + 2 }, (_, i) => ({
      peer: join(`gone-${i}`),
      clientId: 5000 + i,
    }))
    for (const { peer, clientId } of gone)
      room.receive(peer, rawAwareness([{ clientId, clock: 3, state: { user: { name: `parti ${clientId}` } } }]))
    await settle(clock)
    for (const { peer } of gone) room.leave(peer)
    await settle(clock)
    // The echo of what the echoer had received before the removals reached it.
    room.receive(
      echoer,
      rawAwareness(
        gone.map(({ clientId }) => ({ clientId, clock: 3, state: { user: { name: `parti ${clientId}` } } })),
      ),
    )
    await settle(clock)
    expect(echoer.closed).toBeNull()
    watcher.catchUp()
    expect([...watcher.awareness.getStates().keys()].filter((id) => id >= 5000 && id < 6000)).toEqual([])
    expect(room.droppedAwareness()).toBe(gone.length)
    // Its own new id still claims as usual.
    room.receive(echoer, rawAwareness([{ clientId: 4242, clock: 1, state: { user: { name: 'Écho' } } }]))
    await settle(clock)
    expect(present(watcher, 4242)).toMatchObject({ user: { name: 'Écho' } })
  })

  it('closes a connection that speaks for many client ids (clearly hostile)', async () => {
    const { room, clock, join } = await setup()
    const flooder = join('flooder')
    const watcher = join('watcher')
    const fake = Array.from({ length: MAX_AWARENESS_IDS_PER_CONNECTION + 1 }, (_, i) => ({
      clientId: 1000 + i,
      clock: 1,
      state: { user: { name: `bot ${i}` } },
    }))
    room.receive(flooder, rawAwareness(fake))
    await settle(clock)
    expect(flooder.closed?.code).toBe(CloseCode.malformedMessage)
    watcher.catchUp()
    expect([...watcher.awareness.getStates().keys()].filter((id) => id >= 1000 && id < 2000)).toEqual([])
  })
})
