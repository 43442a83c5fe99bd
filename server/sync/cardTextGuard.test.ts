import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CARD_TEXTS_MAP, Origin, RECORDS_ARRAY } from '../../shared/board'
import { cardTextsOf, createCardTexts, fieldText } from '../../shared/cardText/cardTexts'
import { defaultCardProps, MAX_MAIN_TEXT } from '../../shared/cards'
import { shapeRecord } from '../../shared/testRecords'
import type { WorkshopMeta } from '../../shared/workshop'
import { readBoard, replaceBoardMutable } from '../export/boardDoc'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { TEXT_LIMIT_SLACK } from './cardTextGuard'
import type { Room } from './Room'
import { captureUpdate, commandFrame, type TestPeer, updateFrame } from './testPeers'
import { discardTestRooms, openTestRoom, settle } from './testRoom'

/**
 * The room's word on cards' shared texts (`card_texts`): what a client may write there
 * (texts of its cards' known fields, plain, bounded; never over someone else's text; not in
 * a locked card), what the server writes on its own (texts for cards that lack them, none
 * for cards that are gone), and readers seeing the texts.
 */

const WORKSHOP: WorkshopMeta = {
  id: 'BBBBBBBBBBBBBBBBBBBBBB',
  title: 'Textes',
  coalition: '',
  template: 'blank',
  locale: 'fr',
  createdAt: 1_700_000_000_000,
}

afterEach(discardTestRooms)

async function setup(storage: Storage = createMemoryStorage()) {
  const opened = await openTestRoom(WORKSHOP, { storage, withPage: false })
  await settle(opened.clock)
  return opened
}

function actor(id: string, props: Record<string, unknown> = {}): Record<string, unknown> {
  // A complete record: the server validates every record with tldraw's validators.
  return shapeRecord(id, 'actor', {}, { ...defaultCardProps('actor'), ...props })
}

/** A client change, sent as one update (what its binding or text input would send). */
function send(room: Room, peer: TestPeer, change: () => void): void {
  peer.catchUp()
  room.receive(peer, updateFrame(captureUpdate(peer.doc, () => peer.doc.transact(change))))
}

/** A new card as a current client writes it: record and texts in one transaction. */
function createCard(room: Room, peer: TestPeer, id: string, props: Record<string, unknown> = {}) {
  const record = actor(id, props)
  send(room, peer, () => {
    peer.kv.set(id, record)
    createCardTexts(peer.doc, id, 'actor', record.props as Record<string, unknown>)
  })
}

function typeInto(room: Room, peer: TestPeer, id: string, field: string, index: number, text: string) {
  send(room, peer, () => fieldText(peer.doc, id, field)!.insert(index, text))
}

function textOf(peer: TestPeer, id: string, field: string): string | undefined {
  peer.catchUp()
  return fieldText(peer.doc, id, field)?.toString()
}

describe('card texts on the server', () => {
  it('keeps what two participants type into one field, and readers (exports) see the merged text', async () => {
    const { room, clock, join } = await setup()
    const [a, b, watcher] = [join('participant', 'a'), join('participant', 'b'), join('viewer', 'w')]
    createCard(room, a, 'shape:c', { notes: 'Notes : ' })
    await settle(clock)
    b.catchUp()
    // Both type at the end before seeing each other's letters.
    const fromA = captureUpdate(a.doc, () => fieldText(a.doc, 'shape:c', 'notes')!.insert(8, 'Awa'))
    const fromB = captureUpdate(b.doc, () => fieldText(b.doc, 'shape:c', 'notes')!.insert(8, 'Bruno'))
    room.receive(a, updateFrame(fromA))
    room.receive(b, updateFrame(fromB))
    await settle(clock)
    const merged = textOf(watcher, 'shape:c', 'notes')!
    expect(merged).toMatch(/^Notes : (AwaBruno|BrunoAwa)$/)
    const card = readBoard(room.doc).records.find((r) => (r as { id: string }).id === 'shape:c') as {
      props: { notes: string }
    }
    expect(card.props.notes).toBe(merged)
  })

  it('gives texts to a card written without them (an older client), from its props', async () => {
    const { room, clock, join } = await setup()
    const [old, watcher] = [join('participant', 'old'), join('viewer', 'w')]
    send(room, old, () => old.kv.set('shape:o', actor('shape:o', { name: 'Mairie', notes: 'Ancienne note' })))
    await settle(clock)
    expect(textOf(watcher, 'shape:o', 'name')).toBe('Mairie')
    expect(textOf(watcher, 'shape:o', 'notes')).toBe('Ancienne note')
  })

  it('repairs a stored board on load: texts for cards that lack them, none for what is not a card', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(WORKSHOP, [])
    const stored = new Y.Doc()
    stored.transact(() => {
      stored.getArray(RECORDS_ARRAY).push([{ key: 'shape:c', val: actor('shape:c', { name: 'Avant les textes' }) }])
      stored.getMap(CARD_TEXTS_MAP).set('shape:ghost', new Y.Map())
    }, Origin.import)
    await storage.appendUpdate(WORKSHOP.id, Y.encodeStateAsUpdate(stored))
    const { join } = await setup(storage)
    const watcher = join('viewer', 'w')
    await new Promise((resolve) => setImmediate(resolve))
    expect(textOf(watcher, 'shape:c', 'name')).toBe('Avant les textes')
    expect(watcher.doc.getMap(CARD_TEXTS_MAP).has('shape:ghost')).toBe(false)
  })

  it('refuses texts of unknown cards and fields, formatting, and texts past twice the limit', async () => {
    const { room, clock, join } = await setup()
    const [p, watcher] = [join('participant', 'p'), join('viewer', 'w')]
    createCard(room, p, 'shape:c', { name: 'Bon nom' })
    await settle(clock)
    send(room, p, () => p.doc.getMap(CARD_TEXTS_MAP).set('shape:nothing', new Y.Map()))
    send(room, p, () => cardTextsOf(p.doc, 'shape:c')!.set('power', new Y.Text('5')))
    send(room, p, () => fieldText(p.doc, 'shape:c', 'name')!.format(0, 3, { bold: true }))
    await settle(clock)
    expect(watcher.doc.getMap(CARD_TEXTS_MAP).has('shape:nothing')).toBe(false)
    watcher.catchUp()
    expect([...cardTextsOf(watcher.doc, 'shape:c')!.keys()].sort()).toEqual(['name', 'notes'])
    expect(fieldText(watcher.doc, 'shape:c', 'name')!.toDelta()).toEqual([{ insert: 'Bon nom' }])

    typeInto(room, p, 'shape:c', 'name', 0, 'x'.repeat(MAX_MAIN_TEXT * TEXT_LIMIT_SLACK))
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'name')).toBe('Bon nom')
    // Up to the slack is fine: merged typing may pass the limit the inputs keep.
    typeInto(room, p, 'shape:c', 'name', 7, 'y'.repeat(MAX_MAIN_TEXT))
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'name')).toBe(`Bon nom${'y'.repeat(MAX_MAIN_TEXT)}`)
  })

  it('never lets a client put a new map or text over the ones others type into', async () => {
    const { room, clock, join } = await setup()
    const [a, b, watcher] = [join('participant', 'a'), join('participant', 'b'), join('viewer', 'w')]
    createCard(room, a, 'shape:c', { notes: 'Début' })
    await settle(clock)
    typeInto(room, a, 'shape:c', 'notes', 5, ' et suite')
    await settle(clock)
    send(room, b, () => createCardTexts(b.doc, 'shape:c', 'actor', { notes: 'Écrasé' }))
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'notes')).toBe('Début et suite')
    send(room, b, () => cardTextsOf(b.doc, 'shape:c')!.set('notes', new Y.Text('Écrasé')))
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'notes')).toBe('Début et suite')
    // And the texts still take typing afterwards, on both sides.
    typeInto(room, b, 'shape:c', 'notes', 0, '> ')
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'notes')).toBe('> Début et suite')
  })

  it('puts back a participant’s typing into a locked card or on a locked board; the facilitator may type', async () => {
    const { room, clock, join } = await setup()
    const [fac, p, watcher] = [join('facilitator', 'fac'), join('participant', 'p'), join('viewer', 'w')]
    createCard(room, fac, 'shape:c', { name: 'Verrouillée' })
    createCard(room, fac, 'shape:free', { name: 'Libre' })
    await settle(clock)
    room.receive(fac, commandFrame(1, { type: 'lock.lockRecords', ids: ['shape:c'] }))
    await settle(clock)
    typeInto(room, p, 'shape:c', 'name', 0, 'Pas ')
    typeInto(room, p, 'shape:free', 'name', 5, ' !')
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'name')).toBe('Verrouillée')
    expect(textOf(watcher, 'shape:free', 'name')).toBe('Libre !')
    typeInto(room, fac, 'shape:c', 'name', 11, ' (animation)')
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'name')).toBe('Verrouillée (animation)')

    room.receive(fac, commandFrame(2, { type: 'lock.setBoard', locked: true }))
    await settle(clock)
    typeInto(room, p, 'shape:free', 'name', 0, 'Non : ')
    await settle(clock)
    expect(textOf(watcher, 'shape:free', 'name')).toBe('Libre !')
  })

  it('removes a card’s texts when the card goes, even if the client left them', async () => {
    const { room, clock, join } = await setup()
    const [p, watcher] = [join('participant', 'p'), join('viewer', 'w')]
    createCard(room, p, 'shape:c', { name: 'Éphémère' })
    await settle(clock)
    send(room, p, () => p.kv.delete('shape:c'))
    await settle(clock)
    watcher.catchUp()
    expect(watcher.doc.getMap(CARD_TEXTS_MAP).has('shape:c')).toBe(false)
  })

  it('a checkpoint restore brings texts back to what they were', async () => {
    const { room, clock, join } = await setup()
    const [p, watcher] = [join('participant', 'p'), join('viewer', 'w')]
    createCard(room, p, 'shape:c', { notes: 'Version 1' })
    await settle(clock)
    const checkpoint = readBoard(room.doc)
    typeInto(room, p, 'shape:c', 'notes', 9, ', puis 2')
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'notes')).toBe('Version 1, puis 2')
    expect(replaceBoardMutable(room.doc, checkpoint)).toBe(true)
    await settle(clock)
    expect(textOf(watcher, 'shape:c', 'notes')).toBe('Version 1')
  })
})
