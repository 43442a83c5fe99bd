import { useEditor, useValue } from 'tldraw'
import { CARD_FIELDS, CARD_LOOKS, type CardType } from '../../../shared/cards'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { SidePanel } from '../SidePanel'
import { selectedCard } from './cardShape'
import { CardFieldInput } from './CardFieldInput'
import { CardIcon } from './CardIcon'
import { CardLinks } from './CardLinks'
import { useCardLock } from './useCardLock'

/**
 * The side panel of the selected card (shown while exactly one card is selected): its
 * fields, edited in place with validation, then its links. Open by default, foldable (the
 * choice is remembered). Viewers (and everyone under a read-only board) get it read-only:
 * the details of the card they clicked, with nothing to change.
 */
export function CardPanel() {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { readOnly, workshopLocale } = useBoardInfo()
  const card = useValue('selected card', () => selectedCard(editor), [editor])
  const lock = useCardLock(card?.id ?? '')
  if (!card) return null
  const type = card.type as CardType
  const look = CARD_LOOKS[type]
  const typeLabel = t(`cards.type.${type}`)

  return (
    <SidePanel
      id="card"
      title={t('cards.panel.title', { type: typeLabel })}
      icon={<CardIcon path={look.icon} size={18} />}
      accent={look.border}
      className="cb-card-panel"
      testId="card-panel"
      data={{ 'data-card-type': type }}
    >
      {readOnly && <p className="cb-muted">{t('cards.panel.readonly')}</p>}
      {!readOnly && lock && (
        <p id="cb-card-lock-reason" className="cb-card-panel__locked" role="status" data-testid="card-lock-reason">
          {t(lock === 'board' ? 'cards.panel.boardLocked' : 'cards.panel.cardLocked')}
        </p>
      )}
      <form onSubmit={(e) => e.preventDefault()} aria-label={t('cards.panel.fields')}>
        {Object.entries(CARD_FIELDS[type]).map(([field, info]) => (
          <CardFieldInput
            key={`${card.id}:${field}`}
            card={card}
            field={field}
            info={info}
            locale={locale}
            readOnly={readOnly || lock !== null}
            reasonId={!readOnly && lock ? 'cb-card-lock-reason' : undefined}
            t={t}
          />
        ))}
      </form>
      <CardLinks
        cardId={card.id}
        cardType={type}
        locale={locale}
        workshopLocale={workshopLocale}
        readOnly={readOnly || lock !== null}
        t={t}
      />
    </SidePanel>
  )
}
