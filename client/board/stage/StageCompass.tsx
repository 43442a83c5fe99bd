import { useEditor, useValue } from 'tldraw'
import type { CompassRoundView } from '../../../shared/control/compass'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useControlPublic } from '../control/useControl'
import { scoredText } from '../compass/radarModel'
import { RoundResults } from '../compass/RoundResults'
import { subjectText } from '../compass/subject'
import { StageRadar } from './StageRadar'
import { RoundSelect } from './RoundSelect'

/** The round shown first: the one asked for, else the latest revealed, else the latest. */
export function defaultCompassRound(rounds: readonly CompassRoundView[], asked?: string): CompassRoundView | undefined {
  return rounds.find((r) => r.id === asked) ?? rounds.findLast((r) => r.aggregate !== null) ?? rounds.at(-1)
}

/**
 * One compass round on the stage: its radar and its full table side by side. Built from
 * the public view only, where a round carries no value before its reveal, so nobody's
 * stage can show a round early; it says so and shows how many scored.
 */
export function StageCompass({ roundId, onPick }: { roundId?: string; onPick(id: string): void }) {
  const t = useT()
  const editor = useEditor()
  const locale = useUiStore((s) => s.locale)
  const rounds = useControlPublic('compass')?.rounds ?? []
  const round = defaultCompassRound(rounds, roundId)
  const subject = useValue('stage round subject', () => (round ? subjectText(editor, round.subject, locale, t) : ''), [
    editor,
    round,
    locale,
    t,
  ])
  if (!round) return <p className="cb-stage-note">{t('stage.compass.none')}</p>
  return (
    <section
      className="cb-stage-view"
      aria-labelledby="cb-stage-round-title"
      data-testid="stage-compass"
      data-round={round.id}
    >
      <div className="cb-stage-pick">
        <RoundSelect
          label={t('stage.compass.round')}
          rounds={rounds}
          value={round.id}
          onChange={onPick}
          testId="stage-round-select"
        />
      </div>
      <h3 id="cb-stage-round-title">{round.label}</h3>
      <p className="cb-stage-note">
        {subject} · {scoredText(round.scoredCount, t)}
      </p>
      {round.aggregate ? (
        <div className="cb-stage-split">
          <StageRadar roundId={round.id} label={t('stage.compass.radarLabel', { label: round.label })} />
          <RoundResults round={round} aggregate={round.aggregate} locale={locale} headingLevel={4} />
        </div>
      ) : (
        <p className="cb-stage-hidden" data-testid="stage-hidden">
          {t('stage.compass.hidden')}
        </p>
      )}
    </section>
  )
}
