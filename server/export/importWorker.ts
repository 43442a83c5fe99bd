import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import type { PreparedImport } from './importParsing'

/**
 * An import worker (`importPool.ts` starts it): `{ id, bytes }` in, `{ id, result }` out,
 * the board state transferred, not copied. A crash or a heap over its limit ends the
 * worker; the pool answers that import and starts another worker for the next.
 *
 * The thread runs at the lowest priority (nice 19; on Linux it applies to this thread
 * only): on a machine with two cores and live boards, the event loop keeps its CPU while
 * an import is parsed beside it. Set before the heavy modules load.
 */

try {
  setPriority(19)
} catch {
  // Not allowed here (some containers): the worker still keeps the parse off the event loop.
}

const { prepareImport } = await import('./importParsing')

parentPort?.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  const result: PreparedImport = prepareImport(bytes)
  parentPort?.postMessage({ id, result }, result.ok ? [result.docState.buffer as ArrayBuffer] : [])
})
