import type { Role } from '../../shared/protocol'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { ModalDialog } from './ModalDialog'

interface Step {
  title: MessageKey
  body: MessageKey
}

const EDITOR_STEPS: Step[] = [
  { title: 'orientation.card.title', body: 'orientation.card.body' },
  { title: 'orientation.score.title', body: 'orientation.score.body' },
  { title: 'orientation.vote.title', body: 'orientation.vote.body' },
  { title: 'orientation.follow.title', body: 'orientation.follow.body' },
]

const VIEWER_STEPS: Step[] = [
  { title: 'orientation.watch.title', body: 'orientation.watch.body' },
  { title: 'orientation.outline.title', body: 'orientation.outline.body' },
  { title: 'orientation.follow.title', body: 'orientation.follow.body' },
]

/** Touch screens get one more line: how to move around without a mouse or keyboard. */
function isTouchScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches
}

export interface OrientationProps {
  workshopTitle: string
  role: Role
  name: string
  onClose(): void
}

/**
 * The one-screen orientation for first-timers, right after the name prompt: how to add a
 * card, score the compass, vote and follow the facilitator (a viewer's version: what they
 * will see). Skippable (button, Escape, backdrop); the help panel repeats it.
 */
export function Orientation({ workshopTitle, role, name, onClose }: OrientationProps) {
  const t = useT()
  const steps = role === 'viewer' ? VIEWER_STEPS : EDITOR_STEPS
  return (
    <ModalDialog
      labelledBy="cb-orientation-title"
      describedBy="cb-orientation-intro"
      onClose={onClose}
      className="cb-orientation"
      testId="orientation"
    >
      {/* Focus starts on the title: on a small screen the dialog opens at its top, and a
          screen reader reads it from the start; Tab then reaches « Commencer ». */}
      <h2 id="cb-orientation-title" tabIndex={-1} data-autofocus>
        {t('orientation.title', { name })}
      </h2>
      <p id="cb-orientation-intro">
        {workshopTitle
          ? t('orientation.intro', { title: workshopTitle, role: t(`role.${role}`) })
          : t('orientation.introNoTitle', { role: t(`role.${role}`) })}
      </p>
      {role === 'facilitator' && <p>{t('orientation.facilitator')}</p>}
      <ol className="cb-orientation__steps">
        {steps.map((step, i) => (
          <li key={step.title} className="cb-orientation__step">
            <span className="cb-orientation__number" aria-hidden="true">
              {i + 1}
            </span>
            <div>
              <h3>{t(step.title)}</h3>
              <p>{t(step.body)}</p>
            </div>
          </li>
        ))}
      </ol>
      {isTouchScreen() && <p className="cb-orientation__touch">{t('orientation.touch')}</p>}
      <p className="cb-orientation__help">{t('orientation.help')}</p>
      <div className="cb-actions">
        <button type="button" className="cb-button" onClick={onClose}>
          {t('orientation.start')}
        </button>
        <button type="button" className="cb-button cb-button--quiet" onClick={onClose}>
          {t('orientation.skip')}
        </button>
      </div>
    </ModalDialog>
  )
}
