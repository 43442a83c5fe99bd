import type { FastifyInstance } from 'fastify'
import type { CsvTable, ExportDocument } from '../../shared/export'
import { dayIn, exportFileName } from '../../shared/export/fileName'
import type { AppDeps } from '../http/deps'
import type { SpaceStore } from '../storage/spaces/port'
import type { StateReader } from '../storage/Storage'
import type { WorkshopStore } from '../storage/workshops/port'
import type * as ExportBuilders from './exportBuilders'
import { facilitatorOnly } from './facilitator'
import { exportInputFor } from './workshopState'

/**
 * `GET /api/workshops/<id>/export?format=json|md|csv[&table=cards|votes|compass]`
 * (facilitator token): the outcome,
 * built here from the stored workshop (or its live room) with the pure builders of
 * `shared/export`, no browser involved. Sent as an attachment named
 * `<title-slug>-<YYYY-MM-DD>.<ext>`, never cached (the JSON holds everyone's scores).
 * CSV comes as three tables, one file each (a spreadsheet opens one table per file):
 * the cards (the default, `<slug>-<date>.csv`), the votes (`…-votes.csv`) and the compass
 * (`…-boussole.csv` / `…-compass.csv`).
 */

/**
 * The builders, loaded with the first export rather than at start: an idle server does not
 * hold them (nor their schemas).
 */
let builders: Promise<typeof ExportBuilders> | null = null
const exportBuilders = (): Promise<typeof ExportBuilders> => (builders ??= import('./exportBuilders'))

/** The file name's part for a CSV table, in the workshop's language; none for the cards. */
function csvPart(table: CsvTable, locale: ExportDocument['workshop']['locale']): string | undefined {
  if (table === 'cards') return undefined
  if (table === 'votes') return 'votes'
  return locale === 'fr' ? 'boussole' : 'compass'
}

export const EXPORT_FORMATS = {
  json: { ext: 'json', type: 'application/json; charset=utf-8' },
  md: { ext: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
} as const
export type ExportFormat = keyof typeof EXPORT_FORMATS

function isFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.hasOwn(EXPORT_FORMATS, value)
}

export function registerExportRoutes(
  app: FastifyInstance,
  deps: AppDeps<WorkshopStore & StateReader & SpaceStore>,
): void {
  app.get<{ Params: { id: string }; Querystring: { format?: string; table?: string } }>(
    '/api/workshops/:id/export',
    async (request, reply) => {
      const meta = await facilitatorOnly(deps, request, reply, 'export a workshop')
      if (!meta) return reply
      const { buildExport, buildMarkdown, CSV_BUILDERS, isCsvTable } = await exportBuilders()
      const format = request.query.format
      if (!isFormat(format)) return reply.code(400).send({ error: 'format must be json, md or csv' })
      const table = request.query.table ?? 'cards'
      if (format !== 'csv' && request.query.table !== undefined)
        return reply.code(400).send({ error: 'table applies to format=csv only' })
      if (!isCsvTable(table)) return reply.code(400).send({ error: 'table must be cards, votes or compass' })

      const now = deps.clock.now()
      const doc = buildExport(await exportInputFor(deps, meta, now))
      const body =
        format === 'json' ? JSON.stringify(doc) : format === 'md' ? buildMarkdown(doc) : CSV_BUILDERS[table](doc)
      const { ext, type } = EXPORT_FORMATS[format]
      const part = format === 'csv' ? csvPart(table, doc.workshop.locale) : undefined
      request.log.info(
        { workshopId: meta.id, format, table: format === 'csv' ? table : undefined },
        'workshop exported',
      )
      return reply
        .header('Content-Type', type)
        .header(
          'Content-Disposition',
          `attachment; filename="${exportFileName(meta.title, dayIn(now, doc.workshop.timeZone), ext, part)}"`,
        )
        .header('Cache-Control', 'no-store')
        .send(body)
    },
  )
}
