import { useCallback, useEffect, useRef, useState } from 'react'
import type { SpaceView } from '../../shared/spaces/view'
import type { WorkshopLinks } from '../../shared/workshop'
import { localPrefs } from '../identity/localStore'
import { getSpace, type SpaceResult } from './spaceApi'

/**
 * The space as the server last answered it. Every change goes to the server and the page
 * then reads the space again: the server is the truth (it validates, merges concurrent
 * edits and recomputes the workshops' outcomes), the page never patches its copy by hand.
 * It also reads again when the tab comes back to the foreground.
 */

export type SpaceLoad =
  | { status: 'loading' }
  | { status: 'failed'; kind: Exclude<SpaceResult<unknown>, { ok: true }>['kind'] }
  | { status: 'ready'; view: SpaceView }

export interface SpaceHandle {
  load: SpaceLoad
  reload(): Promise<void>
}

export function useSpace(spaceId: string, token: string): SpaceHandle {
  const [load, setLoad] = useState<SpaceLoad>({ status: 'loading' })
  // Answers can cross: only the latest request may set the state.
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const ticket = ++latest.current
    const result = await getSpace(spaceId, token)
    if (ticket !== latest.current) return
    if (result.ok) setLoad({ status: 'ready', view: result.value })
    else
      setLoad((current) =>
        current.status === 'ready' && result.kind === 'unreachable' ? current : { status: 'failed', kind: result.kind },
      )
  }, [spaceId, token])

  useEffect(() => {
    // The first read happens after mount; its answer arrives asynchronously.
    void reload()
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload()
    }
    document.addEventListener('visibilitychange', onVisible)
    return () => document.removeEventListener('visibilitychange', onVisible)
  }, [reload])

  return { load, reload }
}

// Workshop links are shown once, when the workshop is started; this browser keeps them so
// the admin who started it can open it again from the space (the server keeps only hashes).
const linksKey = (workshopId: string) => `coalition-board.space-workshop-links.${workshopId}`

export function rememberWorkshopLinks(workshopId: string, links: WorkshopLinks): void {
  localPrefs.set(linksKey(workshopId), JSON.stringify(links))
}

export function rememberedWorkshopLinks(workshopId: string): WorkshopLinks | null {
  const raw = localPrefs.get(linksKey(workshopId))
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw) as Partial<WorkshopLinks>
    return typeof parsed.facilitator === 'string' &&
      typeof parsed.participant === 'string' &&
      typeof parsed.viewer === 'string'
      ? (parsed as WorkshopLinks)
      : null
  } catch {
    return null
  }
}
