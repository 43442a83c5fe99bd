import { ACTION_STATUS_OPTIONS } from '../../shared/cards/action'
import { optionLabel } from '../../shared/cards/fields'
import { dayIn } from '../../shared/export/fileName'
import { formatDay } from '../../shared/export/markdownRoadmap'
import type { CoalitionRoadmap as Roadmap } from '../../shared/roadmap/coalitionRoadmap'
import { isOverdue } from '../../shared/roadmap/roadmap'
import type { Locale } from '../../shared/workshop'
import { useT } from '../i18n/useT'

/** Actions shown on a coalition's card: the most urgent (overdue first); the livret has them all. */
const ACTIONS_ON_CARD = 3

/**
 * A coalition's roadmap on its panorama card: done/total, how many are late, the next due
 * date, and its first actions (overdue first, marked), from all its workshops.
 */
export function CoalitionRoadmap({ roadmap, locale }: { roadmap: Roadmap; locale: Locale }) {
  const t = useT()
  if (roadmap.actions.length === 0) return null
  const today = dayIn(Date.now())
  const { done, total, overdue, nextDue } = roadmap.progress
  return (
    <div className="cb-coalition__roadmap" data-testid="coalition-roadmap">
      <p className="cb-coalition__steps-title">{t('space.card.roadmap', { done, total })}</p>
      <p>
        {overdue > 0 && <strong>{t('space.card.overdue', { count: overdue })}</strong>}
        {overdue > 0 && nextDue && ' · '}
        {nextDue && t('space.card.nextDue', { date: formatDay(nextDue, locale) })}
      </p>
      <ul>
        {roadmap.actions.slice(0, ACTIONS_ON_CARD).map((action) => (
          <li key={`${action.workshopId}:${action.id}`} data-overdue={isOverdue(action, today) || undefined}>
            {action.what || '…'}
            {action.owner && ` — ${action.owner}`}
            {action.due && ` — ${formatDay(action.due, locale)}`}
            {action.status && ` — ${optionLabel(ACTION_STATUS_OPTIONS, action.status, locale)}`}
            {isOverdue(action, today) && <strong> ({t('space.card.late')})</strong>}
          </li>
        ))}
      </ul>
    </div>
  )
}
