import { z } from 'zod'
import { DEFAULT_LIMITS } from '../shared/protocol'

/**
 * Server configuration, read once from the environment and validated with zod: a bad
 * value stops the server at startup with a message naming the variable, never later.
 * Every limit of `DEFAULT_LIMITS` has its variable: `maxMessageBytes` → `MAX_MESSAGE_BYTES`.
 */

export type Limits = { [K in keyof typeof DEFAULT_LIMITS]: number }

export interface Config {
  host: string
  /** 0 picks a free port. */
  port: number
  dataDir: string
  /** PostgreSQL URL (DATABASE_URL): set → PostgreSQL storage, unset → SQLite under `dataDir`. */
  databaseUrl: string | null
  /** Origin used in links; null = `http://<host>:<actual port>`, known once listening. */
  publicUrl: string | null
  tldrawLicenseKey: string | null
  distDir: string
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Origins whose pages may open the sync endpoint besides PUBLIC_URL's (`*` = any); see sync/origin.ts. */
  allowedOrigins: string[]
  /** Reverse proxies in front of the server whose `X-Forwarded-For` is believed (http/clientAddress.ts). */
  trustProxy: number
  /** Secret for operator routes (`/api/health/rooms`); null = those routes are off (404). */
  operatorToken: string | null
  limits: Limits
}

/** `maxMessageBytes` → `MAX_MESSAGE_BYTES`. */
export function limitEnvName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
}

const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be greater than 0')
  .max(Number.MAX_SAFE_INTEGER, 'is too large')

const limitShape = Object.fromEntries(
  Object.entries(DEFAULT_LIMITS)
    .filter(([key]) => key !== 'maxUpdateBytes')
    .map(([key, value]) => [limitEnvName(key), positiveInt.default(value)]),
) as Record<string, z.ZodDefault<typeof positiveInt>>

/**
 * MAX_UPDATE_BYTES depends on two others: a writer's update may be larger than any other
 * message but never larger than the whole document. Unset, it follows them (a test server
 * with a 256 KiB document cap gets 256 KiB updates, not a refused configuration).
 */
function updateBytesFor(explicit: number | undefined, maxMessageBytes: number, maxDocumentBytes: number): number {
  return explicit ?? Math.max(maxMessageBytes, Math.min(DEFAULT_LIMITS.maxUpdateBytes, maxDocumentBytes))
}

const envSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(8080),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .refine((u) => /^postgres(ql)?:\/\//.test(u) && URL.canParse(u), {
        error: 'must be a PostgreSQL URL such as postgres://user:password@db.example.org:5432/coalition',
      })
      .optional(),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://board.example.org' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    TLDRAW_LICENSE_KEY: z.string().min(1).optional(),
    DIST_DIR: z.string().min(1).default('./dist'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ALLOWED_ORIGINS: z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      )
      .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/?#\s]+\/?$/.test(o)), {
        error: 'must be a comma-separated list of origins such as https://board.example.org, or *',
      })
      .optional(),
    TRUST_PROXY: z.coerce
      .number({ error: 'must be a number of proxies' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 10')
      .max(10, 'must be between 0 and 10')
      .default(0),
    OPERATOR_TOKEN: z
      .string()
      .regex(/^\S+$/, 'must have no spaces')
      .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')
      .optional(),
    ...limitShape,
    MAX_UPDATE_BYTES: positiveInt.optional(),
  })
  .superRefine((e, ctx) => {
    const explicit = e.MAX_UPDATE_BYTES
    if (explicit === undefined) return
    const values = e as Record<string, unknown>
    const maxMessage = Number(values.MAX_MESSAGE_BYTES)
    const maxDocument = Number(values.MAX_DOCUMENT_BYTES)
    if (explicit < maxMessage)
      ctx.addIssue({
        code: 'custom',
        path: ['MAX_UPDATE_BYTES'],
        message: `must be at least MAX_MESSAGE_BYTES (${maxMessage})`,
      })
    if (explicit > maxDocument)
      ctx.addIssue({
        code: 'custom',
        path: ['MAX_UPDATE_BYTES'],
        message: `must be at most MAX_DOCUMENT_BYTES (${maxDocument})`,
      })
  })

/** Variables whose value a configuration error must not print. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'OPERATOR_TOKEN'])

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads the configuration; an empty variable counts as unset. Throws `ConfigError`. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    // A database URL carries a password: never echoed.
    const shown = (name: string): string =>
      SECRET_VARIABLES.has(name) ? 'a value, not shown' : JSON.stringify(present[name])
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]))})`),
    )
  }
  const e = parsed.data
  const values = parsed.data as Record<string, unknown>
  const read = Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((key) => [key, values[limitEnvName(key)]])) as Limits
  const limits: Limits = {
    ...read,
    maxUpdateBytes: updateBytesFor(e.MAX_UPDATE_BYTES, read.maxMessageBytes, read.maxDocumentBytes),
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    publicUrl: e.PUBLIC_URL ?? null,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY ?? null,
    distDir: e.DIST_DIR,
    logLevel: e.LOG_LEVEL,
    allowedOrigins: e.ALLOWED_ORIGINS ?? [],
    trustProxy: e.TRUST_PROXY,
    operatorToken: e.OPERATOR_TOKEN ?? null,
    limits,
  }
}
