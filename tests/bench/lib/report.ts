import type { BenchConfig } from '../config'
import type { LargeBoardResult } from '../scenarios/largeBoard'
import type { ManyRoomsResult } from '../scenarios/manyRooms'
import type { PersistenceResult } from '../scenarios/persistence'
import type { SpreadRoomResult } from '../scenarios/spreadRoom'
import type { WorkshopRoomResult, WorkshopSummary } from '../scenarios/workshopRoom'
import type { LoadResult } from './loadRun'
import type { MachineInfo } from './procStats'
import { ratio } from './stats'
import { checkServerTargets, type TargetCheck } from './targets'

/** Everything one `npm run bench` produced: the JSON file, and the input of the Markdown. */
export interface BenchReport {
  kind: 'server'
  startedAt: string
  quick: boolean
  machine: MachineInfo
  config: BenchConfig
  durationSeconds?: number
  workshopRoom?: WorkshopRoomResult
  manyRooms?: ManyRoomsResult
  largeBoard?: LargeBoardResult
  persistence?: PersistenceResult
  spreadRoom?: SpreadRoomResult
  targets?: TargetCheck[]
}

export function fmtMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`
  return v < 10 ? v.toFixed(1) : String(Math.round(v))
}

export function fmtBytes(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const abs = Math.abs(v)
  if (abs >= 1_048_576) return `${(v / 1_048_576).toFixed(1)} MiB`
  if (abs >= 1024) return `${(v / 1024).toFixed(0)} KiB`
  return `${Math.round(v)} B`
}

export function fmtRatio(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `×${v.toFixed(2)}`
}

/** What the server sent each client per second, in KB (all bytes the clients received / clients). */
function perClientKB(r: LoadResult | undefined): string {
  if (!r || r.clients === 0) return '—'
  return (r.median.bytesOutPerSec / r.clients / 1000).toFixed(1)
}

function fmtCount(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return v >= 10_000 ? `${(v / 1000).toFixed(0)} k` : String(Math.round(v))
}

function fmtPct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(100 * v)} %`
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/**
 * A latency quartet; when some updates never arrived within the run (delivery < 99 %),
 * p99 and max are lower bounds, marked "≥".
 */
function quartet(r: LoadResult | undefined, skipped?: string): string {
  if (!r) return skipped ? `not run (${skipped})` : '—'
  const m = r.median
  if (m.updateP50 === null) return 'no update arrived'
  const partial = (m.updateDelivery ?? 0) < 0.99 ? '≥' : ''
  return `${fmtMs(m.updateP50)} / ${fmtMs(m.updateP95)} / ${partial}${fmtMs(m.updateP99)} / ${partial}${fmtMs(m.updateMax)}`
}

/** One line of the workshop tables: a level (or the plenary), ours beside the reference. */
interface WorkshopLine {
  label: string
  writers: number
  ours?: WorkshopSummary
  reference?: WorkshopSummary
}

const LATENCY_HEAD = [
  'clients',
  'ours p50 / p95 / p99 / max (ms)',
  'reference p50 / p95 / p99 / max (ms)',
  'p99 ours/ref',
  'awareness p99 ours / ref (ms)',
  'updates delivered ours / ref',
]

const RESOURCES_HEAD = [
  'clients',
  'updates sent/s ours / ref (nominal)',
  'msgs in/s ours / ref',
  'msgs out/s ours / ref',
  'KB/s received per client ours / ref',
  'server CPU % ours / ref',
  'server RSS ours / ref',
  'CPU µs per delivered change ours / ref',
  'generator CPU % ours / ref',
]

/** Each run's p99 and their spread ("4.1 · 5.0 · 6.2 (51 %)"). */
function runsOf(s: WorkshopSummary | undefined): string {
  if (!s?.p99Runs.length) return '—'
  return `${s.p99Runs.map(fmtMs).join(' · ')}${s.runs > 1 ? ` (${fmtPct(s.p99RunSpread)})` : ''}`
}

function latencyRow(line: WorkshopLine, rounds: number): string[] {
  const o = line.ours?.result
  const r = line.reference?.result
  return [
    line.label,
    quartet(o, line.ours?.skipped),
    quartet(r, line.reference?.skipped),
    fmtRatio(ratio(o?.median.updateP99, r?.median.updateP99)),
    `${fmtMs(o?.median.awarenessP99)} / ${fmtMs(r?.median.awarenessP99)}`,
    `${fmtPct(o?.median.updateDelivery)} / ${fmtPct(r?.median.updateDelivery)}`,
    rounds > 1
      ? `${runsOf(line.ours)} / ${runsOf(line.reference)}`
      : `${fmtPct(o?.p99Spread)} / ${fmtPct(r?.p99Spread)}`,
  ]
}

function resourcesRow(line: WorkshopLine, updateHz: number): string[] {
  const o = line.ours?.result
  const r = line.reference?.result
  const us = (x: LoadResult | undefined): string => x?.median.serverCpuUsPerDelivered?.toFixed(1) ?? '—'
  return [
    line.label,
    `${fmtCount(o?.median.sentUpdatesPerSec)} / ${fmtCount(r?.median.sentUpdatesPerSec)} (${Math.round(line.writers * updateHz)})`,
    `${fmtCount(o?.median.messagesInPerSec)} / ${fmtCount(r?.median.messagesInPerSec)}`,
    `${fmtCount(o?.median.messagesOutPerSec)} / ${fmtCount(r?.median.messagesOutPerSec)}`,
    `${perClientKB(o)} / ${perClientKB(r)}`,
    `${fmtCount(o?.median.serverCpuPercent)} / ${fmtCount(r?.median.serverCpuPercent)}`,
    `${fmtBytes(o?.serverRss.loaded)} / ${fmtBytes(r?.serverRss.loaded)}`,
    `${us(o)} / ${us(r)} (${fmtRatio(ratio(o?.median.serverCpuUsPerDelivered, r?.median.serverCpuUsPerDelivered))})`,
    `${fmtCount(o?.median.generatorCpuPercent)} / ${fmtCount(r?.median.generatorCpuPercent)}`,
  ]
}

function renderWorkshop(w: WorkshopRoomResult, config: BenchConfig): string {
  const c = config.workshopRoom
  const t = c.timing
  const linesOf = (plenary: boolean, echo: boolean): WorkshopLine[] => {
    const picked = w.summaries.filter((s) => s.plenary === plenary && s.echo === echo)
    return [...new Set(picked.map((s) => s.clients))].map((n) => {
      const ours = picked.find((s) => s.target === 'ours' && s.clients === n)
      const reference = picked.find((s) => s.target === 'reference' && s.clients === n)
      const writers = (ours ?? reference)?.writers ?? n
      return { label: plenary ? `${n} (${writers} editing)` : String(n), writers, ours, reference }
    })
  }
  const runsHead = c.rounds > 1 ? 'p99 of each run ours (spread) / ref' : 'p99 spread over windows ours / ref'
  const grid = linesOf(false, false)
  const plenary = linesOf(true, false)
  const echoLines = linesOf(false, true)
  const first = (n: number | null): string => (n === null ? 'never (in the levels run)' : `${n} clients`)
  const closes = (r: LoadResult | undefined): string => {
    const entries = Object.entries(r?.serverCloses ?? {})
    return entries.length ? entries.map(([code, n]) => `${n} × ${code}`).join(', ') : 'none'
  }
  const echo = echoLines.length
    ? [
        '',
        'The same load with every light client echoing the awareness it receives, as the stock y-websocket provider (the browser app) does (one run):',
        '',
        table(
          [
            'clients',
            'ours p50 / p95 / p99 / max (ms)',
            'reference p50 / p95 / p99 / max (ms)',
            'msgs in/s ours / ref',
            'server CPU % ours / ref',
            'closed by the server ours / ref',
          ],
          echoLines.map(({ label, ours, reference }) => {
            const o = ours?.result
            const r = reference?.result
            return [
              label,
              quartet(o),
              quartet(r),
              `${fmtCount(o?.median.messagesInPerSec)} / ${fmtCount(r?.median.messagesInPerSec)}`,
              `${fmtCount(o?.median.serverCpuPercent)} / ${fmtCount(r?.median.serverCpuPercent)}`,
              `${closes(o)} / ${closes(r)}`,
            ]
          }),
        ),
      ]
    : []
  const plenaryPart = plenary.length
    ? [
        '',
        'The plenary: every client connected and moving its cursor, only some editing their card:',
        '',
        table(
          [...LATENCY_HEAD, runsHead],
          plenary.map((line) => latencyRow(line, c.rounds)),
        ),
        '',
        table(
          RESOURCES_HEAD,
          plenary.map((line) => resourcesRow(line, c.updateHz)),
        ),
      ]
    : []
  return [
    `### 1. Workshop room (one room; each client edits its card at ${c.updateHz} Hz and moves its cursor at ${c.awarenessHz} Hz)`,
    '',
    (c.writers === undefined ? '' : `Only ${c.writers} clients edit their card; every client moves its cursor. `) +
      `Card-update latency from the sender to the ${c.probes} probes; each run the median of ${t.windows} windows of ${t.windowMs / 1000} s after ${t.warmupMs / 1000} s of warm-up` +
      (c.rounds > 1
        ? `; ${c.rounds} runs per level and server, alternating, and each figure the median of the runs.`
        : '.'),
    '"≥": some updates had not arrived when the run ended, so the tail is a lower bound.',
    '',
    table(
      [...LATENCY_HEAD, runsHead],
      grid.map((line) => latencyRow(line, c.rounds)),
    ),
    '',
    table(
      RESOURCES_HEAD,
      grid.map((line) => resourcesRow(line, c.updateHz)),
    ),
    '',
    `First load with update p99 > 100 ms: **ours ${first(w.firstOver100ms.ours)}**, reference ${first(w.firstOver100ms.reference)}.`,
    ...plenaryPart,
    ...echo,
  ].join('\n')
}

function renderManyRooms(m: ManyRoomsResult): string {
  return [
    '### 2. Many rooms',
    '',
    table(
      [
        'server',
        'rooms × clients',
        'synced',
        'RSS idle',
        'RSS loaded',
        'RSS per loaded room',
        'RSS after all left',
        'retained (after − idle)',
        'rooms still loaded',
      ],
      m.targets.map((t) => [
        t.target,
        `${t.rooms} × ${t.clients / t.rooms}`,
        `${t.synced}/${t.clients}`,
        fmtBytes(t.rssIdle),
        fmtBytes(t.rssLoaded),
        fmtBytes(t.rssPerRoom),
        fmtBytes(t.rssAfterLeave),
        fmtBytes(t.rssRetained),
        t.roomsAfterLeave === null ? 'unknown (never unloads)' : String(t.roomsAfterLeave),
      ]),
    ),
    '',
    `Ratios ours/reference: per room ${fmtRatio(m.ratios.rssPerRoom)}, after all left ${fmtRatio(m.ratios.rssAfterLeave)}, retained ${fmtRatio(m.ratios.rssRetained)}.`,
  ].join('\n')
}

function renderLargeBoard(b: LargeBoardResult): string {
  return [
    '### 3. Large board',
    '',
    table(
      [
        'server',
        'board',
        'doc size',
        'warm join (median; runs)',
        'server RSS for the board',
        'stored on disk',
        'cold join (median)',
        'cold load (cold − warm)',
      ],
      b.targets.map((t) => [
        t.target,
        `${t.cards} cards + ${t.edits} edits`,
        fmtBytes(t.docBytes),
        `${fmtMs(t.warmReadyMs.median)} ms; ${t.warmReadyMs.runs.map(fmtMs).join(', ')}`,
        fmtBytes(t.serverRssForBoard),
        t.storedBytes === null ? 'n/a (memory only)' : fmtBytes(t.storedBytes),
        t.coldReadyMs ? `${fmtMs(t.coldReadyMs.median)} ms` : 'n/a',
        t.coldLoadMs === null ? 'n/a' : `${fmtMs(t.coldLoadMs)} ms`,
      ]),
    ),
    '',
    `Warm join ours/reference ${fmtRatio(b.ratios.warmReadyMs)}; server memory for the board ${fmtRatio(b.ratios.serverRssForBoard)}.`,
  ].join('\n')
}

function renderPersistence(p: PersistenceResult): string {
  const c = p.compaction
  return [
    '### 4. Persistence (SQLite, WAL, synchronous = NORMAL as shipped)',
    '',
    table(
      ['append', 'payload', 'appends/s', 'card updates/s'],
      p.appends.map((a) => [
        a.label,
        fmtBytes(a.payloadBytes),
        fmtCount(a.appendsPerSec),
        fmtCount(a.cardUpdatesPerSec),
      ]),
    ),
    '',
    `Compaction of a ${c.cards}-card board with ${c.logRows} log rows (snapshot ${fmtBytes(c.snapshotBytes)}): encode ${fmtMs(c.encodeMs.median)} ms, ` +
      `write snapshot and delete rows ${fmtMs(c.compactMs.median)} ms, load back ${fmtMs(c.loadMs.median)} ms (medians of ${c.compactMs.runs.length}).`,
    '',
    table(
      [
        'server',
        'offered updates/s',
        'sent updates/s',
        'delivered updates/s',
        'delivered',
        'p50 / p99 (ms)',
        'server CPU %',
        'generator CPU %',
      ],
      p.endToEnd.map((s) => [
        s.target,
        fmtCount(s.offeredPerSec),
        fmtCount(s.sentPerSec),
        fmtCount(s.deliveredPerSec),
        fmtPct(s.updateDelivery),
        `${fmtMs(s.updateP50)} / ${fmtMs(s.updateP99)}`,
        fmtCount(s.serverCpuPercent),
        fmtCount(s.generatorCpuPercent),
      ]),
    ),
  ].join('\n')
}

function renderSpreadRoom(r: SpreadRoomResult, config: BenchConfig): string {
  const head = '### 6. One room over two servers on one PostgreSQL'
  if (r.skipped) return `${head}\n\nNot run: ${r.skipped}.`
  const t = config.spreadRoom.timing
  const pct = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${Math.round(v)} %`)
  const rows = r.summaries.map((s) => [
    String(s.clients),
    s.arrangement,
    String(s.runs),
    fmtMs(s.updateP50),
    fmtMs(s.updateP99),
    fmtPct(s.delivery),
    pct(s.serverCpuPercent),
    pct(s.perServerCpuPercent),
    pct(s.databaseCpuPercent),
    fmtBytes(s.bytesOutPerSec),
    s.loadAverage === null ? '—' : s.loadAverage.toFixed(1),
  ])
  const ratios = r.ratios.map((x) => [
    String(x.clients),
    fmtRatio(x.updateP50),
    fmtRatio(x.updateP99),
    fmtRatio(x.serverCpu),
    fmtRatio(x.perServerCpu),
    fmtRatio(x.bytesOut),
  ])
  const pinning =
    r.pinned.servers || r.pinned.database
      ? `Servers pinned to CPU ${r.pinned.servers ?? 'any'}, PostgreSQL to ${r.pinned.database ?? 'any'}; the generator on what the bench was given.`
      : 'Nothing pinned: servers, PostgreSQL and the load generator share every core.'
  return [
    head,
    '',
    `The same room (each client edits its card at ${config.spreadRoom.updateHz} Hz and moves its cursor at ${config.spreadRoom.awarenessHz} Hz) on one server, ` +
      `and spread over two (clients and probes alternate between them, so about half of what a probe receives crossed servers); both on PostgreSQL. ` +
      `Median of ${config.spreadRoom.rounds} runs per arrangement, alternating; each run the median of ${t.windows} windows of ${t.windowMs / 1000} s. ` +
      `Server CPU is all servers together (% of one core), "per server" that divided by their number. ${pinning}`,
    '',
    table(
      [
        'clients',
        'arrangement',
        'runs',
        'update p50 (ms)',
        'p99 (ms)',
        'delivered',
        'servers CPU',
        'per server',
        'PostgreSQL CPU',
        'bytes to clients /s',
        'load avg',
      ],
      rows,
    ),
    '',
    table(['clients', 'p50 two/one', 'p99 two/one', 'servers CPU', 'per server', 'bytes'], ratios),
  ].join('\n')
}

export function renderTargets(checks: TargetCheck[]): string {
  const mark = (met: boolean | null): string => (met === null ? 'not measured' : met ? 'met' : '**missed**')
  return [
    '### Targets',
    '',
    table(
      ['target', 'measured', ''],
      checks.map((c) => [c.target, c.measured, mark(c.met)]),
    ),
  ].join('\n')
}

export function renderReport(report: BenchReport): string {
  const m = report.machine
  const checks = report.targets ?? checkServerTargets(report)
  const parts = [
    `## Server benchmark — ${report.quick ? 'quick' : 'full'} run, ${report.startedAt}`,
    '',
    `Machine: ${m.machineCpus} cores (${m.cpuModel}${m.cpus < m.machineCpus ? `; this run pinned to ${m.cpus}` : ''}), ${fmtBytes(m.memoryBytes)}, Node ${m.node}, ${m.platform}; ` +
      `load average ${m.loadAverageStart.toFixed(2)} at start, ${m.loadAverageEnd?.toFixed(2) ?? '—'} at end; ` +
      `run took ${report.durationSeconds?.toFixed(0) ?? '—'} s.`,
    '',
  ]
  // The run's own servers and load workers raise the load average as it goes, so the machine is
  // judged by the load it had when the run started, against all its cores.
  const cores = m.machineCpus
  if (m.loadAverageStart > cores / 2) {
    parts.push(
      `**The machine was busy with other work** (load average ${m.loadAverageStart.toFixed(1)} on ${cores} cores when the run started): every process here got a fraction ` +
        'of a core, so latencies are inflated and noisy; the "sent" column shows whether the load generator kept its schedule.',
      '',
    )
  }
  if (report.workshopRoom) parts.push(renderWorkshop(report.workshopRoom, report.config), '')
  if (report.manyRooms) parts.push(renderManyRooms(report.manyRooms), '')
  if (report.largeBoard) parts.push(renderLargeBoard(report.largeBoard), '')
  if (report.persistence) parts.push(renderPersistence(report.persistence), '')
  if (report.spreadRoom) parts.push(renderSpreadRoom(report.spreadRoom, report.config), '')
  parts.push(renderTargets(checks), '')
  return parts.join('\n')
}
