import { buildCsv } from '../../shared/export/csv'
import { buildCompassCsv, buildVotesCsv, isCsvTable, type CsvTable } from '../../shared/export/csvTables'
import { buildMarkdown } from '../../shared/export/markdown'
import { buildExport } from '../../shared/export/model'
import type { ExportDocument } from '../../shared/export/schema'

/**
 * What an export runs, in a module `exportRoutes.ts` loads on the first export rather than
 * at start: the document, Markdown and the three CSV tables.
 */
export { buildExport, buildMarkdown, isCsvTable }

export const CSV_BUILDERS: Record<CsvTable, (doc: ExportDocument) => string> = {
  cards: buildCsv,
  votes: buildVotesCsv,
  compass: buildCompassCsv,
}
