import { useState } from 'react'
import { AXES, type Axis } from '../../../shared/compass/axes'
import { MAX_QUESTION_LENGTH, type CompassPublicView } from '../../../shared/control/compass'
import { LOCALES, type Locale } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useCommand } from '../control/useCommand'

function QuestionField({ axis, locale, current }: { axis: Axis; locale: Locale; current: string }) {
  const t = useT()
  const uiLocale = useUiStore((s) => s.locale)
  const run = useCommand({ report: 'inline' })
  const [draft, setDraft] = useState<string | null>(null)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const id = `cb-compass-question-${axis.code}-${locale}`

  async function save(text: string | null) {
    const answer = await run({ type: 'compass.setQuestion', axis: axis.code, locale, text })
    setMessage(answer.ok ? { error: false, text: t('compass.questions.saved') } : { error: true, text: answer.text })
    if (answer.ok) setDraft(null)
  }

  return (
    <div className="cb-compass-question">
      <label htmlFor={id}>{axis.label[uiLocale]}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={MAX_QUESTION_LENGTH}
        value={draft ?? current}
        onChange={(event) => setDraft(event.target.value)}
      />
      <div className="cb-compass-buttons">
        <button
          type="button"
          className="cb-button cb-button--small"
          disabled={draft === null || draft.trim() === current}
          onClick={() => save(draft)}
        >
          {t('compass.questions.save')}
        </button>
        <button
          type="button"
          className="cb-button cb-button--quiet cb-button--small"
          disabled={current === axis.question[locale]}
          onClick={() => save(null)}
        >
          {t('compass.questions.reset')}
        </button>
      </div>
      {message && (
        <p className={message.error ? 'cb-error' : 'cb-compass-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  )
}

/**
 * The facilitator adapts the guiding questions to this workshop, in either language (they
 * are a proposal of ours, not the method's text); « Rétablir » brings ours back.
 */
export function QuestionsEditor({ questions }: { questions: CompassPublicView['questions'] }) {
  const t = useT()
  const uiLocale = useUiStore((s) => s.locale)
  const [locale, setLocale] = useState<Locale>(uiLocale)
  return (
    <details className="cb-compass-questions">
      <summary>{t('compass.questions.title')}</summary>
      <p className="cb-compass-note">{t('compass.questions.intro')}</p>
      <label className="cb-compass-field">
        <span>{t('compass.questions.locale')}</span>
        <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {l === 'fr' ? 'Français' : 'English'}
            </option>
          ))}
        </select>
      </label>
      {AXES.map((axis) => (
        <QuestionField
          key={`${axis.code}-${locale}`}
          axis={axis}
          locale={locale}
          current={questions[axis.code][locale]}
        />
      ))}
    </details>
  )
}
