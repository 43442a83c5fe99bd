import { useCallback } from 'react'
import type { ScoreValue } from '../../../shared/compass/aggregate'
import { AXES, type AxisCode } from '../../../shared/compass/axes'
import type { CompassPublicView, CompassRoundView, MemberScores } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { useCommand } from '../control/useCommand'
import { AxisScoreField } from './AxisScoreField'

export interface ScoringSheetProps {
  round: CompassRoundView
  questions: CompassPublicView['questions']
  mine: MemberScores | undefined
  locale: Locale
}

/** My scores for one round: the seven axes, each saved on its own as soon as I choose. */
export function ScoringSheet({ round, questions, mine, locale }: ScoringSheetProps) {
  const t = useT()
  const send = useCommand({ report: 'inline' })
  const save = useCallback(
    (axis: AxisCode, value: ScoreValue, comment: string | undefined) =>
      send({ type: 'compass.score', roundId: round.id, axis, value, ...(comment === undefined ? {} : { comment }) }),
    [send, round.id],
  )
  return (
    <section className="cb-compass-sheet" aria-labelledby={`cb-compass-${round.id}-sheet`}>
      <h4 id={`cb-compass-${round.id}-sheet`}>{t('compass.score.title')}</h4>
      <p className="cb-compass-note">
        {round.open
          ? round.revealed
            ? t('compass.score.scale')
            : t('compass.score.private')
          : t('compass.score.closed')}
      </p>
      {round.open && !round.revealed && <p className="cb-compass-note">{t('compass.score.scale')}</p>}
      {AXES.map((axis) => (
        <AxisScoreField
          key={axis.code}
          roundId={round.id}
          axis={axis}
          question={questions[axis.code][locale]}
          locale={locale}
          saved={mine?.[axis.code]}
          closed={!round.open}
          save={(value, comment) => save(axis.code, value, comment)}
        />
      ))}
    </section>
  )
}
