import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { CARD_FIELDS, CARD_LOOKS, type CardType } from '../../../shared/cards'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { selectedCard } from './cardShape'
import { useOwnKeys } from './useOwnKeys'
import { CardFieldInput } from './CardFieldInput'
import { CardIcon } from './CardIcon'
import { CardLinks } from './CardLinks'

/**
 * The side panel of the selected card (shown while exactly one card is selected): its
 * fields, edited in place with validation, then its links. Collapsible, so it never
 * hides the canvas for long.
 */
export function CardPanel() {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { readOnly } = useBoardInfo()
  const [open, setOpen] = useState(true)
  const ownKeys = useOwnKeys()
  const card = useValue('selected card', () => selectedCard(editor), [editor])
  if (!card) return null
  const type = card.type as CardType
  const look = CARD_LOOKS[type]
  const typeLabel = t(`cards.type.${type}`)

  return (
    <aside ref={ownKeys} className="cb-panel cb-card-panel" aria-labelledby="cb-card-panel-title" data-testid="card-panel" data-card-type={type}>
      <div className="cb-panel__header" style={{ borderColor: look.border }}>
        <span style={{ color: look.border }}>
          <CardIcon path={look.icon} size={18} />
        </span>
        <h2 id="cb-card-panel-title">{t('cards.panel.title', { type: typeLabel })}</h2>
        <button
          type="button"
          className="cb-button cb-button--quiet cb-button--small"
          aria-expanded={open}
          aria-controls="cb-card-panel-body"
          aria-label={open ? t('cards.panel.hide') : t('cards.panel.show')}
          onClick={() => setOpen(!open)}
        >
          {open ? '−' : '+'}
        </button>
      </div>
      {open && (
        <div id="cb-card-panel-body" className="cb-panel__body">
          {readOnly && <p className="cb-muted">{t('cards.panel.readonly')}</p>}
          <form onSubmit={(e) => e.preventDefault()} aria-label={t('cards.panel.fields')}>
            {Object.entries(CARD_FIELDS[type]).map(([field, info]) => (
              <CardFieldInput key={`${card.id}:${field}`} card={card} field={field} info={info} locale={locale} readOnly={readOnly} t={t} />
            ))}
          </form>
          <CardLinks cardId={card.id} locale={locale} t={t} />
        </div>
      )}
    </aside>
  )
}
