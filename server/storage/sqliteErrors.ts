/** better-sqlite3's code for a row pointing at a workshop that is not there (deleted meanwhile). */
export function isSqliteForeignKeyError(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}
