import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { splitFrames } from '../../shared/bundle'
import { DEFAULT_LIMITS, MessageType } from '../../shared/protocol'
import { createManualClock, type Clock, type TimerHandle } from '../clock'
import { BUNDLE_MIN_BYTES, MAX_MERGE_UPDATES, Outbox, OVERDUE_GRACE_MS, type OutboxDeps } from './Outbox'
import { AWARENESS_FULL_RATE_RECIPIENTS } from './pacing'
import { decodeFrame } from './testPeers'
import { encodeSyncUpdate } from './wire'

/**
 * A clock whose timers never fire on their own: the event loop of a room whose input
 * outgrows the CPU (timers run between loop iterations, and an iteration lasts as long as
 * reading everything the kernel holds). Time still passes; `fire()` plays the timers.
 */
function starvedClock(): Clock & { t: number; fire(): void; pending(): number } {
  const timers = new Map<TimerHandle, () => void>()
  return {
    t: 1_000_000,
    now() {
      return this.t
    },
    setTimeout(fn) {
      const handle: TimerHandle = { timer: true }
      timers.set(handle, fn)
      return handle
    },
    clearTimeout(handle) {
      timers.delete(handle)
    },
    fire() {
      const due = [...timers.values()]
      timers.clear()
      for (const fn of due) fn()
    },
    pending: () => timers.size,
  }
}

/** One client's card write, as a Yjs update. */
function cardUpdate(name: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(name, name)
  return Y.encodeStateAsUpdate(doc)
}

const microtasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function outbox(clock: Clock, overrides: Partial<OutboxDeps> = {}) {
  const received: Uint8Array[] = []
  const persisted: Uint8Array[] = []
  const box = new Outbox({
    clock,
    persist: async (u) => {
      persisted.push(u)
    },
    recipients: () => [{ send: (d: Uint8Array) => received.push(d) }],
    encodeAwareness: () => new Uint8Array([0]),
    tickMs: () => 40,
    awarenessStatesPerSecond: 3000,
    afterFlush: () => {},
    onPersistError: () => {},
    ...overrides,
  })
  return { box, received, persisted }
}

/** The map keys a frame's update brings to an empty document. */
function keysOf(frame: Uint8Array): string[] {
  const f = decodeFrame(frame)
  if (f.type !== 'sync-update') return []
  const doc = new Y.Doc()
  Y.applyUpdate(doc, f.update)
  return [...doc.getMap('m').keys()].sort()
}

describe('Outbox under a starved event loop (the 1,000-client stall)', () => {
  it('flushes from incoming traffic once the tick is overdue, without its timer firing', async () => {
    const clock = starvedClock()
    const { box, received, persisted } = outbox(clock)
    box.addUpdate(cardUpdate('a'))
    await microtasks()
    // Not due yet: nothing leaves before the tick (batching is kept).
    expect(received).toHaveLength(0)

    clock.t += 40 + OVERDUE_GRACE_MS
    box.addUpdate(cardUpdate('b'))
    await microtasks()
    expect(persisted).toHaveLength(1)
    expect(received.map(keysOf)).toEqual([['a', 'b']])

    // And it keeps going at its tick, still without any timer firing.
    clock.t += 5
    box.addUpdate(cardUpdate('c'))
    await microtasks()
    expect(received).toHaveLength(1)
    clock.t += 40 + OVERDUE_GRACE_MS
    box.addAwareness([7])
    await microtasks()
    expect(received.slice(1).map((f) => decodeFrame(f).type)).toEqual(['sync-update', 'awareness'])
    expect(keysOf(received[1])).toEqual(['c'])
  })

  it('still flushes on its timer when the loop is healthy (one flush, no duplicate)', async () => {
    const clock = starvedClock()
    const { box, received } = outbox(clock)
    box.addUpdate(cardUpdate('a'))
    clock.t += 40
    clock.fire()
    await microtasks()
    expect(received.map(keysOf)).toEqual([['a']])
    // A late message after a timer flush does not send the same batch again.
    clock.t += 200
    box.addUpdate(cardUpdate('b'))
    await microtasks()
    clock.t += 200
    box.addUpdate(cardUpdate('c'))
    await microtasks()
    expect(received.map(keysOf)).toEqual([['a'], ['b', 'c']])
  })
})

describe('Outbox batches (finding B: merge cost stays linear)', () => {
  it('sends a large batch as several bounded frames, each persisted before it is broadcast', async () => {
    const clock = starvedClock()
    const events: string[] = []
    let failOn = 2
    const box = new Outbox({
      clock,
      persist: async (u) => {
        const keys = keysOf(encodeSyncUpdate(u))
        if (failOn-- === 0) {
          events.push('fail')
          throw new Error('disk full')
        }
        events.push(`persist ${keys.length}`)
      },
      recipients: () => [{ send: (d: Uint8Array) => events.push(`send ${keysOf(d).length}`) }],
      encodeAwareness: () => new Uint8Array([0]),
      tickMs: () => 40,
      awarenessStatesPerSecond: 3000,
      afterFlush: () => {},
      onPersistError: () => {},
    })
    const writers = Array.from({ length: 3 * MAX_MERGE_UPDATES + 5 }, (_, i) => `w${i}`)
    for (const w of writers) box.addUpdate(cardUpdate(w))
    let persistedAll = false
    box.afterPersisted(() => (persistedAll = true))
    clock.t += 40
    clock.fire()
    await microtasks()
    // Two slices durable and sent (together, once the flush stops), the third refused by
    // storage: it and the rest wait.
    expect(events).toEqual([
      `persist ${MAX_MERGE_UPDATES}`,
      `persist ${MAX_MERGE_UPDATES}`,
      'fail',
      `send ${MAX_MERGE_UPDATES}`,
      `send ${MAX_MERGE_UPDATES}`,
    ])
    expect(persistedAll).toBe(false)
    expect(box.hasUnsaved()).toBe(true)
    clock.t += 1000
    clock.fire()
    await microtasks()
    // The refused slice went back merged (one update), so the retry carries it and the 5 left.
    expect(events.slice(5)).toEqual([`persist ${MAX_MERGE_UPDATES + 5}`, `send ${MAX_MERGE_UPDATES + 5}`])
    expect(persistedAll).toBe(true)
    expect(box.hasUnsaved()).toBe(false)
  })
})

describe('Outbox awareness budget (finding D: scales with the room)', () => {
  /** Everybody moves at 5 Hz for 10 s; returns states sent and state deliveries (states × recipients). */
  async function cursors(
    people: number,
  ): Promise<{ states: number; deliveries: number; everybodySeen: boolean; frames: number }> {
    const clock = createManualClock()
    const recipients = Array.from({ length: people }, () => ({ send: () => {} }))
    let states = 0
    let frames = 0
    const seen = new Set<number>()
    const box = new Outbox({
      clock,
      persist: async () => {},
      recipients: () => recipients,
      encodeAwareness: (ids) => {
        frames += 1
        states += ids.length
        for (const id of ids) seen.add(id)
        return new Uint8Array([0])
      },
      tickMs: () => (people > 20 ? 40 : 0),
      awarenessStatesPerSecond: DEFAULT_LIMITS.awarenessStatesPerSecond,
      afterFlush: () => {},
      onPersistError: () => {},
    })
    const ids = Array.from({ length: people }, (_, i) => i + 1)
    for (let t = 0; t < 10_000; t += 200) {
      box.addAwareness(ids)
      for (let step = 0; step < 10; step++) {
        clock.advance(20)
        await microtasks()
      }
    }
    box.stop()
    return { states, deliveries: states * people, everybodySeen: seen.size === people, frames }
  }

  it('a 10-person room forwards every cursor move, as before', async () => {
    const r = await cursors(10)
    expect(r.states).toBe(10 * 5 * 10)
  })

  it('a 1,000-person room forwards fewer states per person, outgoing deliveries stay at the 50-person budget', async () => {
    const budget = DEFAULT_LIMITS.awarenessStatesPerSecond * AWARENESS_FULL_RATE_RECIPIENTS
    const big = await cursors(1000)
    // At most 10 s of budget plus the initial burst, and every cursor still got through.
    expect(big.deliveries).toBeLessThanOrEqual(11 * budget)
    expect(big.deliveries).toBeGreaterThan(5 * budget)
    expect(big.everybodySeen).toBe(true)
    const fifty = await cursors(50)
    expect(fifty.states).toBe(50 * 5 * 10)
    // The old budget (3,000 states/s whatever the size) would have sent 20 × more.
    expect(big.states).toBeLessThan(big.deliveries / 1000 + 1)
    expect(big.states * 10).toBeLessThan(1000 * 5 * 10)
    // And in fewer frames: one per 100 ms at most, instead of one per 40 ms tick.
    expect(big.frames).toBeLessThanOrEqual(101)
  })
})

describe('Outbox bundles (shared/bundle.ts)', () => {
  function room(size: number, bundleFromRecipients: number) {
    const clock = createManualClock()
    const got = Array.from({ length: size }, (_, i) => ({ acceptsBundles: i % 2 === 0, frames: [] as Uint8Array[] }))
    const { box } = outbox(clock, {
      tickMs: () => 0,
      bundleFromRecipients,
      recipients: () =>
        got.map((g) => ({ acceptsBundles: g.acceptsBundles, send: (d: Uint8Array) => g.frames.push(d) })),
      encodeAwareness: () => new Uint8Array([1, 2, 3]),
    })
    return { clock, box, got }
  }

  /** A flush worth compressing (over BUNDLE_MIN_BYTES). */
  function bigUpdate(): Uint8Array {
    const doc = new Y.Doc()
    for (let i = 0; i < 40; i++) doc.getMap('m').set(`card-${i}`, { x: i, y: i, text: 'Atelier de coalition' })
    const update = Y.encodeStateAsUpdate(doc)
    expect(update.byteLength).toBeGreaterThan(BUNDLE_MIN_BYTES)
    return update
  }

  it('from the threshold up, gives the flush deflated once, in one frame, to those that accept it; plain frames to the others', async () => {
    const { clock, box, got } = room(4, 4)
    box.addUpdate(bigUpdate())
    box.addAwareness([7])
    clock.advance(0)
    await microtasks()
    const [bundled, plain] = [got[0].frames, got[1].frames]
    expect(plain.map((f) => f[0])).toEqual([MessageType.sync, MessageType.awareness])
    expect(bundled).toHaveLength(1)
    expect(bundled[0][0]).toBe(MessageType.bundle)
    expect(splitFrames(new Uint8Array(inflateRawSync(bundled[0].subarray(1))))).toEqual(plain)
    // Built once: the same bytes to every recipient that takes it.
    expect(got[2].frames[0]).toBe(bundled[0])
  })

  it('below the threshold, sends everyone the plain frames', async () => {
    const { clock, box, got } = room(3, 4)
    box.addUpdate(bigUpdate())
    clock.advance(0)
    await microtasks()
    expect(got.map((g) => g.frames.map((f) => f[0]))).toEqual(Array(3).fill([MessageType.sync]))
  })

  it('sends a flush too small to gain from deflating plain, even in a big room', async () => {
    const { clock, box, got } = room(4, 4)
    box.addUpdate(cardUpdate('a'))
    clock.advance(0)
    await microtasks()
    expect(got.map((g) => g.frames.map((f) => f[0]))).toEqual(Array(4).fill([MessageType.sync]))
  })
})

describe('Outbox ticks in a big room', () => {
  /** A 1,000-person room (cursors paced at one frame per 100 ms) with a 40 ms tick. */
  function bigRoom() {
    const clock = createManualClock()
    const got: string[] = []
    const recipients = Array.from({ length: 1000 }, (_, i) => ({
      send: (d: Uint8Array) => {
        if (i === 0) got.push(decodeFrame(d).type)
      },
    }))
    const { box } = outbox(clock, { recipients: () => recipients })
    return { clock, box, got }
  }

  it('sends a card update at the next tick, not at the cursors’ turn', async () => {
    const { clock, box, got } = bigRoom()
    box.addAwareness([1])
    clock.advance(0)
    await microtasks()
    expect(got).toEqual(['awareness'])
    // A cursor moves: its turn comes 100 ms after the last cursor frame.
    clock.advance(5)
    box.addAwareness([2])
    clock.advance(35)
    await microtasks()
    expect(got).toEqual(['awareness'])
    // A card arrives meanwhile: it leaves at the next tick (40 ms after the last flush
    // started), not with the cursors 60 ms later.
    clock.advance(5)
    box.addUpdate(cardUpdate('a'))
    clock.advance(34)
    await microtasks()
    expect(got).toEqual(['awareness'])
    clock.advance(1)
    await microtasks()
    expect(got).toEqual(['awareness', 'sync-update'])
    box.stop()
  })

  it('after a quiet spell, flushes the first update at once; then once a tick', async () => {
    const { clock, box, got } = bigRoom()
    box.addUpdate(cardUpdate('a'))
    clock.advance(0)
    await microtasks()
    expect(got).toEqual(['sync-update'])
    box.addUpdate(cardUpdate('b'))
    clock.advance(39)
    await microtasks()
    expect(got).toEqual(['sync-update'])
    clock.advance(1)
    await microtasks()
    expect(got).toEqual(['sync-update', 'sync-update'])
    box.stop()
  })
})
