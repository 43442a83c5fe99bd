import type { BenchConfig } from '../config'
import type { LargeBoardResult } from '../scenarios/largeBoard'
import type { ManyRoomsResult } from '../scenarios/manyRooms'
import type { PersistenceResult } from '../scenarios/persistence'
import type { SpreadRoomResult } from '../scenarios/spreadRoom'
import type { WorkshopRoomResult } from '../scenarios/workshopRoom'
import type { LoadResult } from './loadRun'
import type { MachineInfo } from './procStats'
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

function renderWorkshop(w: WorkshopRoomResult, config: BenchConfig): string {
  const clientsList = [...new Set(w.levels.map((l) => l.clients))]
  const get = (kind: 'ours' | 'reference', n: number, echo = false) =>
    w.levels.find((l) => l.target === kind && l.clients === n && l.echo === echo)
  const t = config.workshopRoom.timing
  const latency = table(
    [
      'clients',
      'ours p50 / p95 / p99 / max (ms)',
      'reference p50 / p95 / p99 / max (ms)',
      'p99 ours/ref',
      'awareness p99 ours / ref (ms)',
      'updates delivered ours / ref',
      'p99 spread ours / ref',
    ],
    clientsList.map((n) => {
      const o = get('ours', n)
      const r = get('reference', n)
      const ratio = w.ratios.find((x) => x.clients === n)
      return [
        String(n),
        quartet(o?.result, o?.skipped),
        quartet(r?.result, r?.skipped),
        fmtRatio(ratio?.updateP99),
        `${fmtMs(o?.result?.median.awarenessP99)} / ${fmtMs(r?.result?.median.awarenessP99)}`,
        `${fmtPct(o?.result?.median.updateDelivery)} / ${fmtPct(r?.result?.median.updateDelivery)}`,
        `${fmtPct(o?.result?.p99Spread)} / ${fmtPct(r?.result?.p99Spread)}`,
      ]
    }),
  )
  const resources = table(
    [
      'clients',
      'updates sent/s ours / ref (nominal)',
      'msgs in/s ours / ref',
      'msgs out/s ours / ref',
      'KB/s received per client ours / ref',
      'server CPU % ours / ref',
      'server RSS ours / ref',
      'CPU µs per delivered change ours / ref',
      'generator CPU % ours / ref',
    ],
    clientsList.map((n) => {
      const o = get('ours', n)?.result
      const r = get('reference', n)?.result
      const ratio = w.ratios.find((x) => x.clients === n)
      return [
        String(n),
        `${fmtCount(o?.median.sentUpdatesPerSec)} / ${fmtCount(r?.median.sentUpdatesPerSec)} (${Math.round(Math.min(n, config.workshopRoom.writers ?? n) * config.workshopRoom.updateHz)})`,
        `${fmtCount(o?.median.messagesInPerSec)} / ${fmtCount(r?.median.messagesInPerSec)}`,
        `${fmtCount(o?.median.messagesOutPerSec)} / ${fmtCount(r?.median.messagesOutPerSec)}`,
        `${perClientKB(o)} / ${perClientKB(r)}`,
        `${fmtCount(o?.median.serverCpuPercent)} / ${fmtCount(r?.median.serverCpuPercent)}`,
        `${fmtBytes(o?.serverRss.loaded)} / ${fmtBytes(r?.serverRss.loaded)}`,
        `${o?.median.serverCpuUsPerDelivered?.toFixed(1) ?? '—'} / ${r?.median.serverCpuUsPerDelivered?.toFixed(1) ?? '—'} (${fmtRatio(ratio?.cpuPerDelivered)})`,
        `${fmtCount(o?.median.generatorCpuPercent)} / ${fmtCount(r?.median.generatorCpuPercent)}`,
      ]
    }),
  )
  const first = (n: number | null): string => (n === null ? 'never (in the levels run)' : `${n} clients`)
  const echoLevels = clientsList.filter((n) => get('ours', n, true) || get('reference', n, true))
  const closes = (r: LoadResult | undefined): string => {
    const entries = Object.entries(r?.serverCloses ?? {})
    return entries.length ? entries.map(([code, n]) => `${n} × ${code}`).join(', ') : 'none'
  }
  const echo = echoLevels.length
    ? [
        '',
        'The same load with every light client echoing the awareness it receives, as the stock y-websocket provider (the browser app) does:',
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
          echoLevels.map((n) => {
            const o = get('ours', n, true)?.result
            const r = get('reference', n, true)?.result
            return [
              String(n),
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
  return [
    `### 1. Workshop room (one room; each client edits its card at ${config.workshopRoom.updateHz} Hz and moves its cursor at ${config.workshopRoom.awarenessHz} Hz)`,
    '',
    (config.workshopRoom.writers === undefined
      ? ''
      : `Only ${config.workshopRoom.writers} clients edit their card (the plenary); every client moves its cursor. `) +
      `Card-update latency from the sender to the ${config.workshopRoom.probes} probes; medians of ${t.windows} windows of ${t.windowMs / 1000} s after ${t.warmupMs / 1000} s of warm-up.`,
    '"≥": some updates had not arrived when the run ended, so the tail is a lower bound.',
    '',
    latency,
    '',
    resources,
    '',
    `First load with update p99 > 100 ms: **ours ${first(w.firstOver100ms.ours)}**, reference ${first(w.firstOver100ms.reference)}.`,
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
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${fmtBytes(m.memoryBytes)}, Node ${m.node}, ${m.platform}; ` +
      `load average ${m.loadAverageStart.toFixed(2)} at start, ${m.loadAverageEnd?.toFixed(2) ?? '—'} at end; ` +
      `run took ${report.durationSeconds?.toFixed(0) ?? '—'} s.`,
    '',
  ]
  const busiest = Math.max(m.loadAverageStart, m.loadAverageEnd ?? 0)
  if (busiest > m.cpus) {
    parts.push(
      `**The machine was busy with other work** (load average up to ${busiest.toFixed(1)} on ${m.cpus} cores): every process here got a fraction ` +
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
