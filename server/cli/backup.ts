import Database from 'better-sqlite3'
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ConfigError, loadConfig } from '../config'
import { DATABASE_FILE } from '../storage/sqliteStorage'

/**
 * `npm run backup -- <file>`: a consistent copy of the database, taken while the server
 * runs (same `DATA_DIR` as the server, from the environment).
 *
 * SQLite's online backup API copies the pages through its own read-only connection; WAL
 * lets the server keep writing meanwhile. All pages are copied in one step, so the copy
 * is one snapshot (a copy made in small steps would restart each time the server writes).
 * The copy is written next to the target and renamed into place once checked
 * (`integrity_check`), in rollback-journal mode: one self-contained file.
 *
 * Restore: stop the server, replace `DATA_DIR/coalition.db` with the copy, delete
 * `coalition.db-wal` and `coalition.db-shm` beside it, start the server.
 */

interface BackupResult {
  file: string
  bytes: number
  ms: number
  workshops: number
}

/** Copies the database at `source` into `target` (which must not exist). */
async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  const started = Date.now()
  if (!existsSync(source)) throw new Error(`no database at ${source} (is DATA_DIR the server's?)`)
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`)
  if (!existsSync(dirname(target))) throw new Error(`the folder ${dirname(target)} does not exist`)
  const partial = `${target}.partial-${process.pid}`
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(partial, { progress: () => 0x7fffffff })
  } catch (err) {
    rmSync(partial, { force: true })
    throw err
  } finally {
    db.close()
  }
  let workshops: number
  const copy = new Database(partial)
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`)
    copy.pragma('journal_mode = DELETE')
    workshops = (copy.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n
  } catch (err) {
    copy.close()
    rmSync(partial, { force: true })
    throw err
  }
  copy.close()
  renameSync(partial, target)
  return { file: target, bytes: statSync(target).size, ms: Date.now() - started, workshops }
}

async function main(): Promise<void> {
  const target = process.argv[2]
  if (!target || target.startsWith('-')) {
    process.stderr.write('usage: npm run backup -- <file>   (DATA_DIR as for the server; default ./data)\n')
    process.exit(2)
  }
  let dataDir: string
  try {
    const config = loadConfig(process.env)
    if (config.databaseUrl) {
      process.stderr.write(
        'backup: DATABASE_URL is set, so the data is in PostgreSQL, not in a SQLite file; this command copies SQLite only.\n' +
          'Back up PostgreSQL with pg_dump, e.g.: pg_dump --format=custom --file=coalition.dump "$DATABASE_URL"\n' +
          '(restore into an empty database with pg_restore --dbname=<url> coalition.dump)\n',
      )
      process.exit(1)
    }
    dataDir = config.dataDir
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`)
    process.exit(1)
  }
  try {
    // npm runs scripts from the project root; the file is named from where the user typed.
    const result = await backupDatabase(
      join(dataDir, DATABASE_FILE),
      resolve(process.env.INIT_CWD ?? process.cwd(), target),
    )
    process.stdout.write(`${JSON.stringify({ msg: 'backup done', ...result })}\n`)
  } catch (err) {
    process.stderr.write(`backup failed: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  }
}

void main()
