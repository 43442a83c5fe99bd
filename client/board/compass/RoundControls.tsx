import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import type { CompassRoundView } from '../../../shared/control/compass'
import { useT } from '../../i18n/useT'
import { useCommand } from '../control/useCommand'
import { useSelf } from '../control/useControl'

/**
 * Who has scored, by name (from presence: names, never values): me first, then the people
 * here, then how many scored and left.
 */
function ScoredBy({ memberIds }: { memberIds: readonly string[] }) {
  const t = useT()
  const editor = useEditor()
  const self = useSelf()
  const names = useValue(
    'compass scorer names',
    () => {
      const byMember = new Map<string, string>()
      for (const p of editor.getCollaborators()) {
        const memberId = (p.meta as { memberId?: unknown }).memberId
        if (typeof memberId === 'string' && memberId && p.userName) byMember.set(memberId, p.userName)
      }
      return byMember
    },
    [editor],
  )
  if (memberIds.length === 0) return null
  const known: string[] = []
  let away = 0
  for (const id of memberIds) {
    if (id === self?.memberId) known.unshift(t('compass.round.you'))
    else if (names.has(id)) known.push(names.get(id)!)
    else away += 1
  }
  if (away > 0) known.push(t('compass.round.scoredByAway', { count: away }))
  return (
    <p className="cb-compass-note" data-testid="compass-scored-by">
      {t('compass.round.scoredBy', { names: known.join(', ') })}
    </p>
  )
}

/** The facilitator's buttons for one round: reveal / hide, close / reopen, delete (confirmed). */
export function RoundControls({ round }: { round: CompassRoundView }) {
  const t = useT()
  const send = useCommand({ report: 'inline' })
  const [busy, setBusy] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function run(
    type: 'compass.reveal' | 'compass.hide' | 'compass.close' | 'compass.reopen' | 'compass.deleteRound',
  ) {
    setBusy(true)
    const answer = await send({ type, roundId: round.id })
    setError(answer.ok ? null : answer.text)
    setBusy(false)
    setConfirmDelete(false)
  }

  return (
    <div className="cb-compass-controls" role="group" aria-label={t('compass.facil.actions', { label: round.label })}>
      <ScoredBy memberIds={round.scoredBy ?? []} />
      <div className="cb-compass-buttons">
        <button
          type="button"
          className="cb-button cb-button--small"
          disabled={busy}
          onClick={() => run(round.revealed ? 'compass.hide' : 'compass.reveal')}
        >
          {round.revealed ? t('compass.facil.hide') : t('compass.facil.reveal')}
        </button>
        <button
          type="button"
          className="cb-button cb-button--quiet cb-button--small"
          disabled={busy}
          onClick={() => run(round.open ? 'compass.close' : 'compass.reopen')}
        >
          {round.open ? t('compass.facil.close') : t('compass.facil.reopen')}
        </button>
        {confirmDelete ? (
          <>
            <button
              type="button"
              className="cb-button cb-button--danger cb-button--small"
              disabled={busy}
              onClick={() => run('compass.deleteRound')}
            >
              {t('compass.facil.deleteConfirm')}
            </button>
            <button
              type="button"
              className="cb-button cb-button--quiet cb-button--small"
              onClick={() => setConfirmDelete(false)}
            >
              {t('compass.facil.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="cb-button cb-button--quiet cb-button--small"
            disabled={busy}
            onClick={() => setConfirmDelete(true)}
          >
            {t('compass.facil.delete')}
          </button>
        )}
      </div>
      {error && (
        <p className="cb-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
