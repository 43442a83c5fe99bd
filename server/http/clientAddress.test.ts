import { describe, expect, it } from 'vitest'
import { clientAddress } from './clientAddress'

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.9', 0)).toBe('198.51.100.7')
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
  })

  it('behind one proxy: the address that proxy appended, not what the client claimed before it', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9', 1)).toBe('203.0.113.9')
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9')
    expect(clientAddress('127.0.0.1', ['6.6.6.6', '203.0.113.9'], 1)).toBe('203.0.113.9')
  })

  it('behind two proxies: one more step to the left; never past the list', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.1', 2)).toBe('203.0.113.9')
    expect(clientAddress('10.0.0.2', '203.0.113.9', 5)).toBe('203.0.113.9')
    expect(clientAddress('127.0.0.1', undefined, 1)).toBe('127.0.0.1')
  })
})
