import { useEffect, useMemo, useState } from 'react'
import { useEditor, useValue, type Editor, type TLInstancePresence, type TLShapeId, type TLUserId } from 'tldraw'
import type { Phase } from '../../../shared/control/agenda'
import { ROLES, type Role } from '../../../shared/protocol'
import { useBoardInfo } from '../boardContext'
import { useControlPublic, useSelf } from '../control/useControl'
import { centerOf, phaseAtPoint } from '../facilitation/phaseAt'
import { focusedRound } from '../votes/rounds'
import { viewPageBounds } from './presenceState'

/** No cursor, selection or view change for this long: shown as idle. */
export const IDLE_AFTER_MS = 2 * 60_000

export interface Person {
  key: string
  /** tldraw user id of a remote person (to follow them); null for me. */
  userId: TLUserId | null
  memberId: string
  name: string
  color: string
  role: Role
  self: boolean
  idle: boolean
  /** Name of the agenda phase whose frame their view is on, if any. */
  phase: string | null
  /** Facilitators only (null otherwise): whether they put a dot in the current vote / scored an open compass round. */
  voted: boolean | null
  scored: boolean | null
}

function roleOf(meta: Record<string, unknown>): Role {
  return (ROLES as readonly unknown[]).includes(meta.role) ? (meta.role as Role) : 'participant'
}

/** The phase someone looks at: the centre of their view (else their cursor) on their page. */
function phaseOf(
  editor: Editor,
  phases: readonly Phase[],
  pageId: string,
  point: { x: number; y: number } | null,
): string | null {
  if (!point || phases.length === 0) return null
  const phase = phaseAtPoint(phases, point, (frameId) => {
    const frame = editor.getShape(frameId as TLShapeId)
    if (!frame || editor.getAncestorPageId(frame) !== pageId) return undefined
    return editor.getShapePageBounds(frame) ?? undefined
  })
  return phase?.name ?? null
}

function pointOf(p: TLInstancePresence): { x: number; y: number } | null {
  if (p.camera && p.screenBounds) return centerOf(viewPageBounds({ camera: p.camera, screenBounds: p.screenBounds }))
  return p.cursor ? { x: p.cursor.x, y: p.cursor.y } : null
}

/** A clock for "idle" that ticks every 15 s (idle is coarse; no need to re-render more). */
function useCoarseNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/**
 * Who is here, as the presence list shows them: me first, then everyone whose presence
 * tldraw holds (one entry per user id), with role, the phase they look at, idle state,
 * and for facilitators whether they have voted or scored in the current round (never what).
 */
export function usePeople(): Person[] {
  const editor = useEditor()
  const me = useBoardInfo()
  const self = useSelf()
  const agenda = useControlPublic('agenda')
  const votes = useControlPublic('votes')
  const compass = useControlPublic('compass')
  const now = useCoarseNow()
  const phases = agenda?.phases ?? []

  // Presence records change at every cursor move: derive a string key of only what the list
  // shows, so the list re-renders when that changes, not 16 times a second per person.
  const othersKey = useValue(
    'collaborators',
    () =>
      JSON.stringify(
        editor.getCollaborators().map((p) => ({
          userId: p.userId,
          memberId: String(p.meta.memberId ?? ''),
          name: p.userName,
          color: p.color,
          role: roleOf(p.meta),
          idle: (p.lastActivityTimestamp ?? 0) > 0 && now - (p.lastActivityTimestamp ?? 0) > IDLE_AFTER_MS,
          phase: phaseOf(editor, phases, p.currentPageId, pointOf(p)),
        })),
      ),
    [editor, phases, now],
  )
  const others = useMemo(
    () => JSON.parse(othersKey) as Omit<Person, 'key' | 'self' | 'voted' | 'scored'>[],
    [othersKey],
  )
  const myPhase = useValue(
    'my phase',
    () => phaseOf(editor, phases, editor.getCurrentPageId(), editor.getViewportPageBounds().center),
    [editor, phases],
  )

  const facilitator = me.role === 'facilitator'
  const voters = new Set(focusedRound(votes?.rounds)?.voters ?? [])
  const scorers = new Set((compass?.rounds ?? []).filter((r) => r.open).flatMap((r) => r.scoredBy ?? []))
  const marks = (memberId: string) => ({
    voted: facilitator && votes ? voters.has(memberId) : null,
    scored: facilitator && compass ? scorers.has(memberId) : null,
  })

  const myId = self?.memberId ?? ''
  return [
    {
      key: 'self',
      userId: null,
      memberId: myId,
      name: me.displayName,
      color: me.color,
      role: me.role,
      self: true,
      idle: false,
      phase: myPhase,
      ...marks(myId),
    },
    ...others.map((p): Person => ({ ...p, key: p.userId ?? p.memberId, self: false, ...marks(p.memberId) })),
  ]
}
