import { useState } from 'react'
import { STATUS_LABELS } from '../../shared/spaces/labels'
import {
  countByStatus,
  groupPanorama,
  NO_THEME,
  PANORAMA_GROUPINGS,
  type PanoramaGrouping,
} from '../../shared/spaces/panorama'
import {
  COALITION_STATUSES,
  type CoalitionStatus,
  type Cohort,
  type PatchCoalition,
  type Theme,
} from '../../shared/spaces/space'
import type { CoalitionView } from '../../shared/spaces/view'
import type { Locale } from '../../shared/workshop'
import { useT } from '../i18n/useT'
import { CoalitionCard } from './CoalitionCard'

interface PanoramaProps {
  coalitions: readonly CoalitionView[]
  themes: readonly Theme[]
  locale: Locale
  admin: boolean
  by: PanoramaGrouping
  onGroupBy(by: PanoramaGrouping): void
  onOpen(coalitionId: string): void
  /** Moves a coalition to another cohort or theme; the page announces the result. */
  onMove(coalitionId: string, patch: PatchCoalition): void
}

/**
 * The panorama: coalitions as cards grouped by cohort or by theme, filtered by status. An
 * admin moves a card by dragging it onto another group (native HTML drag and drop) or with
 * the « move to » list on the card (keyboard and screen readers).
 */
export function Panorama({ coalitions, themes, locale, admin, by, onGroupBy, onOpen, onMove }: PanoramaProps) {
  const t = useT()
  const [statuses, setStatuses] = useState<CoalitionStatus[]>([])
  const [dragging, setDragging] = useState<string | null>(null)
  const [over, setOver] = useState<string | null>(null)
  const [movedByKeyboard, setMovedByKeyboard] = useState<string | null>(null)
  const groups = groupPanorama(coalitions, { by, themes, statuses, locale, noThemeLabel: t('space.noTheme') })
  const counts = countByStatus(coalitions, COALITION_STATUSES)

  const toggleStatus = (status: CoalitionStatus) =>
    setStatuses((current) => (current.includes(status) ? current.filter((s) => s !== status) : [...current, status]))

  function drop(groupKey: string, coalitionId: string) {
    const coalition = coalitions.find((c) => c.id === coalitionId)
    if (!coalition) return
    if (by === 'cohort' && coalition.cohort !== groupKey) onMove(coalitionId, { cohort: groupKey as Cohort })
    if (by === 'theme') {
      const themeId = groupKey === NO_THEME ? null : groupKey
      if (coalition.themeId !== themeId) onMove(coalitionId, { themeId })
    }
  }

  return (
    <>
      <div className="cb-panorama__tools">
        <fieldset className="cb-segmented">
          <legend>{t('space.panorama.groupBy')}</legend>
          {PANORAMA_GROUPINGS.map((grouping) => (
            <label key={grouping} className={grouping === by ? 'is-checked' : undefined}>
              <input
                type="radio"
                name="cb-group-by"
                value={grouping}
                checked={grouping === by}
                onChange={() => onGroupBy(grouping)}
              />
              {t(grouping === 'cohort' ? 'space.panorama.byCohort' : 'space.panorama.byTheme')}
            </label>
          ))}
        </fieldset>
        <fieldset className="cb-filter">
          <legend>{t('space.panorama.filter')}</legend>
          {COALITION_STATUSES.map((status) => (
            <label key={status} className={statuses.includes(status) ? 'is-checked' : undefined}>
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggleStatus(status)} />
              {STATUS_LABELS[status][locale]} ({counts[status]})
            </label>
          ))}
        </fieldset>
      </div>
      <div className={`cb-panorama cb-panorama--${by}`} data-testid="panorama">
        {groups.map((group) => (
          <section
            key={group.key}
            className={`cb-panorama__group${over === group.key && dragging ? ' is-drop-target' : ''}`}
            aria-labelledby={`cb-group-${group.key}`}
            data-testid="panorama-group"
            data-group={group.key}
            onDragOver={(event) => {
              if (!admin || !dragging) return
              event.preventDefault()
              event.dataTransfer.dropEffect = 'move'
              setOver(group.key)
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null)
            }}
            onDrop={(event) => {
              event.preventDefault()
              const id = event.dataTransfer.getData('text/plain') || dragging
              setOver(null)
              setDragging(null)
              if (admin && id) drop(group.key, id)
            }}
          >
            <h3 className="cb-panorama__heading" id={`cb-group-${group.key}`}>
              {group.label} <span className="cb-panorama__count">({group.items.length})</span>
            </h3>
            {group.items.length === 0 ? (
              <p className="cb-panorama__empty">{t('space.panorama.emptyGroup')}</p>
            ) : (
              <div className="cb-panorama__cards">
                {group.items.map((coalition) => (
                  <CoalitionCard
                    key={coalition.id}
                    coalition={coalition}
                    locale={locale}
                    themes={themes}
                    by={by}
                    admin={admin}
                    onOpen={() => onOpen(coalition.id)}
                    focusMove={movedByKeyboard === coalition.id}
                    onMove={(cohort) => {
                      setMovedByKeyboard(coalition.id)
                      onMove(coalition.id, { cohort })
                    }}
                    onDragStart={() => {
                      setMovedByKeyboard(null)
                      setDragging(coalition.id)
                    }}
                    onDragEnd={() => {
                      setDragging(null)
                      setOver(null)
                    }}
                  />
                ))}
              </div>
            )}
          </section>
        ))}
      </div>
    </>
  )
}
