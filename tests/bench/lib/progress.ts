/** Progress lines on stderr (stdout carries the final Markdown table only). */
const started = performance.now()

export function progress(message: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(1).padStart(6)
  process.stderr.write(`[bench ${t}s] ${message}\n`)
}

/** Milliseconds, rounded for a progress line. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`
}
