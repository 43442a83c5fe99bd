import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { SYNC_PATH_PREFIX } from '../../shared/protocol'
import { pathOnly } from '../log'

/**
 * The built client (`DIST_DIR`): hashed files under `assets/` are cached for a year,
 * everything else (index.html first) is revalidated on each load. Text files go out as the
 * Brotli or gzip copy the build wrote beside them (`scripts/precompress.mjs`) when the
 * browser accepts it, with `Content-Encoding` and `Vary: Accept-Encoding`; a build without
 * them is served as it is. Any GET that is not
 * for the API or the sync endpoint and wants HTML gets index.html (the SPA routes `/`,
 * `/w/<id>`…); without a build, those answer 503 and say how to build.
 */

export const CLIENT_NOT_BUILT = 'client not built: run npm run build'

const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Whether a path may be a client file or page (not the API, not the sync endpoint). */
function isClientPath(path: string): boolean {
  return !(path.startsWith('/api/') || path === '/api' || path.startsWith(SYNC_PATH_PREFIX))
}

function wantsApp(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const path = pathOnly(request.url)
  if (!isClientPath(path)) return false
  if (path === '/' || path.startsWith('/w/')) return true
  return (request.headers.accept ?? '').includes('text/html')
}

export async function registerStaticClient(app: FastifyInstance, distDir: string): Promise<void> {
  const root = resolve(distDir)
  const index = join(root, 'index.html')
  // Registered only if the folder exists at startup: build the client before starting.
  const served = existsSync(root)
  if (served) {
    await app.register(fastifyStatic, {
      root,
      index: false,
      dotfiles: 'ignore',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : 'no-cache')
      },
    })
  }

  const sendApp = async (reply: FastifyReply): Promise<FastifyReply> => {
    if (!served || !existsSync(index)) return reply.code(503).type('text/plain; charset=utf-8').send(CLIENT_NOT_BUILT)
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', root)
  }
  // An API or sync path that reached the files' wildcard (no API route matched, say an id
  // longer than a route parameter may be) is a JSON 404, never a file lookup.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === '/*' && !isClientPath(pathOnly(request.url))) return reply.callNotFound()
  })
  // `/` is the static root, a directory: answer it explicitly rather than through the wildcard.
  app.get('/', async (_request, reply) => sendApp(reply))
  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    if (!wantsApp(request)) return reply.code(404).send({ error: 'not found' })
    return sendApp(reply)
  })
}
