import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * Gives back to the system the heap V8 grew and no longer uses, at the moments the server
 * has nothing to hold: once it listens, and once its last room has unloaded.
 *
 * V8 sizes its heap for the work it last saw and keeps that size: starting (compiling the
 * modules, building the schemas) leaves a 32 MiB young generation and an old one a third
 * empty, a busy spell of rooms a 128 MiB young generation and old pages full of garbage,
 * all of it resident until the next burst of work reuses it (PERFORMANCE.md, issue 19:
 * idle 111 → 88 MiB). A full collection told to reduce memory (V8's "last resort" one:
 * marks everything, shrinks the young generation to its minimum, releases empty pages)
 * returns it; it takes a few tens of milliseconds, and runs only when nothing is loaded.
 *
 * That collection is V8's `gc` extension: exposed to a fresh context here, so nothing is
 * added to the global scope. If it cannot be had, nothing happens.
 */

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void

let collect: GcFunction | null | undefined

function gcFunction(): GcFunction | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc')
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null')
      collect = typeof gc === 'function' ? (gc as GcFunction) : null
    } catch {
      collect = null
    }
  }
  return collect
}

/** Collects everything and shrinks the heap to what is live (synchronous). */
export function releaseUnusedHeap(): void {
  gcFunction()?.({ type: 'major', execution: 'sync', flavor: 'last-resort' })
}
