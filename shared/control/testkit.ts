import type { Role } from '../protocol'
import type { Refusal, RefusalSpec } from './refusals'
import type { CommandContext, ControlSection } from './section'

type Outcome<S> = { ok: true; state: S } | ({ ok: false } & Refusal)

/**
 * Test helpers for control sections: drive a section the way the server does (schema,
 * then role, then `apply`) so every test exercises the same path as production. Used only
 * by `*.test.ts` files; kept out of them so each section's test stays about its section.
 */

/** Freezes a value and everything reachable from it, so a mutating reducer throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

/** A command context for a member of the given role at a given server time. */
export function ctxFor(
  role: Role,
  memberId: string,
  now = 1_700_000_000_000,
  hasRecord?: (id: string) => boolean,
): CommandContext {
  return { now, actor: { role, memberId, name: memberId }, hasRecord }
}

/**
 * Validates `raw` with the section's schema, checks the actor's role, then applies it to a
 * deep-frozen copy of `state`: a refusal at any step comes back as `{ ok: false }`.
 */
export function run<S, C extends { type: string }, Spec extends RefusalSpec>(
  section: ControlSection<S, C, Spec>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): Outcome<S> {
  const parsed = section.commandSchema.safeParse(raw)
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => i.message).join('; ')
    return { ok: false, code: 'invalid-command', params: { details } }
  }
  if (!section.allowedRoles(parsed.data.type).includes(ctx.actor.role)) return { ok: false, code: 'forbidden' }
  return section.apply(deepFreeze(structuredClone(state)), parsed.data, ctx)
}

/** Like `run`, but throws with the refusal: for the steps a test builds upon. */
export function runOk<S, C extends { type: string }, Spec extends RefusalSpec>(
  section: ControlSection<S, C, Spec>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): S {
  const result = run(section, state, raw, ctx)
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted: ${JSON.stringify(result)}`)
  return result.state
}

/** The refusal of a refused command (`{ code, params? }`); throws if it was accepted. */
export function runError<S, C extends { type: string }, Spec extends RefusalSpec>(
  section: ControlSection<S, C, Spec>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): Refusal {
  const result = run(section, state, raw, ctx)
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused`)
  const { ok: _ok, ...refusal } = result
  return refusal
}

/** What the schema said about an invalid command; throws if it was not refused as invalid. */
export function runInvalid<S, C extends { type: string }, Spec extends RefusalSpec>(
  section: ControlSection<S, C, Spec>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): string {
  const refusal = runError(section, state, raw, ctx)
  if (refusal.code !== 'invalid-command')
    throw new Error(`expected ${JSON.stringify(raw)} to be invalid, got ${refusal.code}`)
  return String(refusal.params?.details)
}
