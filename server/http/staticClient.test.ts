import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../scripts/precompress.mjs'
import { buildTestApp, writeTestDist } from './testApp'

/** The built client through `inject`: the build's Brotli and gzip copies, and their headers. */

async function appWith(distDir: string) {
  return (await buildTestApp({ DIST_DIR: distDir })).app
}

const SCRIPT = `export const cards = [${Array.from({ length: 400 }, (_, i) => `'carte ${i}'`).join(', ')}]\n`
const PAGE = `<!doctype html><title>Coalition Board</title>${'<!-- tldraw -->'.repeat(200)}`

let dist: string
let raw: string
beforeAll(async () => {
  dist = writeTestDist('coalition-precompressed-', {
    'index.html': PAGE,
    'assets/shapes-abc123.js': SCRIPT,
    'assets/tiny-abc123.js': 'export {}\n',
    'assets/font-abc123.woff2': Buffer.alloc(4096, 7),
  })
  await precompressDir(dist)
  // A build without copies (an older dist/) is served as it is.
  raw = writeTestDist('coalition-raw-', { 'index.html': PAGE, 'assets/shapes-abc123.js': SCRIPT })
})
afterAll(() => {
  rmSync(dist, { recursive: true, force: true })
  rmSync(raw, { recursive: true, force: true })
})

describe('static client, precompressed', () => {
  it('writes .br and .gz beside text files worth it, never for small or binary ones', () => {
    expect(brotliDecompressSync(readFileSync(join(dist, 'assets', 'shapes-abc123.js.br'))).toString()).toBe(SCRIPT)
    expect(gunzipSync(readFileSync(join(dist, 'assets', 'shapes-abc123.js.gz'))).toString()).toBe(SCRIPT)
    expect(() => readFileSync(join(dist, 'assets', 'tiny-abc123.js.br'))).toThrow()
    expect(() => readFileSync(join(dist, 'assets', 'font-abc123.woff2.br'))).toThrow()
  })

  it('sends Brotli to a browser that takes it, with the file type, the cache rule and Vary', async () => {
    const app = await appWith(dist)
    const res = await app.inject({
      url: '/assets/shapes-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT)
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 3)
    await app.close()
  })

  it('sends gzip to one that takes only gzip, and the file itself to one that takes neither', async () => {
    const app = await appWith(dist)
    const gz = await app.inject({ url: '/assets/shapes-abc123.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT)
    const plain = await app.inject({ url: '/assets/shapes-abc123.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toMatch(/accept-encoding/i)
    expect(plain.body).toBe(SCRIPT)
    await app.close()
  })

  it('compresses the page too, on every SPA route, still revalidated', async () => {
    const app = await appWith(dist)
    for (const url of ['/', '/w/AAAAAAAAAAAAAAAAAAAAAA', '/s/AAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await app.inject({ url, headers: { accept: 'text/html', 'accept-encoding': 'br' } })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-encoding'], url).toBe('br')
      expect(res.headers['content-type'], url).toMatch(/^text\/html/)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(PAGE)
    }
    await app.close()
  })

  it('serves a build without copies as it is', async () => {
    const app = await appWith(raw)
    const res = await app.inject({ url: '/assets/shapes-abc123.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body).toBe(SCRIPT)
    await app.close()
  })
})
