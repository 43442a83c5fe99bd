import { describe, expect, it } from 'vitest'
import type { VoteRoundView } from '../../../shared/control/votes'
import { focusedRound, visibleRounds } from './rounds'

const round = (id: string, open: boolean, revealed: boolean): VoteRoundView => ({
  id,
  label: id,
  cardIds: [],
  budget: 3,
  allowMultiplePerCard: false,
  open,
  revealed,
  createdAt: 0,
  voterCount: 0,
  tallies: null,
  ranking: null,
})

describe('vote rounds on the board', () => {
  it('focuses the latest open round, else the latest revealed one', () => {
    expect(
      focusedRound([round('a', true, false), round('b', false, true), round('c', true, true), round('d', false, false)])
        ?.id,
    ).toBe('c')
    expect(focusedRound([round('a', false, true), round('b', false, true), round('c', false, false)])?.id).toBe('b')
    expect(focusedRound([round('a', false, false)])).toBeUndefined()
    expect(focusedRound(undefined)).toBeUndefined()
  })

  it('lists open or revealed rounds, latest first', () => {
    expect(
      visibleRounds([round('a', true, false), round('b', false, false), round('c', false, true)]).map((r) => r.id),
    ).toEqual(['c', 'a'])
  })
})
