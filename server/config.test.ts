import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../shared/protocol'
import { ConfigError, limitEnvName, loadConfig } from './config'

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: './data',
      publicUrl: null,
      tldrawLicenseKey: null,
      distDir: './dist',
      logLevel: 'info',
    })
    expect(c.limits).toEqual(DEFAULT_LIMITS)
  })

  it('reads every variable, one per limit, treating empty ones as unset', () => {
    const c = loadConfig({
      HOST: '0.0.0.0',
      PORT: '0',
      DATA_DIR: '/tmp/x',
      PUBLIC_URL: 'https://board.example.org/',
      TLDRAW_LICENSE_KEY: 'key',
      DIST_DIR: '/srv/dist',
      LOG_LEVEL: 'warn',
      MAX_MESSAGE_BYTES: '2048',
      ROOM_GRACE_MS: '5',
      AWARENESS_STATES_PER_SECOND: '100',
      IDLE_TIMEOUT_MS: '',
    })
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/tmp/x',
      publicUrl: 'https://board.example.org',
      tldrawLicenseKey: 'key',
      distDir: '/srv/dist',
      logLevel: 'warn',
    })
    expect(c.limits).toMatchObject({
      maxMessageBytes: 2048,
      roomGraceMs: 5,
      awarenessStatesPerSecond: 100,
      idleTimeoutMs: DEFAULT_LIMITS.idleTimeoutMs,
    })
    expect(limitEnvName('maxConnectionsPerIp')).toBe('MAX_CONNECTIONS_PER_IP')
  })

  it('stops with a message naming each bad variable', () => {
    let error: unknown
    try {
      loadConfig({ PORT: 'eighty', MAX_BODY_BYTES: '-1', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x' })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    for (const name of ['PORT', 'MAX_BODY_BYTES', 'LOG_LEVEL', 'PUBLIC_URL']) expect(message).toContain(name)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/)
  })

  it('lets writers send updates up to MAX_UPDATE_BYTES, between the message and the document limits', () => {
    expect(loadConfig({}).limits.maxUpdateBytes).toBe(8 * 1_048_576)
    expect(loadConfig({ MAX_UPDATE_BYTES: '4194304' }).limits.maxUpdateBytes).toBe(4_194_304)
    // Unset, it follows the other two: never above the document, never below a message.
    expect(loadConfig({ MAX_DOCUMENT_BYTES: '262144', MAX_MESSAGE_BYTES: '65536' }).limits.maxUpdateBytes).toBe(262_144)
    expect(loadConfig({ MAX_MESSAGE_BYTES: String(16 * 1_048_576) }).limits.maxUpdateBytes).toBe(16 * 1_048_576)
    expect(() => loadConfig({ MAX_UPDATE_BYTES: String(64 * 1_048_576) })).toThrow(
      /MAX_UPDATE_BYTES: must be at most MAX_DOCUMENT_BYTES/,
    )
    expect(() => loadConfig({ MAX_UPDATE_BYTES: '1000' })).toThrow(
      /MAX_UPDATE_BYTES: must be at least MAX_MESSAGE_BYTES/,
    )
    expect(() => loadConfig({ MAX_UPDATE_BYTES: 'big' })).toThrow(/MAX_UPDATE_BYTES/)
  })

  it('reads ALLOWED_ORIGINS as a list of origins, or *', () => {
    expect(loadConfig({}).allowedOrigins).toEqual([])
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example.org, http://localhost:5173/' }).allowedOrigins).toEqual([
      'https://a.example.org',
      'http://localhost:5173/',
    ])
    expect(loadConfig({ ALLOWED_ORIGINS: '*' }).allowedOrigins).toEqual(['*'])
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example.org/path' })).toThrow(/ALLOWED_ORIGINS/)
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'a.example.org' })).toThrow(/ALLOWED_ORIGINS/)
  })

  it('reads TRUST_PROXY as a small number of proxies, none by default', () => {
    expect(loadConfig({}).trustProxy).toBe(0)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/)
  })

  it('reads OPERATOR_TOKEN (none by default) as a long secret, never printed back', () => {
    expect(loadConfig({}).operatorToken).toBeNull()
    const token = 'k'.repeat(32)
    expect(loadConfig({ OPERATOR_TOKEN: token }).operatorToken).toBe(token)
    expect(() => loadConfig({ OPERATOR_TOKEN: 'short-s3cret' })).toThrow(/OPERATOR_TOKEN: must be at least 32/)
    expect(() => loadConfig({ OPERATOR_TOKEN: 'short-s3cret' })).not.toThrow(/s3cret/)
  })

  it('reads DATABASE_URL as a PostgreSQL URL (none by default) and never prints it back', () => {
    expect(loadConfig({}).databaseUrl).toBeNull()
    expect(loadConfig({ DATABASE_URL: 'postgres://app:pw@db:5432/coalition' }).databaseUrl).toBe(
      'postgres://app:pw@db:5432/coalition',
    )
    expect(loadConfig({ DATABASE_URL: 'postgresql://app@db/coalition' }).databaseUrl).toBe(
      'postgresql://app@db/coalition',
    )
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:s3cret-pw@db/coalition' })).toThrow(
      /DATABASE_URL: must be a PostgreSQL URL/,
    )
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:s3cret-pw@db/coalition' })).not.toThrow(/s3cret-pw/)
  })
})
