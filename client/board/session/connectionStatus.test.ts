import { describe, expect, it } from 'vitest'
import { deriveConnectionStatus, OFFLINE_AFTER_FAILED_ATTEMPTS, type ConnectionFacts } from './connectionStatus'

const base: ConnectionFacts = {
  socket: 'connecting',
  everConnected: false,
  browserOnline: true,
  failedAttempts: 0,
  unsent: false,
}

describe('deriveConnectionStatus', () => {
  it('is online whenever the socket is connected, even if the browser claims otherwise', () => {
    expect(deriveConnectionStatus({ ...base, socket: 'connected', browserOnline: false })).toBe('online')
  })
  it('says connecting before the first connection and reconnecting after one', () => {
    expect(deriveConnectionStatus(base)).toBe('connecting')
    expect(deriveConnectionStatus({ ...base, socket: 'disconnected', everConnected: true, failedAttempts: 1 })).toBe(
      'reconnecting',
    )
  })
  it('says offline when the browser is offline or attempts keep failing', () => {
    expect(deriveConnectionStatus({ ...base, everConnected: true, browserOnline: false })).toBe('offline')
    expect(
      deriveConnectionStatus({ ...base, socket: 'disconnected', failedAttempts: OFFLINE_AFTER_FAILED_ATTEMPTS }),
    ).toBe('offline')
  })
  it('says offline once the server refused our changes as too large, even while a socket is open', () => {
    expect(deriveConnectionStatus({ ...base, socket: 'connected', everConnected: true, unsent: true })).toBe('offline')
    expect(deriveConnectionStatus({ ...base, socket: 'disconnected', everConnected: true, unsent: true })).toBe(
      'offline',
    )
  })
})
