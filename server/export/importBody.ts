import type { FastifyRequest } from 'fastify'
import { errorCodes } from 'fastify'

/**
 * Reads an import's body into one buffer of its declared size as its chunks arrive, for
 * the import worker (`importPool.ts` transfers that buffer, it does not copy it).
 *
 * Fastify's own buffering keeps the chunks and joins them at the end: for 16 MiB that is
 * one allocation and copy of 16 MiB in a single turn of the event loop (~10 ms here, with
 * the page faults), which every live board waited for. Here each chunk is copied as it
 * comes (64 KiB at a time), so no turn holds the loop longer than one chunk.
 *
 * Limits as Fastify's: a declared or received length over `limit` is a 413, a body shorter
 * or longer than its Content-Length a 400. Without a Content-Length (chunked) the buffer
 * grows by doubling, up to `limit`.
 */
export function bodyIntoOneBuffer(limit: number) {
  return (
    request: FastifyRequest,
    payload: NodeJS.ReadableStream,
    done: (err: Error | null, body?: Uint8Array) => void,
  ): void => {
    const declared = Number(request.headers['content-length'])
    const known = Number.isSafeInteger(declared) && declared >= 0
    if (known && declared > limit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE())
    let buffer = new Uint8Array(known ? declared : Math.min(limit, 65_536))
    let length = 0

    const stop = (): void => {
      payload.removeListener('data', onData)
      payload.removeListener('end', onEnd)
      payload.removeListener('error', onEnd)
    }
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      if (length + bytes.byteLength > limit) {
        stop()
        done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE())
        return
      }
      if (length + bytes.byteLength > buffer.byteLength) {
        if (known) {
          // More than declared: the end check answers it; nothing more is kept.
          length += bytes.byteLength
          return
        }
        const grown = new Uint8Array(Math.min(limit, Math.max(buffer.byteLength * 2, length + bytes.byteLength)))
        grown.set(buffer.subarray(0, length))
        buffer = grown
      }
      buffer.set(bytes, length)
      length += bytes.byteLength
    }
    const onEnd = (err?: Error & { statusCode?: number }): void => {
      stop()
      if (err) {
        if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400
        return done(err)
      }
      if (known && length !== declared) return done(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH())
      done(null, length === buffer.byteLength ? buffer : buffer.subarray(0, length))
    }
    payload.on('data', onData)
    payload.on('end', onEnd)
    payload.on('error', onEnd)
    payload.resume()
  }
}
