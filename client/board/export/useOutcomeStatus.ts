import { useCallback, useState } from 'react'

/** One line telling what the last action did: busy, done or failed (shown in a live region). */
export type OutcomeStatus =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'error'; text: string }

/** Runs one action at a time and keeps its status. */
export function useOutcomeStatus(): {
  status: OutcomeStatus
  busy: boolean
  run(action: () => Promise<OutcomeStatus>): Promise<void>
} {
  const [status, setStatus] = useState<OutcomeStatus>({ kind: 'idle' })
  const busy = status.kind === 'busy'
  const run = useCallback(async (action: () => Promise<OutcomeStatus>) => {
    setStatus({ kind: 'busy' })
    try {
      setStatus(await action())
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof Error ? err.message : String(err) })
    }
  }, [])
  return { status, busy, run }
}
