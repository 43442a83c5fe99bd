import type { FastifyInstance } from 'fastify'
import { buildCsv, buildExport, buildMarkdown } from '../../shared/export'
import { dayIn, exportFileName } from '../../shared/export/fileName'
import type { AppDeps } from '../http/deps'
import { facilitatorOnly } from './facilitator'
import { exportInputFor } from './workshopState'

/**
 * `GET /api/workshops/<id>/export?format=json|md|csv` (facilitator token): the outcome,
 * built here from the stored workshop (or its live room) with the pure builders of
 * `shared/export`, no browser involved. Sent as an attachment named
 * `<title-slug>-<YYYY-MM-DD>.<ext>`, never cached (the JSON holds everyone's scores).
 */

export const EXPORT_FORMATS = {
  json: { ext: 'json', type: 'application/json; charset=utf-8' },
  md: { ext: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
} as const
export type ExportFormat = keyof typeof EXPORT_FORMATS

function isFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value)
}

export function registerExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    '/api/workshops/:id/export',
    async (request, reply) => {
      const meta = await facilitatorOnly(deps, request, reply, 'export a workshop')
      if (!meta) return reply
      const format = request.query.format
      if (!isFormat(format)) return reply.code(400).send({ error: 'format must be json, md or csv' })

      const now = deps.clock.now()
      const doc = buildExport(await exportInputFor(deps, meta, now))
      const body = format === 'json' ? JSON.stringify(doc) : format === 'md' ? buildMarkdown(doc) : buildCsv(doc)
      const { ext, type } = EXPORT_FORMATS[format]
      request.log.info({ workshopId: meta.id, format }, 'workshop exported')
      return reply
        .header('Content-Type', type)
        .header('Content-Disposition', `attachment; filename="${exportFileName(meta.title, dayIn(now), ext)}"`)
        .header('Cache-Control', 'no-store')
        .send(body)
    },
  )
}
