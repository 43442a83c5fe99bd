/**
 * What the app needs from the browser, checked before anything renders: a browser without
 * one of these gets a page saying so instead of a blank or broken board. Names are shown
 * on that page (they are what a helpdesk would search for).
 */
interface Requirement {
  name: string
  /** Dotted path from the global object. */
  path: string
  kind: 'function' | 'object'
}

export const REQUIREMENTS: readonly Requirement[] = [
  // The live board: sync socket, offline copy, tldraw's own needs.
  { name: 'WebSocket', path: 'WebSocket', kind: 'function' },
  { name: 'IndexedDB', path: 'indexedDB', kind: 'object' },
  { name: 'structuredClone', path: 'structuredClone', kind: 'function' },
  { name: 'ResizeObserver', path: 'ResizeObserver', kind: 'function' },
  { name: 'PointerEvent', path: 'PointerEvent', kind: 'function' },
  { name: 'crypto.getRandomValues', path: 'crypto.getRandomValues', kind: 'function' },
  // Dialogs (orientation, help) and locale formatting.
  { name: '<dialog>', path: 'HTMLDialogElement.prototype.showModal', kind: 'function' },
  { name: 'Intl.RelativeTimeFormat', path: 'Intl.RelativeTimeFormat', kind: 'function' },
  { name: 'Intl.ListFormat', path: 'Intl.ListFormat', kind: 'function' },
  // Language features of 2022–2023 that our code and tldraw call without polyfills.
  { name: 'Array.prototype.at', path: 'Array.prototype.at', kind: 'function' },
  { name: 'Array.prototype.findLast', path: 'Array.prototype.findLast', kind: 'function' },
  { name: 'Array.prototype.with', path: 'Array.prototype.with', kind: 'function' },
  { name: 'Object.hasOwn', path: 'Object.hasOwn', kind: 'function' },
]

function lookup(host: unknown, path: string): unknown {
  let value: unknown = host
  for (const part of path.split('.')) {
    if (value === null || value === undefined) return undefined
    try {
      value = (value as Record<string, unknown>)[part]
    } catch {
      return undefined
    }
  }
  return value
}

/** The names of the requirements `host` (the global object) lacks; empty when all is there. */
export function missingFeatures(host: unknown, requirements: readonly Requirement[] = REQUIREMENTS): string[] {
  return requirements
    .filter((r) => {
      const value = lookup(host, r.path)
      return r.kind === 'function' ? typeof value !== 'function' : typeof value !== 'object' || value === null
    })
    .map((r) => r.name)
}
