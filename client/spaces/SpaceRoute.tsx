import { tokenSchema } from '../../shared/ids'
import { spaceIdSchema } from '../../shared/spaces/space'
import { useT } from '../i18n/useT'
import { MessagePage } from '../pages/MessagePage'
import { SpacePage } from './SpacePage'
import { useSpace } from './useSpace'
import './spaces.css'

/** A link that cannot open a space: wrong, foreign or incomplete. Nothing is asked of the server. */
function InvalidSpaceLink() {
  const t = useT()
  return (
    <MessagePage testId="space-invalid-link" title={t('space.page.invalidTitle')} body={t('space.page.invalidBody')} />
  )
}

function LoadedSpace({ spaceId, token }: { spaceId: string; token: string }) {
  const t = useT()
  const { load, reload } = useSpace(spaceId, token)
  if (load.status === 'loading') return <p className="cb-loading">{t('space.loading')}</p>
  if (load.status === 'ready') return <SpacePage view={load.view} token={token} reload={reload} />
  if (load.kind === 'invalid-link') return <InvalidSpaceLink />
  if (load.kind === 'not-found')
    return (
      <MessagePage testId="space-not-found" title={t('space.page.notFoundTitle')} body={t('space.page.notFoundBody')} />
    )
  return (
    <MessagePage
      testId="space-unreachable"
      title={t('page.unreachable.title')}
      body={t('space.page.unreachableBody')}
      actions={
        <button type="button" className="cb-button" onClick={() => void reload()}>
          {t('page.retry')}
        </button>
      }
    />
  )
}

/** `/s/<id>#token=…` (lazy-loaded): checks the link's shape, then opens the space or says why not. */
export default function SpaceRoute({ spaceId, token }: { spaceId: string; token: string | null }) {
  if (!token || !tokenSchema.safeParse(token).success || !spaceIdSchema.safeParse(spaceId).success)
    return <InvalidSpaceLink />
  return <LoadedSpace spaceId={spaceId} token={token} />
}
