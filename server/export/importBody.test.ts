import Fastify from 'fastify'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { bodyIntoOneBuffer } from './importBody'

/** A route that answers the bytes it read, as importRoutes.ts reads an import. */
async function app(limit: number) {
  const server = Fastify()
  server.removeContentTypeParser('application/json')
  server.addContentTypeParser('application/json', { bodyLimit: limit }, bodyIntoOneBuffer(limit))
  server.post<{ Body: Uint8Array }>('/', { bodyLimit: limit }, async (request) => ({
    length: request.body.byteLength,
    text: Buffer.from(request.body).toString('utf8'),
    own: request.body.byteOffset === 0 && request.body.byteLength === request.body.buffer.byteLength,
  }))
  await server.ready()
  return server
}

function chunked(parts: string[]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)))
}

describe('an import body read into one buffer', () => {
  it('reads a body of its Content-Length into a buffer of its own (transferable to the worker)', async () => {
    const server = await app(1000)
    const res = await server.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":"é"}',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ length: 10, text: '{"a":"é"}', own: true })
  })

  it('reads a chunked body (no Content-Length), growing up to the limit', async () => {
    const server = await app(1_000_000)
    const parts = Array.from({ length: 50 }, (_, i) => `${'x'.repeat(5000)}${i % 10}`)
    const res = await server.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      payload: chunked(parts),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().text).toBe(parts.join(''))
  })

  it('answers 413 when the declared or the received length is over the limit', async () => {
    const server = await app(100)
    const declared = await server.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      payload: 'x'.repeat(101),
    })
    expect(declared.statusCode).toBe(413)
    const received = await server.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      payload: chunked(['x'.repeat(60), 'x'.repeat(60)]),
    })
    expect(received.statusCode).toBe(413)
  })

  it('answers 400 when the body is not as long as its Content-Length says', async () => {
    const server = await app(1000)
    const res = await server.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json', 'content-length': '20' },
      payload: chunked(['{"a":1}']),
    })
    expect(res.statusCode).toBe(400)
  })
})
