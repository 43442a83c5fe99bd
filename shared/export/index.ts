// The outcome export in one import: `import { buildExport, parseImport } from '../shared/export'`.
export { buildExport, type ExportInput } from './model'
export { parseImport, MAX_IMPORT_DETAILS, type ImportedWorkshop, type ImportResult } from './importValidation'
export { buildMarkdown, type MarkdownOptions } from './markdown'
export { buildCsv } from './csv'
export { buildCompassCsv, buildVotesCsv, CSV_TABLES, isCsvTable, type CsvTable } from './csvTables'
export { MAX_IMPORT_RECORDS } from './boardRecords'
export { controlStateSchema } from './controlState'
export * from './schema'
