import { execFileSync } from 'node:child_process'
import os from 'node:os'
import { findPostgresBin, startPostgres, type TestPostgres } from '../../helpers/postgres'
import type { SpreadRoomConfig } from '../config'
import type { ClientSpec } from '../clients/types'
import { measureLoad, type LoadResult } from '../lib/loadRun'
import { processTree } from '../lib/procStats'
import { ms, progress } from '../lib/progress'
import { removeDir, startOurs, type BenchTarget } from '../lib/servers'
import { median, ratio } from '../lib/stats'
import type { LoadGenerator } from '../lib/workerPool'

/**
 * Scenario 6, one room over several servers: the same N-client room (each
 * client editing its card at 1 Hz and moving its cursor at 5 Hz) served by ONE server on
 * PostgreSQL, and spread over TWO servers on the same PostgreSQL (clients alternate, half on
 * each; probes too, so half of what a probe receives crossed between servers). Both
 * arrangements use PostgreSQL, so the difference is the spreading alone: every update
 * stored by one server is announced (NOTIFY), read back and relayed by the other, and
 * cursors cross in batches. Arrangements alternate round after round (one, two, two, one…)
 * so a burst of other work on the machine hits both; each round starts fresh servers on a
 * fresh database, and the load average is recorded at the start of each run.
 *
 * Server CPU is the sum over the servers (per server = that / servers); PostgreSQL's is
 * its postmaster and backends. `BENCH_SERVER_CPUS` pins the servers (as in the other
 * scenarios), `BENCH_DATABASE_CPUS` pins PostgreSQL; unpinned, everything shares the cores.
 */

export type Arrangement = 'one server' | 'two servers'

export interface SpreadRun {
  arrangement: Arrangement
  clients: number
  round: number
  loadAverage: number
  result: LoadResult
}

export interface SpreadSummary {
  arrangement: Arrangement
  clients: number
  runs: number
  updateP50: number | null
  updateP99: number | null
  delivery: number | null
  /** All servers together, % of one core. */
  serverCpuPercent: number | null
  perServerCpuPercent: number | null
  databaseCpuPercent: number | null
  /** What the clients received, all together, per second. */
  bytesOutPerSec: number | null
  serverCpuUsPerDelivered: number | null
  loadAverage: number | null
}

export interface SpreadRoomResult {
  /** Why the scenario did not run (no PostgreSQL on this machine). */
  skipped?: string
  runs: SpreadRun[]
  summaries: SpreadSummary[]
  /** Per level: two servers / one server, medians of the runs. */
  ratios: {
    clients: number
    updateP50: number | null
    updateP99: number | null
    serverCpu: number | null
    perServerCpu: number | null
    bytesOut: number | null
  }[]
  pinned: { servers: string | null; database: string | null }
}

export async function runSpreadRoom(config: SpreadRoomConfig, generator: LoadGenerator): Promise<SpreadRoomResult> {
  const pinned = { servers: process.env.BENCH_SERVER_CPUS ?? null, database: process.env.BENCH_DATABASE_CPUS ?? null }
  try {
    findPostgresBin()
  } catch (err) {
    const skipped = `no PostgreSQL on this machine (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`
    progress(`spread room: skipped, ${skipped}`)
    return { skipped, runs: [], summaries: [], ratios: [], pinned }
  }
  const postgres = await startPostgres()
  const runs: SpreadRun[] = []
  let databases = 0
  try {
    if (pinned.database) execFileSync('taskset', ['-p', '-c', pinned.database, String(postgres.pid)])
    for (const clients of config.levels) {
      for (let round = 0; round < config.rounds; round++) {
        const order: Arrangement[] = round % 2 === 0 ? ['one server', 'two servers'] : ['two servers', 'one server']
        for (const arrangement of order) {
          const url = await postgres.createDatabase(`bench_spread_${++databases}`)
          const loadAverage = os.loadavg()[0]
          const result = await runOnce(config, generator, postgres, url, arrangement, clients)
          runs.push({ arrangement, clients, round, loadAverage, result })
          const m = result.median
          progress(
            `spread room ${clients} on ${arrangement} (round ${round + 1}/${config.rounds}, load ${loadAverage.toFixed(1)}): ` +
              `synced ${result.synced}/${clients}, update p50 ${ms(m.updateP50)} p99 ${ms(m.updateP99)}, delivered ${Math.round(100 * (m.updateDelivery ?? 0))} %, ` +
              `servers CPU ${Math.round(m.serverCpuPercent)} %, PostgreSQL ${Math.round(m.databaseCpuPercent ?? 0)} %`,
          )
          if (round === 0 && result.synced !== clients)
            throw new Error(`spread room self-check: ${clients - result.synced} of ${clients} clients never synced`)
        }
      }
    }
  } finally {
    await postgres.stop()
  }
  const summaries = config.levels.flatMap((clients) =>
    (['one server', 'two servers'] as const).map((arrangement) =>
      summarize(
        arrangement,
        clients,
        runs.filter((r) => r.clients === clients && r.arrangement === arrangement),
      ),
    ),
  )
  const ratios = config.levels.map((clients) => {
    const one = summaries.find((s) => s.clients === clients && s.arrangement === 'one server')
    const two = summaries.find((s) => s.clients === clients && s.arrangement === 'two servers')
    return {
      clients,
      updateP50: ratio(two?.updateP50, one?.updateP50),
      updateP99: ratio(two?.updateP99, one?.updateP99),
      serverCpu: ratio(two?.serverCpuPercent, one?.serverCpuPercent),
      perServerCpu: ratio(two?.perServerCpuPercent, one?.perServerCpuPercent),
      bytesOut: ratio(two?.bytesOutPerSec, one?.bytesOutPerSec),
    }
  })
  return { runs, summaries, ratios, pinned }
}

function summarize(arrangement: Arrangement, clients: number, runs: SpreadRun[]): SpreadSummary {
  const servers = arrangement === 'one server' ? 1 : 2
  const pick = (f: (r: LoadResult) => number | null): number | null => median(runs.map((r) => f(r.result)))
  const cpu = pick((r) => r.median.serverCpuPercent)
  return {
    arrangement,
    clients,
    runs: runs.length,
    updateP50: pick((r) => r.median.updateP50),
    updateP99: pick((r) => r.median.updateP99),
    delivery: pick((r) => r.median.updateDelivery),
    serverCpuPercent: cpu,
    perServerCpuPercent: cpu === null ? null : cpu / servers,
    databaseCpuPercent: pick((r) => r.median.databaseCpuPercent),
    bytesOutPerSec: pick((r) => r.median.bytesOutPerSec),
    serverCpuUsPerDelivered: pick((r) => r.median.serverCpuUsPerDelivered),
    loadAverage: median(runs.map((r) => r.loadAverage)),
  }
}

/** The same client on another server: same workshop, token and member key, another port. */
function onServer(spec: ClientSpec, from: BenchTarget, to: BenchTarget): ClientSpec {
  const move = (u: string): string => u.replace(`:${from.port}/`, `:${to.port}/`)
  return { ...spec, url: move(spec.url), serverUrl: move(spec.serverUrl) }
}

async function runOnce(
  config: SpreadRoomConfig,
  generator: LoadGenerator,
  postgres: TestPostgres,
  databaseUrl: string,
  arrangement: Arrangement,
  clients: number,
): Promise<LoadResult> {
  const env = { DATABASE_URL: databaseUrl }
  const servers =
    arrangement === 'one server'
      ? [await startOurs({ env })]
      : await Promise.all([startOurs({ env }), startOurs({ env })])
  try {
    const [a] = servers
    const room = await a.createRoom()
    // Client i on server i mod servers: probes and light clients alike are spread evenly.
    const place = (spec: ClientSpec, i: number): ClientSpec => onServer(spec, a, servers[i % servers.length])
    const tag = `${clients}${arrangement === 'one server' ? 'o' : 't'}`
    const probeCount = Math.min(config.probes, clients)
    const probes = Array.from({ length: probeCount }, (_, i) => place(room.client(`sp${tag}-${i}`, 'probe'), i))
    const light = Array.from({ length: clients - probeCount }, (_, i) =>
      place(room.client(`sl${tag}-${i}`, 'light'), probeCount + i),
    )
    return await measureLoad({
      target: a,
      generator,
      probes,
      light,
      updateHz: config.updateHz,
      awarenessHz: config.awarenessHz,
      timing: config.timing,
      serverPids: servers.map((s) => s.pid),
      databasePids: () => processTree(postgres.pid),
    })
  } finally {
    for (const s of servers) {
      await s.stop()
      removeDir(s.dataDir)
    }
  }
}
