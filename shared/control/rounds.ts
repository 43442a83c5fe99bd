import { accept, refuse, type CommandResult } from './section'

/**
 * Sections made of rounds (compass, votes): a command changes one round, found by its id.
 * A change answers the new round, the same round (nothing to do: the state is kept as is)
 * or a refusal message.
 */

interface Round {
  id: string
  open: boolean
  revealed: boolean
}

export function updateRound<S extends { rounds: Round[] }>(
  state: S,
  id: string,
  change: (round: S['rounds'][number]) => S['rounds'][number] | string,
): CommandResult<S> {
  const index = state.rounds.findIndex((r) => r.id === id)
  if (index < 0) return refuse('unknown round')
  const next = change(state.rounds[index])
  if (typeof next === 'string') return refuse(next)
  if (next === state.rounds[index]) return accept(state)
  return accept({ ...state, rounds: state.rounds.with(index, next) })
}

/** Sets the round flag to `value`, keeping the state as is when it already has it. */
export function setFlag<S extends { rounds: Round[] }>(
  state: S,
  id: string,
  flag: 'open' | 'revealed',
  value: boolean,
): CommandResult<S> {
  return updateRound(state, id, (round) => (round[flag] === value ? round : { ...round, [flag]: value }))
}
