import { parentPort } from 'node:worker_threads'
import { prepareImport } from './importParsing'

/**
 * An import worker (`importPool.ts` starts it): `{ id, bytes }` in, `{ id, result }` out,
 * the board state transferred, not copied. A crash or a heap over its limit ends the
 * worker; the pool answers that import and starts another worker for the next.
 */

parentPort?.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  const result = prepareImport(bytes)
  parentPort?.postMessage({ id, result }, result.ok ? [result.docState.buffer as ArrayBuffer] : [])
})
