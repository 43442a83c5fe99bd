import { useEffect, useState } from 'react'
import { useControlClient } from '../control/useControl'

/**
 * The server's clock, re-read every `intervalMs` while `ticking` (a running timer), so a
 * countdown shows the same second on every screen whatever their local clocks say.
 */
export function useServerNow(ticking: boolean, intervalMs = 250): number {
  const control = useControlClient()
  const [now, setNow] = useState(() => control.serverNow())
  useEffect(() => {
    setNow(control.serverNow())
    if (!ticking) return
    const timer = setInterval(() => setNow(control.serverNow()), intervalMs)
    return () => clearInterval(timer)
  }, [control, ticking, intervalMs])
  return now
}
