import { useCallback, useEffect, useRef, useState } from 'react'
import type { Role } from '../../../shared/protocol'
import { localPrefs, PrefKey } from '../../identity/localStore'

/**
 * The timer's audible signal at zero: a short two-note chime made in the page (Web Audio,
 * no file, no request), played once when a countdown this screen watched reaches zero —
 * not for a timer already over when the page opened. Each person chooses; until they do,
 * it is on for facilitators (who run the clock) and off for everyone else (a room full of
 * laptops chiming at once helps nobody).
 */

/** Whether this person hears the signal: their choice, else the role's default. */
export function soundEnabled(stored: string | null, role: Role): boolean {
  if (stored === 'on') return true
  if (stored === 'off') return false
  return role === 'facilitator'
}

/** The choice and its toggle, kept in localStorage. */
export function useTimerSound(role: Role): [boolean, () => void] {
  const [on, setOn] = useState(() => soundEnabled(localPrefs.get(PrefKey.timerSound), role))
  const toggle = useCallback(() => {
    setOn((was) => {
      localPrefs.set(PrefKey.timerSound, was ? 'off' : 'on')
      return !was
    })
  }, [])
  return [on, toggle]
}

let context: AudioContext | null = null

/** Two soft notes (about half a second); silent where Web Audio is missing or blocked. */
export function playChime(): void {
  try {
    context ??= new AudioContext()
    const start = context.currentTime
    for (const [i, frequency] of [880, 660].entries()) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.frequency.value = frequency
      const at = start + i * 0.25
      gain.gain.setValueAtTime(0.0001, at)
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.24)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(at)
      oscillator.stop(at + 0.25)
    }
  } catch {
    // No audio on this device: the visible signal is still there.
  }
}

/**
 * Plays the chime when `finished` turns true while this screen watches (and the sound is
 * on); `null` while the timer's state has not arrived, so a timer found over is no news.
 */
export function useChimeAtZero(finished: boolean | null, enabled: boolean): void {
  const was = useRef<boolean | null>(null)
  useEffect(() => {
    if (finished === null) return
    const before = was.current
    was.current = finished
    if (before === false && finished && enabled) playChime()
  }, [finished, enabled])
}
