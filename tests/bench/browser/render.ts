import { fmtBytes, fmtMs, renderTargets } from '../lib/report'
import { checkBrowserTargets } from '../lib/targets'
import type { BrowserReport } from './types'

/** The Markdown of a browser run (also pasted into PERFORMANCE.md). */
export function renderBrowserReport(report: BrowserReport): string {
  const m = report.machine
  const lines = [
    `## Browser benchmark — ${report.startedAt}`,
    '',
    `Headless Chromium ${report.chromium} (software rendering, \`--disable-gpu\`), viewport 1280×800; ${m.cpus} cores, Node ${m.node}; ` +
      `load average ${m.loadAverageStart.toFixed(2)} at start, ${m.loadAverageEnd?.toFixed(2) ?? '—'} at end; run took ${report.durationSeconds?.toFixed(0) ?? '—'} s.`,
    '',
  ]
  if (report.jsShipped) {
    const js = report.jsShipped
    lines.push(
      '| page | JS files | JS gzip |',
      '| --- | --- | --- |',
      `| landing \`/\` | ${js.landingFiles} | ${fmtBytes(js.landingGzipBytes)} |`,
      `| board \`/w/<id>\` (until interactive, landing chunks included) | ${js.boardFiles} | ${fmtBytes(js.boardGzipBytes)} |`,
      '',
    )
  }
  if (report.open?.length) {
    lines.push(
      'Time from opening a board link (fresh browser profile, empty cache) to an interactive board holding every card:',
      '',
      '| cards | median (ms) | runs (ms) | spread |',
      '| --- | --- | --- | --- |',
      ...report.open.map(
        (o) =>
          `| ${o.cards} | ${fmtMs(o.interactiveMs.median)} | ${o.interactiveMs.runs.map(fmtMs).join(', ')} | ${o.interactiveMs.spread === null ? '—' : `${Math.round(100 * o.interactiveMs.spread)} %`} |`,
      ),
      '',
    )
  }
  if (report.frames?.length) {
    lines.push(
      'Frame intervals (requestAnimationFrame deltas; 16.7 ms = 60 fps):',
      '',
      '| cards | while | frames | median (ms) | p95 (ms) |',
      '| --- | --- | --- | --- | --- |',
      ...report.frames.map(
        (f) => `| ${f.cards} | ${f.label} | ${f.frames} | ${fmtMs(f.medianMs)} | ${fmtMs(f.p95Ms)} |`,
      ),
      '',
    )
  }
  for (const note of report.notes) lines.push(`Note: ${note}`, '')
  lines.push(renderTargets(report.targets ?? checkBrowserTargets(report)), '')
  return lines.join('\n')
}
