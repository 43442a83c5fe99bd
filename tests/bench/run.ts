import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchConfig } from './config'
import { machineInfo } from './lib/procStats'
import { progress } from './lib/progress'
import { renderReport, type BenchReport } from './lib/report'
import { checkServerTargets } from './lib/targets'
import { ROOT, type TargetKind } from './lib/servers'
import { LoadGenerator } from './lib/workerPool'
import { runLargeBoard } from './scenarios/largeBoard'
import { runManyRooms } from './scenarios/manyRooms'
import { runPersistence } from './scenarios/persistence'
import { runSpreadRoom } from './scenarios/spreadRoom'
import { runWorkshopRoom } from './scenarios/workshopRoom'

/**
 * `npm run bench [-- --quick] [-- --only=workshop,rooms,board,persistence,cluster] [-- --levels=500,1000] [-- --targets=ours]`
 * `[-- --rounds=3]` (runs of each workshop level and cluster arrangement) `[-- --writers=100]` (editing clients per level)
 * `[-- --plenary=1000/100 | --plenary=none]` (the plenary after the levels; `--levels` alone leaves it out)
 * `[-- --cluster-levels=1000]` (the cluster scenario: one room on one server and over two)
 *
 * Runs the server scenarios against our server and the reference, prints a Markdown
 * report on stdout (progress on stderr) and writes everything to
 * `bench/results/<date>[-quick].json`. Exit code 0 even when a target is missed (the
 * report says so); non-zero only when the harness itself failed.
 */

const SCENARIOS = ['workshop', 'rooms', 'board', 'persistence', 'cluster'] as const
type ScenarioName = (typeof SCENARIOS)[number]

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      levels: { type: 'string' },
      targets: { type: 'string' },
      writers: { type: 'string' },
      'cluster-levels': { type: 'string' },
      rounds: { type: 'string' },
      plenary: { type: 'string' },
    },
  })
  const config = benchConfig(values.quick ?? false)
  // One level or one server at a time, to reproduce a finding without the whole scenario.
  if (values.levels) config.workshopRoom.levels = values.levels.split(',').map((s) => Number(s.trim()))
  if (values.levels)
    config.workshopRoom.echoLevels = config.workshopRoom.echoLevels.filter((n) =>
      config.workshopRoom.levels.includes(n),
    )
  if (values.writers) config.workshopRoom.writers = Number(values.writers)
  // Some levels only: the plenary only when asked for.
  if (values.levels || values.writers) delete config.workshopRoom.plenary
  if (values.plenary) config.workshopRoom.plenary = plenaryOf(values.plenary)
  if (values['cluster-levels'])
    config.spreadRoom.levels = values['cluster-levels'].split(',').map((s) => Number(s.trim()))
  if (values.rounds) {
    const rounds = Number(values.rounds)
    if (!Number.isInteger(rounds) || rounds < 1)
      throw new Error(`--rounds must be a whole number ≥ 1, got ${values.rounds}`)
    config.spreadRoom.rounds = rounds
    config.workshopRoom.rounds = rounds
  }
  if (values.targets) {
    const targets = values.targets.split(',').map((s) => s.trim())
    for (const t of targets)
      if (t !== 'ours' && t !== 'reference') throw new Error(`unknown target ${t} (known: ours, reference)`)
    config.workshopRoom.targets = targets as TargetKind[]
  }
  const only = new Set<ScenarioName>((values.only?.split(',') ?? SCENARIOS).map((s) => s.trim() as ScenarioName))
  for (const s of only)
    if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s} (known: ${SCENARIOS.join(', ')})`)

  const report: BenchReport = {
    kind: 'server',
    startedAt: new Date().toISOString(),
    quick: config.quick,
    machine: machineInfo(),
    config,
  }
  const started = performance.now()
  progress(
    `${config.quick ? 'quick' : 'full'} run on ${report.machine.cpus} cores, Node ${report.machine.node}, load average ${report.machine.loadAverageStart.toFixed(2)}`,
  )
  const generatorReady = LoadGenerator.start(config.lightWorkers)
  // Never left unawaited: a failed start surfaces below, where the generator is stopped.
  generatorReady.catch(() => {})
  try {
    if (only.has('workshop')) report.workshopRoom = await runWorkshopRoom(config.workshopRoom, generatorReady)
    const generator = await generatorReady
    if (only.has('rooms')) report.manyRooms = await runManyRooms(config.manyRooms, generator)
    if (only.has('board')) report.largeBoard = await runLargeBoard(config.largeBoard)
    if (only.has('persistence'))
      report.persistence = await runPersistence(config.persistence, generator, config.largeBoard.cards)
    if (only.has('cluster')) report.spreadRoom = await runSpreadRoom(config.spreadRoom, generator)
  } finally {
    await (await generatorReady.catch(() => null))?.stop()
  }
  report.durationSeconds = (performance.now() - started) / 1000
  report.machine.loadAverageEnd = os.loadavg()[0]
  report.targets = checkServerTargets(report)

  const dir = join(ROOT, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const stamp = report.startedAt.replace(/:/g, '-').replace(/\..*$/, '')
  const file = values.out ?? join(dir, `${stamp}${config.quick ? '-quick' : ''}.json`)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  process.stdout.write(renderReport(report))
  progress(`done in ${report.durationSeconds.toFixed(0)} s; results in ${file}`)
}

/** `1000/100` → 1,000 connected, 100 writing; `none` → no plenary. */
function plenaryOf(spec: string): { clients: number; writers: number } | undefined {
  if (spec === 'none') return undefined
  const [clients, writers] = spec.split('/').map(Number)
  if (!(clients > 0 && writers > 0 && writers <= clients))
    throw new Error(`--plenary wants clients/writers (e.g. 1000/100) or none, got ${spec}`)
  return { clients, writers }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
