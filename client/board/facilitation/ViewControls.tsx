import { useEditor, useValue } from 'tldraw'
import { useT } from '../../i18n/useT'
import { useControlPublic, useSelf } from '../control/useControl'
import { userIdOfMember } from './followSummon'
import { useCommand } from '../control/useCommand'

/**
 * What the facilitator does to everyone's view: follow me (continuous), summon (once, to
 * what they see now), and anonymity (names hidden in cursors and presence).
 */
export function ViewControls() {
  const t = useT()
  const editor = useEditor()
  const run = useCommand()
  const self = useSelf()
  const facilitation = useControlPublic('facilitation')
  const target = facilitation?.followTarget ?? null
  const leadingMe = target !== null && target === self?.memberId
  const otherLeader = useValue(
    'follow-me leader',
    () =>
      target && !leadingMe
        ? (editor.getCollaborators().find((c) => c.userId === userIdOfMember(target))?.userName ?? '')
        : null,
    [editor, target, leadingMe],
  )
  const anonymous = facilitation?.anonymous ?? false

  const summon = () => {
    const b = editor.getViewportPageBounds()
    void run({
      type: 'facilitation.summon',
      pageId: editor.getCurrentPageId(),
      bounds: { x: b.x, y: b.y, w: b.w, h: b.h },
    })
  }

  return (
    <div className="cb-fp-view">
      <div className="cb-fp-actions">
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          aria-pressed={leadingMe}
          disabled={!self}
          onClick={() =>
            void run(
              leadingMe || target
                ? { type: 'facilitation.unfollow' }
                : { type: 'facilitation.follow', memberId: self!.memberId },
            )
          }
        >
          {leadingMe
            ? t('facil.view.stopFollowMe')
            : target
              ? t('facil.view.stopFollowOther')
              : t('facil.view.followMe')}
        </button>
        <button type="button" className="cb-fp-button cb-fp-button--small" onClick={summon}>
          {t('facil.view.summon')}
        </button>
      </div>
      <p className="cb-fp-hint" role="status">
        {leadingMe
          ? t('facil.view.leading')
          : otherLeader !== null
            ? t('facil.view.otherLeading', { name: otherLeader || t('presence.unnamed') })
            : t('facil.view.hint')}
      </p>
      <label className="cb-fp-check">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(e) => void run({ type: 'facilitation.setAnonymous', anonymous: e.target.checked })}
        />
        {t('facil.view.anonymous')}
      </label>
      <p className="cb-fp-hint">{t('facil.view.anonymousHint')}</p>
    </div>
  )
}
