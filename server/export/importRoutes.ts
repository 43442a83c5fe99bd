import type { FastifyInstance } from 'fastify'
import { workshopTimeZone } from '../../shared/control/meta'
import { copyTitle } from '../../shared/export/copyTitle'
import type { CreatedWorkshop } from '../../shared/workshop'
import type { AppDeps } from '../http/deps'
import type { WorkshopStore } from '../storage/workshops/port'
import { createWorkshopWithContent } from '../workshops/createWorkshop'
import { workshopLinks } from '../workshops/links'
import { bodyIntoOneBuffer } from './importBody'
import { ImportPool } from './importPool'

/**
 * `POST /api/workshops/import` with a `coalition-board/workshop@1` export: a new workshop
 * (new id, new tokens, its title ending « (copie du <date of the export>) ») with the same board, control state and participant count, answered
 * `201` like a creation. Anything wrong is a `400 { error, details }` whose details say
 * what and where (`importParsing.ts`), a body over `maxImportBytes` is a `413`; either way
 * nothing is stored, since the workshop and all its content are written in one transaction.
 *
 * The route needs no link, so its body is anyone's: it is parsed, checked and turned into
 * a Yjs state in an import worker (`importPool.ts`), never on the event loop (16 MiB of
 * nested brackets held it 2–4 s). The cost one address can cause is bounded: at most
 * `importsPerAddress` imports in flight from it (429), at most `importWorkers` parsed at
 * once and `importsWaiting` queued for everyone (503), each stopped after `importTimeoutMs`
 * or when its worker's heap is full (413).
 */

/** Imports in flight per client address, from the request's first byte to its answer. */
class InFlight {
  private readonly counts = new Map<string, number>()

  constructor(private readonly max: number) {}

  enter(address: string): boolean {
    const n = this.counts.get(address) ?? 0
    if (n >= this.max) return false
    this.counts.set(address, n + 1)
    return true
  }

  leave(address: string): void {
    const n = (this.counts.get(address) ?? 1) - 1
    if (n > 0) this.counts.set(address, n)
    else this.counts.delete(address)
  }
}

export function registerImportRoutes(app: FastifyInstance, deps: AppDeps<WorkshopStore>): void {
  const { limits } = deps.config
  const limit = limits.maxImportBytes
  const pool = new ImportPool({
    size: limits.importWorkers,
    waiting: limits.importsWaiting,
    timeoutMs: limits.importTimeoutMs,
    log: deps.log,
  })
  const inFlight = new InFlight(limits.importsPerAddress)
  app.addHook('onClose', async () => pool.close())

  // Its own scope: here JSON is read as bytes up to the import limit, into one buffer as it
  // arrives (importBody.ts), for the worker to decode and parse; other routes keep the
  // small body limit.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser('application/json', { bodyLimit: limit }, bodyIntoOneBuffer(limit))

    scope.post<{ Body: Uint8Array }>(
      '/api/workshops/import',
      {
        bodyLimit: limit,
        // Before the body is read: a second import from the same address costs nothing.
        onRequest: async (request, reply) => {
          const address = request.ip
          if (!inFlight.enter(address)) {
            request.log.info(
              { path: '/api/workshops/import' },
              'import refused: one already in flight from this address',
            )
            return reply
              .code(429)
              .header('Retry-After', '10')
              .send({ error: 'an import from this address is already in progress; try again when it is done' })
          }
          // Whatever ends the request (answer, error, client gone) frees the place.
          reply.raw.once('close', () => inFlight.leave(address))
        },
      },
      async (request, reply) => {
        const answer = await pool.run(request.body)
        if (answer.kind === 'busy') {
          return reply
            .code(503)
            .header('Retry-After', '30')
            .send({ error: 'the server is busy with other imports; try again in a minute' })
        }
        if (answer.kind === 'failed') {
          const details =
            answer.reason === 'timeout'
              ? [`reading it took longer than ${Math.round(limits.importTimeoutMs / 1000)} s`]
              : ['reading it took more memory than an import may use']
          request.log.info({ reason: answer.reason }, 'import refused: too costly to read')
          return reply.code(413).send({ error: 'import too large to read', details })
        }
        const prepared = answer.result
        if (!prepared.ok) return reply.code(prepared.status).send({ error: prepared.error, details: prepared.details })

        const { workshop: original, control: restored, participantCount, docState } = prepared
        // A copy, not the original: its title says so, here and in its control state.
        const title = copyTitle(
          original.title,
          new Date(prepared.exportedAt).toISOString(),
          original.locale,
          workshopTimeZone(restored.meta),
        )
        const workshop = { ...original, title }
        const control = { ...restored, meta: { ...restored.meta, title } }
        const { meta, tokens } = await createWorkshopWithContent(deps.storage, workshop, {
          docState,
          control: { ...control },
          importedParticipants: participantCount,
        })
        const created: CreatedWorkshop = {
          id: meta.id,
          title: meta.title,
          links: workshopLinks(deps.publicUrl(request), meta.id, tokens),
        }
        request.log.info({ workshopId: meta.id, records: prepared.records }, 'workshop imported')
        return reply.code(201).send(created)
      },
    )
  })
}
