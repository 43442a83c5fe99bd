import { createContext, useContext, useSyncExternalStore } from 'react'
import type { ControlMemberState, ControlPublicState } from '../../../shared/control/index'
import type { ControlClient } from './controlClient'

/** The board session's control client; provided by `BoardPage`. */
export const ControlContext = createContext<ControlClient | null>(null)

/** The control client of the current board (inside `BoardPage` only). */
export function useControlClient(): ControlClient {
  const client = useContext(ControlContext)
  if (!client) throw new Error('useControlClient must be used inside BoardPage')
  return client
}

/** The public view of one control section, live (undefined until the server sent it). */
export function useControlPublic<K extends keyof ControlPublicState>(key: K): ControlPublicState[K] | undefined {
  const client = useControlClient()
  return useSyncExternalStore(client.subscribe, () => client.getPublic(key))
}

/** This member's own view of one control section (their scores, their dots). */
export function useControlOwn<K extends keyof ControlMemberState>(key: K): ControlMemberState[K] | undefined {
  const client = useControlClient()
  return useSyncExternalStore(client.subscribe, () => client.getOwn(key))
}

/** Role and member id the server gave this connection. */
export function useSelf() {
  const client = useControlClient()
  return useSyncExternalStore(client.subscribe, () => client.getSelf())
}
