import { useCallback, useEffect, useState } from 'react'
import { tokenSchema, workshopIdSchema } from '../../shared/ids'
import { workshopLink } from '../../shared/workshop'
import { CloseCode } from '../../shared/protocol'
import { getConfig, getWorkshop, type WorkshopAccess } from '../backend/workshopApi'
import { localPrefs, PrefKey } from '../identity/localStore'
import { useT } from '../i18n/useT'
import { rememberWorkshop } from '../landing/MyWorkshopsStore'
import { InvalidLinkPage, LinkReplacedPage } from '../pages/InvalidLinkPage'
import { ServerUnreachablePage } from '../pages/ServerUnreachablePage'
import { ForbiddenPage, WorkshopDeletedPage, WorkshopNotFoundPage } from '../pages/WorkshopGonePages'
import { useUiStore } from '../state/uiStore'
import { BoardPage } from './BoardPage'
import { NamePrompt } from './NamePrompt'
import { deleteOfflineCopy, hasOfflineCopy, type FatalCode } from './session/boardSession'

type Outcome = 'invalid' | 'replaced' | 'not-found' | 'deleted' | 'forbidden' | 'unreachable'

type Phase =
  | { kind: 'checking' }
  | { kind: 'page'; page: Outcome }
  | { kind: 'open'; access: WorkshopAccess; offline: boolean; licenseKey: string | undefined }

const PAGE_BY_CLOSE_CODE: Record<FatalCode, Outcome> = {
  [CloseCode.invalidToken]: 'invalid',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.workshopNotFound]: 'not-found',
  [CloseCode.workshopDeleted]: 'deleted',
  [CloseCode.linkReplaced]: 'replaced',
}

/**
 * The metadata cached for offline opening, keyed by workshop and token prefix: a viewer
 * link must not reopen offline with the role of another link to the same workshop.
 */
function accessCacheKey(workshopId: string, token: string): string {
  return `${PrefKey.workshopMeta(workshopId)}.${token.slice(0, 8)}`
}

function readCachedAccess(workshopId: string, token: string): WorkshopAccess | null {
  try {
    const raw = localPrefs.get(accessCacheKey(workshopId, token))
    return raw ? (JSON.parse(raw) as WorkshopAccess) : null
  } catch {
    return null
  }
}

/** Checks the link, then opens the board, or the page that explains why it cannot. */
export default function BoardRoute({ workshopId, token }: { workshopId: string; token: string | null }) {
  const t = useT()
  const displayName = useUiStore((s) => s.displayName)
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let cancelled = false
    const settle = (next: Phase) => !cancelled && setPhase(next)
    if (!token || !tokenSchema.safeParse(token).success || !workshopIdSchema.safeParse(workshopId).success) {
      settle({ kind: 'page', page: 'invalid' })
      return
    }
    setPhase({ kind: 'checking' })
    void (async () => {
      const [access, config] = await Promise.all([getWorkshop(workshopId, token), getConfig()])
      const licenseKey = (config.ok && config.value.tldrawLicenseKey) || undefined
      if (access.ok) {
        localPrefs.set(accessCacheKey(workshopId, token), JSON.stringify(access.value))
        settle({ kind: 'open', access: access.value, offline: false, licenseKey })
        return
      }
      if (access.kind === 'unreachable') {
        const cached = readCachedAccess(workshopId, token)
        const copy = cached ? await hasOfflineCopy(workshopId) : false
        settle(
          cached && copy
            ? { kind: 'open', access: cached, offline: true, licenseKey }
            : { kind: 'page', page: 'unreachable' },
        )
        return
      }
      if (access.kind === 'not-found') void deleteOfflineCopy(workshopId)
      settle({
        kind: 'page',
        page:
          access.kind === 'invalid-link'
            ? 'invalid'
            : access.kind === 'not-found'
              ? 'not-found'
              : access.kind === 'forbidden'
                ? 'forbidden'
                : 'unreachable',
      })
    })()
    return () => {
      cancelled = true
    }
  }, [workshopId, token, attempt])

  useEffect(() => {
    if (phase.kind === 'open') document.title = `${phase.access.title} · ${t('app.name')}`
  }, [phase, t])

  // « Mes ateliers »: every board opened here (online or from the offline copy) is listed.
  useEffect(() => {
    if (phase.kind !== 'open' || !token) return
    const { id, title, role } = phase.access
    rememberWorkshop({ id, title, role, link: workshopLink(location.origin, id, token) })
  }, [phase, token])

  const onFatal = useCallback(
    (code: FatalCode) => {
      // A workshop that no longer exists leaves no copy behind in this browser.
      if (code === CloseCode.workshopNotFound) void deleteOfflineCopy(workshopId)
      setPhase({ kind: 'page', page: PAGE_BY_CLOSE_CODE[code] })
    },
    [workshopId],
  )

  if (phase.kind === 'checking') return <p className="cb-loading">{t('board.loading')}</p>
  if (phase.kind === 'page') {
    switch (phase.page) {
      case 'invalid':
        return <InvalidLinkPage />
      case 'replaced':
        return <LinkReplacedPage />
      case 'not-found':
        return <WorkshopNotFoundPage workshopId={workshopId} />
      case 'deleted':
        return <WorkshopDeletedPage workshopId={workshopId} />
      case 'forbidden':
        return <ForbiddenPage />
      case 'unreachable':
        return <ServerUnreachablePage onRetry={() => setAttempt((n) => n + 1)} />
    }
  }
  if (!displayName) return <NamePrompt workshopTitle={phase.access.title} />
  return (
    <BoardPage
      access={phase.access}
      token={token!}
      displayName={displayName}
      offline={phase.offline}
      licenseKey={phase.licenseKey}
      onFatal={onFatal}
    />
  )
}
