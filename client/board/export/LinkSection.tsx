import { workshopLink } from '../../../shared/workshop'
import { CopyLink } from '../../CopyLink'
import { useT } from '../../i18n/useT'

/**
 * The facilitator's own link, to copy again: once the page has read it, the token is no
 * longer in the address bar (client/addressToken.ts), so copying the address would give a
 * link that opens nothing. Only this role's link: the server keeps hashes of the others.
 */
export function LinkSection({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT()
  return (
    <>
      <p className="cb-ex-help">{t('export.link.help')}</p>
      <ul className="cb-links">
        <CopyLink
          id="cb-board-link-facilitator"
          testId="board-link-facilitator"
          label={t('links.facilitator')}
          url={workshopLink(location.origin, workshopId, token)}
        />
      </ul>
    </>
  )
}
