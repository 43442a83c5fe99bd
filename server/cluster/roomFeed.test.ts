import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMemoryStorage } from '../storage/memoryStorage'
import { silentLog } from '../sync/testPeers'
import type { Cluster } from './Cluster'
import { RoomFeed, type FeedTarget } from './roomFeed'

const WORKSHOP = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'T',
  coalition: '',
  template: 'blank' as const,
  locale: 'fr' as const,
  createdAt: 0,
}

function update(key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, 1)
  return Y.encodeStateAsUpdate(doc)
}

function harness(answers: { rows: { seq: number; data: Uint8Array }[]; missing: boolean }[]) {
  const queries: { afterSeq: number; seqs: number[] }[] = []
  const applied: { count: number; whole: boolean }[] = []
  const cluster: Cluster = {
    enabled: true,
    writer: 'me',
    listen() {},
    publishAwareness() {},
    publishConnections() {},
    async updatesSince(_w, afterSeq, seqs) {
      queries.push({ afterSeq, seqs: [...seqs] })
      await new Promise((r) => setTimeout(r, 5))
      return answers.shift() ?? { rows: [], missing: false }
    },
    async controlSection() {
      return null
    },
    async close() {},
  }
  const target: FeedTarget = {
    workshopId: WORKSHOP.id,
    applyFromOtherServer: (updates, whole) => void applied.push({ count: updates.length, whole: whole === true }),
    replaceControl() {},
    controlVersion: () => 0,
    controlSections: () => [],
    applyOtherServersAwareness() {},
    encodeAwareness: () => new Uint8Array(),
    workshopGone() {},
  }
  const storage = createMemoryStorage()
  return { cluster, target, storage, queries, applied }
}

const settle = () => new Promise((r) => setTimeout(r, 50))

describe('RoomFeed', () => {
  it('reads past its position once loaded, then one query per batch of announcements', async () => {
    const h = harness([
      { rows: [], missing: false },
      {
        rows: [
          { seq: 12, data: update('a') },
          { seq: 13, data: update('b') },
        ],
        missing: false,
      },
    ])
    const feed = new RoomFeed(h.target, h.cluster, h.storage, silentLog)
    feed.documentAnnounced(9) // before the room is loaded: kept
    feed.start(10)
    feed.documentAnnounced(12)
    feed.documentAnnounced(13)
    await settle()
    expect(h.queries).toEqual([
      { afterSeq: 10, seqs: [9] },
      { afterSeq: 10, seqs: [12, 13] },
    ])
    expect(h.applied).toEqual([{ count: 2, whole: false }])
    feed.documentAnnounced(14)
    await settle()
    expect(h.queries.at(-1)).toEqual({ afterSeq: 13, seqs: [14] })
    feed.stop()
  })

  it('reads the whole stored document when an announced row was compacted away', async () => {
    const h = harness([
      { rows: [], missing: false },
      { rows: [], missing: true },
    ])
    await h.storage.createWorkshop(WORKSHOP, [])
    await h.storage.appendUpdate(WORKSHOP.id, update('x'))
    await h.storage.appendUpdate(WORKSHOP.id, update('y'))
    const feed = new RoomFeed(h.target, h.cluster, h.storage, silentLog)
    feed.start(0)
    feed.documentAnnounced(1)
    await settle()
    expect(h.applied).toEqual([{ count: 2, whole: true }])
    feed.stop()
  })
})
