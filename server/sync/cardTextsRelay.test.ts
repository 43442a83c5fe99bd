import { afterEach, describe, expect, it } from 'vitest'
import { createCardTexts, fieldText } from '../../shared/cardText/cardTexts'
import { cardTextMax, defaultCardProps } from '../../shared/cards'
import { shapeRecord } from '../../shared/testRecords'
import type { WorkshopMeta } from '../../shared/workshop'
import type { Room } from './Room'
import { TEXT_LIMIT_SLACK } from './cardTextGuard'
import { captureUpdate, commandFrame, type TestPeer, updateFrame } from './testPeers'
import { discardTestRooms, openTestRoom, settle } from './testRoom'

/**
 * Card texts a participant may not write (a locked card, past the bound) are refused before
 * anything leaves the room: what the room relays and what it stores never holds them, as
 * for records (BoardDocument.ts). Judged after the transaction, they were relayed to
 * everyone, stored, and only then put back.
 */

const WORKSHOP: WorkshopMeta = {
  id: 'CCCCCCCCCCCCCCCCCCCCCC',
  title: 'Textes refusés',
  coalition: '',
  template: 'blank',
  locale: 'fr',
  createdAt: 1_700_000_000_000,
}

afterEach(discardTestRooms)

function card(id: string, name: string): Record<string, unknown> {
  return shapeRecord(id, 'actor', {}, { ...defaultCardProps('actor'), name })
}

function send(room: Room, peer: TestPeer, change: () => void): void {
  peer.catchUp()
  room.receive(peer, updateFrame(captureUpdate(peer.doc, () => peer.doc.transact(change))))
}

/** Whether any frame sent to `peer` since `from`, or any stored row, carries `text` (UTF-8, as Yjs writes strings). */
function bytesHold(frames: readonly Uint8Array[], text: string): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: false })
  return frames.some((f) => decoder.decode(f).includes(text))
}

describe('card texts refused before they are relayed or stored', () => {
  it('typing into a locked card, and past the bound, reaches nobody and is not stored', async () => {
    const { room, clock, join, storage } = await openTestRoom(WORKSHOP, { withPage: false })
    await settle(clock)
    const [fac, p, watcher] = [join('facilitator', 'fac'), join('participant', 'p'), join('viewer', 'w')]
    for (const [id, name] of [
      ['shape:locked', 'Verrouillée'],
      ['shape:free', 'Libre'],
    ])
      send(room, fac, () => {
        const record = card(id, name)
        fac.kv.set(id, record)
        createCardTexts(fac.doc, id, 'actor', record.props as Record<string, unknown>)
      })
    await settle(clock)
    room.receive(fac, commandFrame(1, { type: 'lock.lockRecords', ids: ['shape:locked'] }))
    await settle(clock)
    const seen = watcher.sent.length
    send(room, p, () => fieldText(p.doc, 'shape:locked', 'name')!.insert(0, 'INTRUSION '))
    send(room, p, () =>
      fieldText(p.doc, 'shape:free', 'notes')!.insert(
        0,
        'TROP'.repeat(cardTextMax('actor', 'notes') * TEXT_LIMIT_SLACK),
      ),
    )
    // Allowed in the same tick: it must still reach everyone.
    send(room, p, () => fieldText(p.doc, 'shape:free', 'name')!.insert(5, ' ACCEPTÉ'))
    await settle(clock)

    const relayed = watcher.sent.slice(seen)
    expect(bytesHold(relayed, 'INTRUSION')).toBe(false)
    expect(bytesHold(relayed, 'TROPTROP')).toBe(false)
    expect(bytesHold(relayed, 'ACCEPTÉ')).toBe(true)
    const stored = await storage.loadDoc(WORKSHOP.id)
    const rows = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]
    expect(bytesHold(rows, 'INTRUSION')).toBe(false)
    expect(bytesHold(rows, 'TROPTROP')).toBe(false)
    expect(bytesHold(rows, 'ACCEPTÉ')).toBe(true)

    // The author converges on the server's word, like everyone else.
    p.catchUp()
    watcher.catchUp()
    for (const peer of [p, watcher]) {
      expect(fieldText(peer.doc, 'shape:locked', 'name')?.toString()).toBe('Verrouillée')
      expect(fieldText(peer.doc, 'shape:free', 'name')?.toString()).toBe('Libre ACCEPTÉ')
      expect(fieldText(peer.doc, 'shape:free', 'notes')?.toString()).toBe('')
    }
  })
})
