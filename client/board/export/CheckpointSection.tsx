import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { listCheckpoints, restoreCheckpoint, saveCheckpoint, type Checkpoint } from './outcomeApi'
import { StatusLine } from './StatusLine'
import { useOutcomeStatus } from './useOutcomeStatus'
import { workshopTimeZone } from '../../../shared/control/meta'
import { useControlPublic } from '../control/useControl'

/**
 * Named checkpoints of the board: save one at any time, see them with time and author,
 * restore one (after a confirmation; the server takes an automatic checkpoint first, so a
 * restore can be undone by restoring that one). Everybody on the board sees the restored
 * state arrive like any other change.
 */

const MAX_NAME = 100

function useDateTime(): (ms: number) => string {
  const locale = useUiStore((s) => s.locale)
  // The workshop's time zone (chosen at creation; Paris for older workshops), as on its sheet.
  const timeZone = workshopTimeZone(useControlPublic('meta'))
  return useCallback(
    (ms: number) =>
      new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone,
      }).format(ms),
    [locale, timeZone],
  )
}

export function CheckpointSection({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT()
  const { displayName } = useBoardInfo()
  const dateTime = useDateTime()
  const [list, setList] = useState<Checkpoint[] | null>(null)
  const [name, setName] = useState('')
  const [confirming, setConfirming] = useState<string | null>(null)
  const { status, busy, run } = useOutcomeStatus()

  const refresh = useCallback(async () => {
    const found = await listCheckpoints(workshopId, token)
    if (found.ok) setList(found.value)
    return found
  }, [workshopId, token])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const save = (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    void run(async () => {
      const saved = await saveCheckpoint(workshopId, token, trimmed, displayName)
      if (!saved.ok) return { kind: 'error', text: t('export.error', { detail: saved.message }) }
      setName('')
      await refresh()
      return { kind: 'done', text: t('export.checkpoint.saved', { name: saved.value.name }) }
    })
  }

  const restore = (checkpoint: Checkpoint) => {
    setConfirming(null)
    void run(async () => {
      const done = await restoreCheckpoint(workshopId, token, checkpoint.id, displayName)
      if (!done.ok) return { kind: 'error', text: t('export.error', { detail: done.message }) }
      await refresh()
      return { kind: 'done', text: t('export.checkpoint.restored', { name: checkpoint.name }) }
    })
  }

  return (
    <div className="cb-ex-group" data-testid="export-checkpoints">
      <form className="cb-ex-inline" onSubmit={save}>
        <label className="cb-ex-field">
          <span>{t('export.checkpoint.name')}</span>
          <input
            value={name}
            maxLength={MAX_NAME}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('export.checkpoint.placeholder')}
            data-testid="checkpoint-name"
          />
        </label>
        <button
          type="submit"
          className="cb-ex-button cb-ex-button--primary"
          disabled={busy || name.trim() === ''}
          data-testid="checkpoint-save"
        >
          {t('export.checkpoint.save')}
        </button>
      </form>
      {list === null ? null : list.length === 0 ? (
        <p className="cb-ex-help">{t('export.checkpoint.empty')}</p>
      ) : (
        <ol className="cb-ex-checkpoints" aria-label={t('export.checkpoint.list')}>
          {list.map((checkpoint) => (
            <li key={checkpoint.id} data-testid="checkpoint">
              <div className="cb-ex-checkpoint__text">
                <span className="cb-ex-checkpoint__name">{checkpoint.name}</span>
                <span className="cb-ex-checkpoint__meta">
                  {dateTime(checkpoint.createdAt)}
                  {checkpoint.author ? ` · ${checkpoint.author}` : ''}
                  {checkpoint.automatic ? ` · ${t('export.checkpoint.automatic')}` : ''}
                </span>
              </div>
              {confirming === checkpoint.id ? (
                <div
                  className="cb-ex-confirm"
                  role="group"
                  aria-label={t('export.checkpoint.confirm', { name: checkpoint.name })}
                >
                  <span>{t('export.checkpoint.confirm', { name: checkpoint.name })}</span>
                  <button
                    type="button"
                    className="cb-ex-button cb-ex-button--primary cb-ex-button--small"
                    disabled={busy}
                    onClick={() => restore(checkpoint)}
                    data-testid="checkpoint-confirm"
                  >
                    {t('export.checkpoint.restoreNow')}
                  </button>
                  <button
                    type="button"
                    className="cb-ex-button cb-ex-button--small"
                    onClick={() => setConfirming(null)}
                  >
                    {t('export.cancel')}
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  className="cb-ex-button cb-ex-button--small"
                  disabled={busy}
                  onClick={() => setConfirming(checkpoint.id)}
                  aria-label={t('export.checkpoint.restoreLabel', { name: checkpoint.name })}
                  data-testid="checkpoint-restore"
                >
                  {t('export.checkpoint.restore')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <StatusLine status={status} />
    </div>
  )
}
