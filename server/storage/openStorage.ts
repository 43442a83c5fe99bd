import { join } from 'node:path'
import type { Logger } from 'pino'
import { randomUUID } from 'node:crypto'
import type { Config } from '../config'
import { noCluster, type Cluster } from '../cluster/Cluster'
import { DATABASE_FILE, openSqliteStorage } from './sqliteStorage'
import type { Storage } from './Storage'

/**
 * The storage the configuration asks for: PostgreSQL when DATABASE_URL is set (several
 * servers on one database), else the embedded SQLite file under DATA_DIR. PostgreSQL's
 * modules (`pg`, the cluster) are loaded only when DATABASE_URL asks for them.
 */
export interface OpenedStorage {
  storage: Storage
  /** The other servers on the same database (PostgreSQL), or nobody (SQLite). */
  cluster: Cluster
  /** For the `listening` log line: the kind, and where (never the password). */
  describe: { storage: 'postgres'; database: string } | { storage: 'sqlite'; dataDir: string }
}

export async function openConfiguredStorage(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: Logger,
): Promise<OpenedStorage> {
  if (config.databaseUrl) {
    const [{ openPostgresStorage }, { postgresCluster }] = await Promise.all([
      import('./postgres/postgresStorage'),
      import('../cluster/postgresCluster'),
    ])
    const storage = await openPostgresStorage({
      connectionString: config.databaseUrl,
      onIdleError: (err) => log.warn({ err }, 'a PostgreSQL connection broke; the pool opens another'),
      writer: randomUUID(),
    })
    return {
      storage,
      cluster: postgresCluster(storage, config.databaseUrl, log),
      describe: { storage: 'postgres', database: safeDatabaseName(config.databaseUrl) },
    }
  }
  return {
    storage: openSqliteStorage(join(config.dataDir, DATABASE_FILE)),
    cluster: noCluster,
    describe: { storage: 'sqlite', dataDir: config.dataDir },
  }
}

/** `postgres://user:pw@host:5432/db` → `host:5432/db`. */
function safeDatabaseName(url: string): string {
  const u = new URL(url)
  return `${u.host}${u.pathname}`
}
