import { useEffect, useState, type RefObject } from 'react'
import { useT } from '../i18n/useT'
import { MessagePage } from '../pages/MessagePage'

/**
 * tldraw stops rendering the editor 5 s after start when served over HTTPS on a real domain
 * without a valid license key, leaving an empty `tl-license-expired` marker. We watch for
 * that marker and explain what happened instead of showing a blank board.
 */
export function LicenseNotice({ container }: { container: RefObject<HTMLElement | null> }) {
  const t = useT()
  const [gated, setGated] = useState(false)
  useEffect(() => {
    const root = container.current
    if (!root) return
    // A slow poll rather than a MutationObserver: the canvas mutates the DOM at every frame.
    const check = () => setGated(root.querySelector('[data-testid="tl-license-expired"]') !== null)
    check()
    const timer = setInterval(check, 2000)
    return () => clearInterval(timer)
  }, [container])
  if (!gated) return null
  // A full page over the board, like every other failure: what happened, who can fix it.
  return (
    <div className="cb-crash-cover" role="alert" data-testid="license-notice">
      <MessagePage testId="license-page" title={t('page.license.title')} body={t('board.license')}>
        <p className="cb-message__detail">{t('page.license.kept')}</p>
      </MessagePage>
    </div>
  )
}
