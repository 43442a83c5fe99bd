import { createContext, useContext } from 'react'
import type { Role } from '../../shared/protocol'

/** What the panels inside tldraw's UI need to know about this board session. */
export interface BoardInfo {
  role: Role
  displayName: string
  color: string
  readOnly: boolean
}

export const BoardContext = createContext<BoardInfo | null>(null)

/** The current board session's info; only valid inside `BoardPage`. */
export function useBoardInfo(): BoardInfo {
  const info = useContext(BoardContext)
  if (!info) throw new Error('useBoardInfo must be used inside BoardPage')
  return info
}
