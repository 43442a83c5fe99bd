import { describe, expect, it } from 'vitest'
import { missingFeatures, REQUIREMENTS } from './browserSupport'

/** A global object with every requirement present, built from the list itself. */
function modernHost(): Record<string, unknown> {
  const host: Record<string, unknown> = {}
  for (const { path, kind } of REQUIREMENTS) {
    const parts = path.split('.')
    let node = host
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {}
      node = node[part] as Record<string, unknown>
    }
    node[parts.at(-1)!] = kind === 'function' ? () => {} : {}
  }
  return host
}

describe('browser support check', () => {
  it('finds nothing missing in a browser that has everything', () => {
    expect(missingFeatures(modernHost())).toEqual([])
  })

  it('names what is missing, in the list’s order', () => {
    const host = modernHost()
    delete host.structuredClone
    host.indexedDB = null
    delete (host.HTMLDialogElement as { prototype: Record<string, unknown> }).prototype.showModal
    expect(missingFeatures(host)).toEqual(['IndexedDB', 'structuredClone', '<dialog>'])
  })

  it('treats a missing parent as missing, and a non-function as absent', () => {
    const host = modernHost()
    delete host.Intl
    host.WebSocket = 'not a constructor'
    expect(missingFeatures(host)).toEqual(['WebSocket', 'Intl.RelativeTimeFormat', 'Intl.ListFormat'])
    expect(missingFeatures(undefined)).toHaveLength(REQUIREMENTS.length)
  })

  it('holds in the Node test runner for the language features (a sanity check of the paths)', () => {
    const language = REQUIREMENTS.filter(
      (r) =>
        r.path.startsWith('Array.') ||
        r.path.startsWith('Object.') ||
        r.path.startsWith('Intl.') ||
        r.path === 'structuredClone',
    )
    expect(missingFeatures(globalThis, language)).toEqual([])
  })
})
