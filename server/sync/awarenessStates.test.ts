import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { encodeAwarenessEntries } from './awarenessOwners'
import { AwarenessStates, type ParsedAwarenessEntry } from './awarenessStates'

function entry(clientId: number, clock: number, state: unknown): ParsedAwarenessEntry {
  return { clientId, clock, state, json: JSON.stringify(state) }
}

function docWithClientId(clientId: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientId
  return doc
}

type Event = { added: number[]; updated: number[]; removed: number[] }

function recorded(awareness: awarenessProtocol.Awareness) {
  const log: { name: string; event: Event; origin: unknown }[] = []
  for (const name of ['change', 'update'] as const)
    awareness.on(name, (event: Event, origin: unknown) => log.push({ name, event, origin }))
  return log
}

describe('AwarenessStates', () => {
  it('applies and encodes exactly as y-protocols does, on random traffic', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const gen = prng.create(seed)
      const reference = new awarenessProtocol.Awareness(docWithClientId(7))
      const ours = new awarenessProtocol.Awareness(docWithClientId(7))
      // Some runs keep a local state (id 7), to cover y-protocols' rule against removing it.
      if (seed % 2 === 0) {
        reference.setLocalState({ me: true })
        ours.setLocalState({ me: true })
      } else {
        reference.setLocalState(null)
        ours.setLocalState(null)
      }
      const states = new AwarenessStates(ours)
      const referenceLog = recorded(reference)
      const ourLog = recorded(ours)
      const clocks = new Map<number, number>()
      for (let step = 0; step < 60; step++) {
        const entries: ParsedAwarenessEntry[] = []
        for (let n = prng.uint32(gen, 1, 3); n > 0; n--) {
          const clientId = prng.oneOf(gen, [1, 2, 3, 7])
          const last = clocks.get(clientId) ?? 0
          // Newer, the same (a removal at the same clock counts) or older clocks.
          const clock = Math.max(0, last + prng.int32(gen, -1, 2))
          clocks.set(clientId, Math.max(last, clock))
          const state = prng.bool(gen)
            ? null
            : {
                user: { name: `n${prng.uint32(gen, 0, 2)}` },
                cursor: prng.bool(gen) ? null : { x: prng.uint32(gen, 0, 3) },
              }
          entries.push(entry(clientId, clock, state))
        }
        awarenessProtocol.applyAwarenessUpdate(reference, encodeAwarenessEntries(entries), 'origin')
        states.apply(entries, 'origin')
        expect(ours.getStates(), `seed ${seed} step ${step}`).toEqual(reference.getStates())
        expect([...ours.meta].map(([id, m]) => [id, m.clock])).toEqual(
          [...reference.meta].map(([id, m]) => [id, m.clock]),
        )
        const ids = [...reference.meta.keys()]
        expect(states.encode(ids)).toEqual(awarenessProtocol.encodeAwarenessUpdate(reference, ids))
      }
      expect(ourLog).toEqual(referenceLog)
      reference.destroy()
      ours.destroy()
    }
  })

  it('relays the text a state arrived with, and stringifies states that came another way', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awareness.setLocalState(null)
    const states = new AwarenessStates(awareness)
    const spaced = { clientId: 1, clock: 1, state: { a: 1 }, json: '{ "a": 1 }' }
    states.apply([spaced], null)
    awarenessProtocol.applyAwarenessUpdate(awareness, encodeAwarenessEntries([entry(2, 1, { b: 2 })]), null)
    const bytes = states.encode([1, 2])
    expect(new TextDecoder().decode(bytes)).toContain('{ "a": 1 }')
    expect(new TextDecoder().decode(bytes)).toContain('{"b":2}')
    awareness.destroy()
  })
})
