import type { Role } from '../protocol'
import type { CommandContext, CommandResult, ControlSection } from './section'

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
export function run<S, C extends { type: string }>(
  section: ControlSection<S, C>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): CommandResult<S> {
  const parsed = section.commandSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') }
  if (!section.allowedRoles(parsed.data.type).includes(ctx.actor.role)) return { ok: false, error: 'forbidden' }
  return section.apply(deepFreeze(structuredClone(state)), parsed.data, ctx)
}

/** Like `run`, but throws with the refusal's message: for the steps a test builds upon. */
export function runOk<S, C extends { type: string }>(
  section: ControlSection<S, C>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): S {
  const result = run(section, state, raw, ctx)
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted: ${result.error}`)
  return result.state
}

/** The error of a refused command; throws if it was accepted. */
export function runError<S, C extends { type: string }>(
  section: ControlSection<S, C>,
  state: S,
  raw: unknown,
  ctx: CommandContext,
): string {
  const result = run(section, state, raw, ctx)
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused`)
  return result.error
}
