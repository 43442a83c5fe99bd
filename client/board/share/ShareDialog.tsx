import { lazy, Suspense, useEffect, useState } from 'react'
import type { SharedLinks } from '../../../shared/workshop'
import { CopyLink } from '../../CopyLink'
import { useT } from '../../i18n/useT'
import { ModalDialog } from '../../onboarding/ModalDialog'
import { useBoardInfo } from '../boardContext'
import { useControlPublic } from '../control/useControl'
import { invitationText } from './invitation'
import { fetchSharedLinks, replaceSharedLinks } from './shareApi'
import './share.css'

// The QR library loads only when a facilitator opens this dialog.
const QrCode = lazy(() => import('./QrCode'))

type State = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; answer: SharedLinks }

/**
 * « Partager »: the participant and viewer links again (recomputed by the server from the
 * facilitator token), a QR code of the participant link for a projected screen, and an
 * invitation to paste, in the workshop's language. For a workshop created before links
 * were derived, the server cannot show them: « Nouveaux liens » replaces them, after a
 * warning that the old ones stop working at once.
 */
export function ShareDialog({ workshopId, token, onClose }: { workshopId: string; token: string; onClose(): void }) {
  const t = useT()
  const { workshopLocale } = useBoardInfo()
  const title = useControlPublic('meta')?.title ?? ''
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [replacing, setReplacing] = useState<'idle' | 'confirm' | 'busy' | 'failed' | 'done'>('idle')
  const [inviteCopied, setInviteCopied] = useState(false)

  useEffect(() => {
    let cancelled = false
    void fetchSharedLinks(workshopId, token).then((result) => {
      if (!cancelled) setState(result.ok ? { kind: 'ready', answer: result.value } : { kind: 'error' })
    })
    return () => {
      cancelled = true
    }
  }, [workshopId, token])

  const replace = async () => {
    setReplacing('busy')
    const result = await replaceSharedLinks(workshopId, token)
    if (!result.ok) return setReplacing('failed')
    setState({ kind: 'ready', answer: result.value })
    setReplacing('done')
  }

  const links = state.kind === 'ready' && state.answer.recoverable ? state.answer.links : null
  const invitation = links ? invitationText(workshopLocale, title, links) : ''

  const copyInvitation = async () => {
    try {
      await navigator.clipboard.writeText(invitation)
      setInviteCopied(true)
      setTimeout(() => setInviteCopied(false), 2000)
    } catch {
      document.getElementById('cb-share-invitation')?.focus()
    }
  }

  return (
    <ModalDialog labelledBy="cb-share-title" onClose={onClose} className="cb-share-dialog" testId="share-dialog">
      <div className="cb-share-dialog__head">
        <h2 id="cb-share-title">{t('share.title')}</h2>
        <button type="button" className="cb-button" onClick={onClose} data-testid="share-close">
          {t('share.close')}
        </button>
      </div>
      {state.kind === 'loading' && <p role="status">{t('share.loading')}</p>}
      {state.kind === 'error' && (
        <p role="alert" className="cb-share-dialog__error">
          {t('share.error')}
        </p>
      )}
      {replacing === 'done' && (
        <p role="status" className="cb-share-dialog__done" data-testid="share-replaced">
          {t('share.replace.done')}
        </p>
      )}
      {links && (
        <>
          <p className="cb-share-dialog__help">{t('share.help')}</p>
          <ul className="cb-links">
            <CopyLink
              id="cb-share-participant"
              testId="share-link-participant"
              label={t('links.participant')}
              url={links.participant}
            />
            <CopyLink id="cb-share-viewer" testId="share-link-viewer" label={t('links.viewer')} url={links.viewer} />
          </ul>
          <figure className="cb-share-dialog__qr-figure">
            <Suspense fallback={<div className="cb-share-dialog__qr-placeholder" />}>
              <QrCode text={links.participant} label={t('share.qrLabel')} />
            </Suspense>
            <figcaption>{t('share.qrCaption')}</figcaption>
          </figure>
          <label htmlFor="cb-share-invitation" className="cb-link__label">
            {t('share.invite.label')}
          </label>
          <textarea
            id="cb-share-invitation"
            className="cb-share-dialog__invitation"
            readOnly
            rows={9}
            value={invitation}
            data-testid="share-invitation"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="cb-button" onClick={copyInvitation} data-testid="share-copy-invitation">
            {inviteCopied ? t('links.copied') : t('share.invite.copy')}
          </button>
        </>
      )}
      {state.kind === 'ready' && !state.answer.recoverable && (
        <section className="cb-share-dialog__replace" aria-labelledby="cb-share-replace-title">
          <h3 id="cb-share-replace-title">{t('share.replace.title')}</h3>
          <p>{t('share.replace.why')}</p>
          {replacing === 'confirm' || replacing === 'busy' ? (
            <div className="cb-share-dialog__confirm" role="group" aria-label={t('share.replace.title')}>
              <p>{t('share.replace.warning')}</p>
              <button
                type="button"
                className="cb-button cb-button--danger"
                disabled={replacing === 'busy'}
                onClick={replace}
                data-testid="share-replace-confirm"
              >
                {t('share.replace.confirm')}
              </button>
              <button
                type="button"
                className="cb-button"
                disabled={replacing === 'busy'}
                onClick={() => setReplacing('idle')}
              >
                {t('share.replace.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="cb-button"
              onClick={() => setReplacing('confirm')}
              data-testid="share-replace"
            >
              {t('share.replace.button')}
            </button>
          )}
          {replacing === 'failed' && <p role="alert">{t('share.error')}</p>}
        </section>
      )}
    </ModalDialog>
  )
}
