/**
 * Why a control command was refused, as data: a code each section declares (with the names
 * of the values its text shows), never an English sentence. The client turns a code into
 * words through one table (`client/i18n/refusals.ts`), so a server's wording can never leak
 * to a French screen, and a code without French or English text fails a test.
 */

/** Values a refusal carries for its text (`{ max: 30 }`). */
export type RefusalParams = Readonly<Record<string, string | number>>

/** A refusal whatever its source: what travels in a result message. */
export interface Refusal {
  code: string
  params?: RefusalParams
}

/**
 * Refusal codes of one source, each with the names of its parameters:
 * `{ 'unknown-phase': [], 'too-many-phases': ['max'] } as const`.
 */
export type RefusalSpec = Readonly<Record<string, readonly string[]>>

/** The refusals a spec allows, each with exactly its parameters. */
export type RefusalOf<Spec extends RefusalSpec> = string extends keyof Spec
  ? Refusal
  : {
      [K in keyof Spec & string]: Spec[K] extends readonly []
        ? { code: K; params?: undefined }
        : { code: K; params: Readonly<Record<Spec[K][number], string | number>> }
    }[keyof Spec & string]

/** A refused command, typed by its section's spec. */
export type Refused<Spec extends RefusalSpec = RefusalSpec> = { ok: false } & RefusalOf<Spec>

type ParamsArg<Names extends readonly string[]> = Names extends readonly []
  ? []
  : [params: Readonly<Record<Names[number], string | number>>]

/**
 * The `refuse` of a section: only its own codes, each with its parameters, checked by the
 * compiler (`refuse('too-many-phases', { max: MAX_PHASES })`).
 */
export function refuserOf<Spec extends RefusalSpec>(
  _spec: Spec,
): <K extends keyof Spec & string>(code: K, ...params: ParamsArg<Spec[K]>) => Refused<Spec> {
  return (code, ...params) =>
    (params[0] ? { ok: false, code, params: params[0] } : { ok: false, code }) as unknown as Refused<Spec>
}

/** Whether a value is a refusal (rather than, say, a changed round). */
export function isRefused(value: unknown): value is Refused {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false
}

/**
 * Refusals the server answers before any section sees the command: an unknown type, a command
 * its schema rejects (`details`: the schema's own words, for developers; panels only send
 * valid commands), a role not allowed, too many commands at once, a storage failure.
 */
export const HUB_REFUSALS = {
  'unknown-command': [],
  'invalid-command': ['details'],
  forbidden: [],
  'rate-limited': [],
  'server-error': [],
} as const satisfies RefusalSpec

/** The server's own refusals (`{ ok: false, code, params? }`). */
export const hubRefusal = refuserOf(HUB_REFUSALS)

/** Refusals the client makes itself: nothing could be sent, or no answer came back. */
export const CHANNEL_REFUSALS = {
  offline: [],
  'no-answer': [],
} as const satisfies RefusalSpec
