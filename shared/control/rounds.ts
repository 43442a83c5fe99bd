import { isRefused, type Refused, type RefusalSpec } from './refusals'
import { accept, type CommandResult } from './section'

/**
 * Sections made of rounds (compass, votes): a command changes one round, found by its id.
 * A change answers the new round, the same round (nothing to do: the state is kept as is)
 * or a refusal. `missing` is the section's refusal for a round that does not exist.
 */

interface Round {
  id: string
  open: boolean
  revealed: boolean
}

export function updateRound<S extends { rounds: Round[] }, Spec extends RefusalSpec>(
  state: S,
  id: string,
  missing: Refused<Spec>,
  change: (round: S['rounds'][number]) => S['rounds'][number] | Refused<Spec>,
): CommandResult<S, Spec> {
  const index = state.rounds.findIndex((r) => r.id === id)
  if (index < 0) return missing
  const next = change(state.rounds[index])
  if (isRefused(next)) return next
  if (next === state.rounds[index]) return accept(state)
  return accept({ ...state, rounds: state.rounds.with(index, next) })
}

/** Sets the round flag to `value`, keeping the state as is when it already has it. */
function setFlag<S extends { rounds: Round[] }, Spec extends RefusalSpec>(
  state: S,
  id: string,
  missing: Refused<Spec>,
  flag: 'open' | 'revealed',
  value: boolean,
): CommandResult<S, Spec> {
  return updateRound(state, id, missing, (round) => (round[flag] === value ? round : { ...round, [flag]: value }))
}

/** The flag each round command sets, and to what: `<section>.close` closes its round, and so on. */
const FLAG_COMMANDS = {
  close: ['open', false],
  reopen: ['open', true],
  reveal: ['revealed', true],
  hide: ['revealed', false],
} as const

/** Runs `<section>.close`, `.reopen`, `.reveal` or `.hide` on its round. */
export function applyFlagCommand<S extends { rounds: Round[] }, Spec extends RefusalSpec>(
  state: S,
  command: { type: `${string}.${keyof typeof FLAG_COMMANDS}`; roundId: string },
  missing: Refused<Spec>,
): CommandResult<S, Spec> {
  const verb = command.type.slice(command.type.lastIndexOf('.') + 1) as keyof typeof FLAG_COMMANDS
  const [flag, value] = FLAG_COMMANDS[verb]
  return setFlag(state, command.roundId, missing, flag, value)
}

/** Removes the round `id`; `missing` if there is none. */
export function deleteRound<S extends { rounds: Round[] }, Spec extends RefusalSpec>(
  state: S,
  id: string,
  missing: Refused<Spec>,
): CommandResult<S, Spec> {
  if (!state.rounds.some((r) => r.id === id)) return missing
  return accept({ ...state, rounds: state.rounds.filter((r) => r.id !== id) })
}
