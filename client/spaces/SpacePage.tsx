import { useCallback, useEffect, useRef, useState } from 'react'
import { COHORT_LABELS } from '../../shared/spaces/labels'
import type { PanoramaGrouping } from '../../shared/spaces/panorama'
import type { PatchCoalition } from '../../shared/spaces/space'
import type { SpaceView } from '../../shared/spaces/view'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../LocaleSwitch'
import { useUiStore } from '../state/uiStore'
import { CoalitionDetail, type CoalitionActions } from './CoalitionDetail'
import { CoalitionForm, NEW_COALITION } from './CoalitionForm'
import { Panorama } from './Panorama'
import * as api from './spaceApi'
import { SpaceHeader } from './SpaceHeader'
import { rememberWorkshopLinks } from './useSpace'

/**
 * A programme space: its header (links, settings, booklet), the panorama of its coalitions
 * and the coalition opened from it. Every change goes to the server, then the space is read
 * again; moves are announced to screen readers in a live region.
 */
export function SpacePage({ view, token, reload }: { view: SpaceView; token: string; reload(): Promise<void> }) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const admin = view.role === 'admin'
  const spaceId = view.space.id
  const [by, setBy] = useState<PanoramaGrouping>('cohort')
  const [openId, setOpenId] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const opener = useRef<HTMLElement | null>(null)

  useEffect(() => {
    document.title = `${view.space.title} — ${t('app.name')}`
  }, [view.space.title, t])

  const failure = useCallback(
    (result: Exclude<api.SpaceResult<unknown>, { ok: true }>): string =>
      result.kind === 'unreachable'
        ? t('landing.error.network')
        : result.kind === 'forbidden'
          ? t('space.error.readOnly')
          : t('space.error.failed', { detail: result.message ?? String(result.status ?? '') }),
    [t],
  )

  /** Runs a call; on success reads the space again. Resolves with an error message or null. */
  const run = useCallback(
    async <T,>(call: Promise<api.SpaceResult<T>>): Promise<{ value: T } | { error: string }> => {
      const result = await call
      if (!result.ok) return { error: failure(result) }
      await reload()
      return { value: result.value }
    },
    [failure, reload],
  )
  const message = (outcome: { value: unknown } | { error: string }) => ('error' in outcome ? outcome.error : null)

  async function move(coalitionId: string, patch: PatchCoalition) {
    const coalition = view.coalitions.find((c) => c.id === coalitionId)
    const outcome = await run(api.patchCoalition(spaceId, token, coalitionId, patch))
    if ('error' in outcome) {
      setAnnouncement(outcome.error)
      return
    }
    const target =
      patch.cohort !== undefined
        ? COHORT_LABELS[patch.cohort][locale]
        : (view.space.themes.find((theme) => theme.id === patch.themeId)?.label ?? t('space.noTheme'))
    setAnnouncement(t('space.panorama.moved', { title: coalition?.title ?? '', target }))
  }

  function open(coalitionId: string) {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setOpenId(coalitionId)
  }
  const close = useCallback(() => {
    setOpenId(null)
    opener.current?.focus()
  }, [])

  const opened = view.coalitions.find((c) => c.id === openId) ?? null
  const actions: CoalitionActions | null = opened && {
    save: async (fields) => message(await run(api.patchCoalition(spaceId, token, opened.id, fields))),
    remove: async () => {
      const outcome = await run(api.deleteCoalition(spaceId, token, opened.id))
      if ('error' in outcome) return outcome.error
      setAnnouncement(t('space.coalition.deleted', { title: opened.title }))
      setOpenId(null)
      return null
    },
    decide: async (input) => message(await run(api.addDecision(spaceId, token, opened.id, input))),
    launch: async () => {
      const outcome = await run(api.launchWorkshop(spaceId, token, opened.id))
      if ('error' in outcome) return outcome
      rememberWorkshopLinks(outcome.value.workshop.id, outcome.value.workshop.links)
      return { links: outcome.value.workshop.links }
    },
    attach: async (workshopId, facilitatorToken) =>
      message(await run(api.attachWorkshop(spaceId, token, opened.id, { workshopId, facilitatorToken }))),
    detach: async (workshopId) => message(await run(api.detachWorkshop(spaceId, token, opened.id, workshopId))),
  }

  return (
    <main className="cb-page cb-space" data-testid="space-page" data-role={view.role}>
      <header className="cb-page__header">
        <a className="cb-brand" href="/">
          {t('app.name')}
        </a>
        <LocaleSwitch />
      </header>
      <SpaceHeader
        view={view}
        token={token}
        onSave={async (patch) => message(await run(api.patchSpace(spaceId, token, patch)))}
      />

      <section className="cb-panorama-section" aria-labelledby="cb-panorama-title">
        <div className="cb-panorama-section__head">
          <h2 id="cb-panorama-title">{t('space.panorama.title')}</h2>
          {admin && !adding && (
            <button type="button" className="cb-button" onClick={() => setAdding(true)}>
              {t('space.coalition.add')}
            </button>
          )}
        </div>
        {adding && (
          <div className="cb-card cb-space-add">
            <h3>{t('space.coalition.addTitle')}</h3>
            <CoalitionForm
              idPrefix="cb-new-coalition"
              initial={{ ...NEW_COALITION, themeId: view.space.themes[0]?.id ?? null }}
              themes={view.space.themes}
              locale={locale}
              submitLabel={t('space.coalition.create')}
              onCancel={() => setAdding(false)}
              onSubmit={async (fields) => {
                const outcome = await run(api.createCoalition(spaceId, token, fields))
                if ('error' in outcome) return outcome.error
                setAdding(false)
                setAnnouncement(t('space.coalition.created', { title: fields.title }))
                return null
              }}
            />
          </div>
        )}
        {view.coalitions.length === 0 && !adding && (
          <p>{admin ? t('space.panorama.emptyAdmin') : t('space.panorama.empty')}</p>
        )}
        <Panorama
          coalitions={view.coalitions}
          themes={view.space.themes}
          locale={locale}
          admin={admin}
          by={by}
          onGroupBy={setBy}
          onOpen={open}
          onMove={move}
        />
      </section>

      <p className="cb-space-sr" aria-live="polite" role="status" data-testid="space-announcement">
        {announcement}
      </p>

      {opened && actions && (
        <CoalitionDetail
          coalition={opened}
          themes={view.space.themes}
          locale={locale}
          admin={admin}
          actions={actions}
          onClose={close}
        />
      )}
    </main>
  )
}
