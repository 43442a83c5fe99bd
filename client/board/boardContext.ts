import { createContext, useContext } from 'react'
import type { Role } from '../../shared/protocol'
import type { Locale } from '../../shared/workshop'

/** What the panels inside tldraw's UI need to know about this board session. */
export interface BoardInfo {
  role: Role
  displayName: string
  color: string
  readOnly: boolean
  /** The workshop's language: what the board itself writes (link labels) is in it. */
  workshopLocale: Locale
}

export const BoardContext = createContext<BoardInfo | null>(null)

/** The current board session's info; only valid inside `BoardPage`. */
export function useBoardInfo(): BoardInfo {
  const info = useContext(BoardContext)
  if (!info) throw new Error('useBoardInfo must be used inside BoardPage')
  return info
}
