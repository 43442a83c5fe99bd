import * as Y from 'yjs'
import type { MetaState } from '../../shared/control/meta'
import type { Role } from '../../shared/protocol'
import type { CreateWorkshop, WorkshopMeta } from '../../shared/workshop'
import { generateWorkshopId, newWorkshopTokens, storedTokens } from '../auth/tokens'
import type { Clock } from '../clock'
import type { WorkshopContent, WorkshopStore } from '../storage/workshops/port'
import { templateBoardState } from '../templates/templateBoard'

/**
 * The one place a workshop comes into being: a new id, three new tokens (the participant
 * and viewer ones derived from the facilitator's, `auth/tokens.ts`), the workshop and its
 * first content stored in one transaction. Called by the landing page's route
 * (`http/workshopRoutes.ts`), a coalition's « Lancer un atelier » (`spaces/coalitionRoutes.ts`)
 * and the import (`export/importRoutes.ts`). Storage keeps only the tokens' hashes: the
 * tokens themselves are returned once, for the links (`links.ts`).
 */

export interface NewWorkshop {
  meta: WorkshopMeta
  tokens: Record<Role, string>
}

/** A workshop as a person asks for it (already validated by `createWorkshopSchema`): its template's board, if any. */
export async function createWorkshop(
  deps: { storage: WorkshopStore; clock: Clock },
  request: CreateWorkshop,
): Promise<NewWorkshop> {
  const meta: WorkshopMeta = {
    id: generateWorkshopId(),
    title: request.title,
    coalition: request.coalition ?? '',
    template: request.template ?? 'blank',
    locale: request.locale ?? 'fr',
    createdAt: deps.clock.now(),
  }
  const tokens = newWorkshopTokens()
  const board = templateBoardState(meta.template, meta.locale)
  // The time zone lives in the meta section (the workshops table has no column for it):
  // stored with the workshop, in the same transaction.
  const control: Record<string, unknown> = request.timeZone
    ? { meta: { title: meta.title, coalition: meta.coalition, timeZone: request.timeZone } satisfies MetaState }
    : {}
  if (board || request.timeZone)
    await deps.storage.createWorkshopWithContent(meta, storedTokens(tokens), {
      docState: board ?? Y.encodeStateAsUpdate(new Y.Doc()),
      control,
      importedParticipants: 0,
    })
  else await deps.storage.createWorkshop(meta, storedTokens(tokens))
  return { meta, tokens }
}

/** A workshop with content brought along (an import): all of it stored, or nothing. */
export async function createWorkshopWithContent(
  storage: WorkshopStore,
  workshop: Omit<WorkshopMeta, 'id'>,
  content: WorkshopContent,
): Promise<NewWorkshop> {
  const meta: WorkshopMeta = { id: generateWorkshopId(), ...workshop }
  const tokens = newWorkshopTokens()
  await storage.createWorkshopWithContent(meta, storedTokens(tokens), content)
  return { meta, tokens }
}
