import { describe, expect, it } from 'vitest'
import { defaultCardProps, CARD_TYPES } from '../../shared/cards'
import type { Actor } from '../../shared/control/section'
import { shapeRecord } from '../../shared/testRecords'
import { cardGuard } from './cardGuard'
import { DEFAULT_RECORD_GUARDS, guardChanges, type KeyValueChange } from './recordGuard'

const participant: Actor = { role: 'participant', memberId: 'm-1', name: 'Awa' }
const noContext = {
  recordBefore: () => undefined,
  recordAfter: () => undefined,
  controlState: () => undefined,
  childrenBefore: () => [],
  bindingsBefore: () => [],
  knownGood: () => false,
}

function card(type: string, props: Record<string, unknown>, id = `shape:${type}`) {
  return shapeRecord(id, type, {}, props)
}

describe('cardGuard', () => {
  it('accepts every card type with valid props, and non-card records untouched', () => {
    for (const type of CARD_TYPES) {
      expect(cardGuard(`shape:${type}`, undefined, card(type, defaultCardProps(type)), participant, noContext)).toBe(
        'accept',
      )
    }
    expect(cardGuard('shape:geo', undefined, card('geo', { anything: true }), participant, noContext)).toBe('accept')
    expect(cardGuard('page:page', undefined, { id: 'page:page', typeName: 'page' }, participant, noContext)).toBe(
      'accept',
    )
  })

  it('reverts a card with an out-of-range level, an unknown sphere, a stray or a missing field', () => {
    const actor = defaultCardProps('actor')
    const bad = [
      { ...actor, power: 7 },
      { ...actor, sphere: 'nowhere' },
      { ...actor, colour: 'red' },
      { ...defaultCardProps('impact'), qualities: ['frugal', 'frugal'] },
      { w: 240, h: 160 },
      'not an object',
    ]
    for (const props of bad) {
      const type = typeof props === 'object' && 'statement' in props ? 'impact' : 'actor'
      expect(
        cardGuard(`shape:${type}`, undefined, card(type, props as Record<string, unknown>), participant, noContext),
      ).toBe('revert')
    }
  })

  it('reverts an action with a date that is no day, an unknown status or an owner link that is no card id', () => {
    const action = defaultCardProps('action')
    const good = { ...action, what: 'Rédiger la charte', owner: 'Awa', due: '2027-03-31', status: 'doing' }
    expect(cardGuard('shape:action', undefined, card('action', good), participant, noContext)).toBe('accept')
    for (const props of [
      { ...good, due: '2027-02-30' },
      { ...good, due: '31/03/2027' },
      { ...good, status: 'late' },
      { ...good, ownerActorId: 'Awa' },
    ]) {
      expect(cardGuard('shape:action', undefined, card('action', props), participant, noContext)).toBe('revert')
    }
  })

  it('lets a card be deleted', () => {
    expect(cardGuard('shape:actor', card('actor', defaultCardProps('actor')), undefined, participant, noContext)).toBe(
      'accept',
    )
  })

  it('is one of the guards every room runs: an invalid update is reverted to the last good card', () => {
    const good = card('actor', { ...defaultCardProps('actor'), name: 'Région' })
    const broken = card('actor', { ...good.props, interest: 0 })
    const changes = new Map<string, KeyValueChange>([
      ['shape:actor', { action: 'update', oldValue: good, newValue: broken }],
      ['shape:lever', { action: 'add', newValue: card('lever', defaultCardProps('lever'), 'shape:lever') }],
    ])
    const view = { record: () => undefined, controlState: () => undefined }
    const reverts = guardChanges(
      changes,
      participant,
      DEFAULT_RECORD_GUARDS,
      (err) => {
        throw err
      },
      view,
    )
    expect(reverts).toEqual([{ key: 'shape:actor', oldValue: good }])
  })
})
