import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SpaceRole } from '../../shared/spaces/space'
import type { AppDeps } from '../http/deps'
import type { SpaceStore } from '../storage/spaces/port'
import type { StateReader } from '../storage/Storage'
import type { WorkshopStore } from '../storage/workshops/port'
import { bearerAccess } from '../http/request'
import { OutcomeCache } from './outcomeCache'
import { authorizeSpace, type SpaceAuthorization } from './spaceAuth'
import type { SpaceViewDeps } from './spaceView'

/** Authorization of a space request, for every space and coalition route. */

export type SpaceAccess = SpaceAuthorization & { ok: true }

/** The space if the Bearer token opens it with `need`; otherwise the reply is sent and null returned. */
export async function spaceAccess(
  deps: AppDeps<SpaceStore>,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  need: SpaceRole | 'any',
): Promise<SpaceAccess | null> {
  const auth = await bearerAccess(deps, request, reply, (id, token) => authorizeSpace(deps.storage, id, token))
  if (!auth) return null
  if (need === 'admin' && auth.role !== 'admin') {
    await reply.code(403).send({ error: 'the read-only link cannot change a space' })
    return null
  }
  return auth
}

// One cache per app: workshops' outcomes are the same whichever space reads them.
const caches = new WeakMap<AppDeps<unknown>, OutcomeCache>()

/** What loading coalitions needs from the app. */
export function viewDeps(deps: AppDeps<SpaceStore & WorkshopStore & StateReader>): SpaceViewDeps {
  let outcomes = caches.get(deps)
  if (!outcomes) caches.set(deps, (outcomes = new OutcomeCache()))
  return { storage: deps.storage, rooms: deps.rooms, now: () => deps.clock.now(), outcomes }
}
