import type { BrowserReport } from '../browser/types'
import type { BenchReport } from './report'

/**
 * The issue's targets, checked against a report. A target that the run did not measure
 * (scenario skipped, level not reached) is `met: null`, never a pass.
 */

export interface TargetCheck {
  target: string
  measured: string
  met: boolean | null
}

const fmt = (v: number | null | undefined, unit = 'ms'): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${unit}`

export function checkServerTargets(report: BenchReport): TargetCheck[] {
  const checks: TargetCheck[] = []
  // Each level's runs together (medians of the runs), every client writing, no echo.
  const summaries = report.workshopRoom?.summaries ?? []
  const at = (kind: 'ours' | 'reference', clients: number) =>
    summaries.find((s) => s.target === kind && s.clients === clients && !s.echo && !s.plenary)?.result
  for (const clients of [10, 50]) {
    const ours = at('ours', clients)?.median.updateP99
    const ref = at('reference', clients)?.median.updateP99
    const met = ours !== undefined && ours !== null && ref !== undefined && ref !== null ? ours <= 1.2 * ref : null
    checks.push({
      target: `${clients} clients: our p99 ≤ 1.2 × reference p99`,
      measured: `${fmt(ours)} vs ${fmt(ref)}${ours && ref ? ` (×${(ours / ref).toFixed(2)})` : ''}`,
      met,
    })
  }
  const big = at('ours', 1000)
  checks.push({
    target: '1,000 clients in one room: document-update p99 ≤ 100 ms',
    measured: big
      ? `${fmt(big.median.updateP99)} (${big.synced}/1000 synced, ${pct(big.median.updateDelivery)} delivered)`
      : 'not run',
    met: big
      ? big.synced === big.clients &&
        (big.median.updateDelivery ?? 0) >= 0.99 &&
        (big.median.updateP99 ?? Infinity) <= 100
      : null,
  })
  const plenary = summaries.find((s) => s.target === 'ours' && s.plenary && !s.echo)
  const p = plenary?.result
  checks.push({
    target: 'the plenary (1,000 connected, 100 editing): document-update p99 ≤ 100 ms',
    measured:
      plenary && p
        ? `${plenary.clients} connected, ${plenary.writers} editing: ${fmt(p.median.updateP99)} (${p.synced}/${p.clients} synced, ${pct(p.median.updateDelivery)} delivered)`
        : 'not run',
    met: p
      ? p.synced === p.clients && (p.median.updateDelivery ?? 0) >= 0.99 && (p.median.updateP99 ?? Infinity) <= 100
      : null,
  })
  const cpuRatios = (report.workshopRoom?.ratios ?? []).filter((r) => r.cpuPerDelivered !== null)
  checks.push({
    target: 'server CPU per delivered message ≤ reference (levels both ran)',
    measured: cpuRatios.length
      ? cpuRatios.map((r) => `${r.clients}: ×${r.cpuPerDelivered?.toFixed(2)}`).join(', ')
      : 'not run',
    met: cpuRatios.length ? cpuRatios.every((r) => (r.cpuPerDelivered ?? Infinity) <= 1) : null,
  })
  const rooms = report.manyRooms?.targets
  const oursRooms = rooms?.find((t) => t.target === 'ours')
  const refRooms = rooms?.find((t) => t.target === 'reference')
  // Judged on what the rooms leave behind above each server's idle footprint; the absolute
  // RSS is shown too (ours starts higher: TypeScript loader, HTTP framework, SQLite).
  checks.push({
    target: 'lower memory than the reference after rooms empty (retained above idle)',
    measured:
      oursRooms && refRooms
        ? `${mib(oursRooms.rssRetained)} vs ${mib(refRooms.rssRetained)} retained; absolute ${mib(oursRooms.rssAfterLeave)} vs ${mib(refRooms.rssAfterLeave)}`
        : 'not run',
    met: oursRooms && refRooms ? oursRooms.rssRetained < refRooms.rssRetained : null,
  })
  const board = report.largeBoard?.targets.find((t) => t.target === 'ours')
  const bigBoard = board && board.cards >= 5000
  checks.push({
    target: '5,000-card board joins in ≤ 1 s (warm and cold)',
    measured: board
      ? `${board.cards} cards: warm ${fmt(board.warmReadyMs.median)}, cold ${fmt(board.coldReadyMs?.median)}`
      : 'not run',
    met:
      board && bigBoard
        ? Math.max(board.warmReadyMs.median ?? Infinity, board.coldReadyMs?.median ?? Infinity) <= 1000
        : null,
  })
  return checks
}

export function checkBrowserTargets(report: BrowserReport): TargetCheck[] {
  const landing = report.jsShipped?.landingGzipBytes
  return [
    {
      target: 'landing page ≤ 80 KB of gzipped JS',
      measured:
        landing !== undefined ? `${(landing / 1024).toFixed(1)} KiB (${(landing / 1000).toFixed(1)} kB)` : 'not run',
      met: landing !== undefined ? landing <= 80 * 1024 : null,
    },
  ]
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)} %`
}

function mib(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`
}
