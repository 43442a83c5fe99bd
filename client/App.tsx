import { lazy, Suspense, useEffect, useState } from 'react'
import { withAllMessages } from './i18n/translate'
import { useT } from './i18n/useT'
import { Landing } from './landing/Landing'
import { ErrorBoundary } from './pages/ErrorBoundary'
import { routeFromAddress } from './addressToken'
import type { Route } from './routes'
import { useUiStore } from './state/uiStore'

// The board pulls in tldraw (most of the JavaScript): load it only on the board route so the
// landing page stays small. Each route also brings the full string catalogues (the landing
// page starts with the core ones), downloaded in parallel with its chunk.
const BoardRoute = lazy(() => withAllMessages(import('./board/BoardRoute')))
// The printable report of a workshop's outcomes (it loads tldraw only for the board image).
const ReportRoute = lazy(() => withAllMessages(import('./report/ReportRoute')))
// A programme space: a plain React page, no tldraw.
const SpaceRoute = lazy(() => withAllMessages(import('./spaces/SpaceRoute')))
// A mistyped address is rare: its page (with the workshop-gone ones) is not in the landing's code.
const RouteNotFoundPage = lazy(() =>
  import('./pages/WorkshopGonePages').then((module) => ({ default: module.RouteNotFoundPage })),
)

/** The page from the address; a link's token is taken out of the address bar (addressToken.ts). */
function currentRoute(): Route {
  return routeFromAddress()
}

/** Picks the page from the URL and keeps `<html lang>` in step with the UI language. */
export function App() {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const [route, setRoute] = useState(currentRoute)

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  useEffect(() => {
    // A pasted link with another token or workshop changes only the fragment or path.
    const onChange = () => setRoute(currentRoute())
    window.addEventListener('hashchange', onChange)
    window.addEventListener('popstate', onChange)
    return () => {
      window.removeEventListener('hashchange', onChange)
      window.removeEventListener('popstate', onChange)
    }
  }, [])

  if (route.name === 'landing') return <Landing />
  if (route.name === 'not-found') {
    return (
      <Suspense fallback={null}>
        <RouteNotFoundPage />
      </Suspense>
    )
  }
  if (route.name === 'space') {
    return (
      <Suspense fallback={<p className="cb-loading">{t('space.loading')}</p>}>
        <SpaceRoute key={`${route.spaceId}#${route.token ?? ''}`} spaceId={route.spaceId} token={route.token} />
      </Suspense>
    )
  }
  if (route.name === 'report') {
    return (
      <Suspense fallback={<p className="cb-loading">{t('export.report.loading')}</p>}>
        <ReportRoute
          key={`${route.workshopId}#${route.token ?? ''}`}
          workshopId={route.workshopId}
          token={route.token}
        />
      </Suspense>
    )
  }
  return (
    <ErrorBoundary scope="board" key={`${route.workshopId}#${route.token ?? ''}`}>
      <Suspense fallback={<p className="cb-loading">{t('board.loading')}</p>}>
        <BoardRoute workshopId={route.workshopId} token={route.token} />
      </Suspense>
    </ErrorBoundary>
  )
}
