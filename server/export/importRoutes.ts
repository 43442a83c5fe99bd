import type { FastifyInstance } from 'fastify'
import { parseImport } from '../../shared/export'
import { workshopLink, type CreatedWorkshop, type WorkshopMeta } from '../../shared/workshop'
import { generateToken, generateWorkshopId, hashToken } from '../auth/tokens'
import type { AppDeps } from '../http/app'
import { encodeBoard } from './boardDoc'

/**
 * `POST /api/workshops/import` with a `coalition-board/workshop@1` export: a new workshop
 * (new id, new tokens) with the same board, control state and participant count, answered
 * `201` like a creation. Anything wrong is a `400 { error, details }` whose details say
 * what and where (`parseImport`), a body over `maxImportBytes` is a `413`; either way
 * nothing is stored, since the workshop and all its content are written in one transaction.
 */

/** `Unexpected token } in JSON at position 12` → add the line and column people can find. */
export function jsonErrorDetail(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const position = /position (\d+)/.exec(message)
  // "Unexpected end of JSON input" has no position: the problem is at the end.
  const at = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null
  if (at === null) return message
  if (text.length === 0) return 'the body is empty'
  const before = text.slice(0, at)
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

export function registerImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const limit = deps.config.limits.maxImportBytes
  // Its own scope: here JSON is read as text up to the import limit, so a syntax error is
  // ours to explain (with line and column) and other routes keep the small body limit.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limit }, (_request, body, done) => done(null, body))

    scope.post<{ Body: string }>('/api/workshops/import', { bodyLimit: limit }, async (request, reply) => {
      const text = request.body
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch (err) {
        return reply.code(400).send({ error: 'import is not valid JSON', details: [jsonErrorDetail(text, err)] })
      }
      const parsed = parseImport(json)
      if (!parsed.ok) return reply.code(400).send({ error: parsed.error, details: parsed.details })

      const { workshop, board, control, participantCount } = parsed.value
      const meta: WorkshopMeta = { id: generateWorkshopId(), ...workshop }
      const tokens = { facilitator: generateToken(), participant: generateToken(), viewer: generateToken() }
      await deps.storage.createWorkshopWithContent(
        meta,
        [
          { hash: hashToken(tokens.facilitator), role: 'facilitator' },
          { hash: hashToken(tokens.participant), role: 'participant' },
          { hash: hashToken(tokens.viewer), role: 'viewer' },
        ],
        { docState: encodeBoard(board), control: { ...control }, importedParticipants: participantCount },
      )
      const publicUrl = deps.publicUrl(request)
      const created: CreatedWorkshop = {
        id: meta.id,
        links: {
          facilitator: workshopLink(publicUrl, meta.id, tokens.facilitator),
          participant: workshopLink(publicUrl, meta.id, tokens.participant),
          viewer: workshopLink(publicUrl, meta.id, tokens.viewer),
        },
      }
      request.log.info({ workshopId: meta.id, records: board.records.length }, 'workshop imported')
      return reply.code(201).send(created)
    })
  })
}
