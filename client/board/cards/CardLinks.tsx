import { useEditor, useValue, type Editor, type TLRecord, type TLShapeId } from 'tldraw'
import { CARD_LOOKS, cardTitle, isCardType, linkKindLabel, linksFromRecords, type BoardLink, type CardType } from '../../../shared/cards'
import { richTextToPlain } from '../../../shared/templates'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey, MessageParams } from '../../i18n/translate'
import { revealShape } from './cardShape'
import { CardIcon } from './CardIcon'

type T = (key: MessageKey, params?: MessageParams) => string

/**
 * The links of one card, read from the arrows bound to it: only those records go through
 * `linksFromRecords`, so the panel stays cheap on a large board and means exactly what
 * the outline and the exports mean.
 */
function cardLinks(editor: Editor, cardId: TLShapeId): BoardLink[] {
  const records: TLRecord[] = []
  const card = editor.getShape(cardId)
  if (!card) return []
  records.push(card)
  const arrows = new Set(editor.getBindingsToShape(cardId, 'arrow').map((binding) => binding.fromId))
  for (const arrowId of arrows) {
    const arrow = editor.getShape(arrowId)
    if (!arrow) continue
    records.push(arrow)
    for (const binding of editor.getBindingsFromShape(arrowId, 'arrow')) {
      records.push(binding)
      const other = editor.getShape(binding.toId)
      if (other && other.id !== cardId) records.push(other)
    }
  }
  return linksFromRecords(records).filter((link) => link.fromId === cardId || link.toId === cardId)
}

function shapeName(editor: Editor, id: TLShapeId, locale: Locale, t: T): { type: string; title: string; icon?: string } {
  const shape = editor.getShape(id)
  if (!shape) return { type: '', title: '' }
  if (isCardType(shape.type)) {
    const type = shape.type as CardType
    return { type: t(`cards.type.${type}`), title: cardTitle(type, shape.props as never) || t('cards.untitled'), icon: CARD_LOOKS[type].icon }
  }
  const props = shape.props as { richText?: unknown; name?: unknown }
  const text = typeof props.name === 'string' ? props.name : richTextToPlain(props.richText)
  return { type: shape.type, title: text.trim() || t('cards.untitled') }
}

/** The card's links, both directions, each with a button that selects and shows the other end. */
export function CardLinks({ cardId, locale, t }: { cardId: TLShapeId; locale: Locale; t: T }) {
  const editor = useEditor()
  const links = useValue(
    'card links',
    () =>
      cardLinks(editor, cardId).map((link) => {
        const out = link.fromId === cardId
        const otherId = (out ? link.toId : link.fromId) as TLShapeId
        return { key: `${link.arrowId}:${out ? 'out' : 'in'}`, kind: link.kind, out, otherId, ...shapeName(editor, otherId, locale, t) }
      }),
    [editor, cardId, locale, t],
  )

  return (
    <section className="cb-card-links" aria-labelledby="cb-card-links-title">
      <h3 id="cb-card-links-title">{t('cards.links.title')}</h3>
      {links.length === 0 ? (
        <p className="cb-muted">{t('cards.links.none')}</p>
      ) : (
        <ul data-testid="card-links">
          {links.map((link) => {
            const verb = linkKindLabel(link.kind, locale, link.out ? 'forward' : 'backward')
            const target = `${link.type} ${link.title}`
            return (
              <li key={link.key} data-link-kind={link.kind}>
                <span className="cb-card-links__verb">{verb}</span>
                <button
                  type="button"
                  className="cb-button cb-button--quiet cb-button--small cb-card-links__target"
                  aria-label={t('cards.links.follow', { target })}
                  onClick={() => revealShape(editor, link.otherId)}
                >
                  {link.icon && <CardIcon path={link.icon} size={14} />}
                  <span>{target}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
