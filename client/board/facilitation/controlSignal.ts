import { atom, type Atom } from 'tldraw'
import type { ControlPublicState } from '../../../shared/control/index'
import type { ControlClient } from '../control/controlClient'

/**
 * One section of the server's control state as a tldraw signal, so `react()` effects in a
 * feature's `onMount` re-run when the server changes it, like they do for the store.
 */
export function controlSignal<K extends keyof ControlPublicState>(
  control: ControlClient,
  key: K,
): { signal: Atom<ControlPublicState[K] | undefined>; dispose(): void } {
  const signal = atom<ControlPublicState[K] | undefined>(`control ${key}`, control.getPublic(key))
  const dispose = control.subscribe(() => {
    const value = control.getPublic(key)
    if (value !== signal.get()) signal.set(value)
  })
  return { signal, dispose }
}
