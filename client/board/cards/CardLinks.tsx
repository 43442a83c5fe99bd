import { useEditor, useValue, type Editor, type TLRecord, type TLShapeId } from 'tldraw'
import {
  CARD_LOOKS,
  cardTitle,
  isCardType,
  LINK_KINDS,
  linkKindLabel,
  linksFromRecords,
  type BoardLink,
  type CardType,
} from '../../../shared/cards'
import { richTextToPlain } from '../../../shared/templates'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey, MessageParams } from '../../i18n/translate'
import { revealShape } from './cardShape'
import { CardIcon } from './CardIcon'
import { setLinkKind } from './linkLabels'
import { LinkPicker } from './LinkPicker'

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

function shapeName(
  editor: Editor,
  id: TLShapeId,
  locale: Locale,
  t: T,
): { type: string; title: string; icon?: string } {
  const shape = editor.getShape(id)
  if (!shape) return { type: '', title: '' }
  if (isCardType(shape.type)) {
    const type = shape.type as CardType
    return {
      type: t(`cards.type.${type}`),
      title: cardTitle(type, shape.props as never) || t('cards.untitled'),
      icon: CARD_LOOKS[type].icon,
    }
  }
  const props = shape.props as { richText?: unknown; name?: unknown }
  const text = typeof props.name === 'string' ? props.name : richTextToPlain(props.richText)
  return { type: shape.type, title: text.trim() || t('cards.untitled') }
}

interface CardLinksProps {
  cardId: TLShapeId
  cardType: CardType
  locale: Locale
  /** The language the board writes labels in (the workshop's). */
  workshopLocale: Locale
  readOnly: boolean
  t: T
}

/**
 * The card's links, both directions, each with a button that selects and shows the other
 * end and a choice of its meaning (which rewrites the arrow's label); then « Relier à… ».
 */
export function CardLinks({ cardId, cardType, locale, workshopLocale, readOnly, t }: CardLinksProps) {
  const editor = useEditor()
  const links = useValue(
    'card links',
    () =>
      cardLinks(editor, cardId).map((link) => {
        const out = link.fromId === cardId
        const otherId = (out ? link.toId : link.fromId) as TLShapeId
        return {
          key: `${link.arrowId}:${out ? 'out' : 'in'}`,
          arrowId: link.arrowId as TLShapeId,
          kind: link.kind,
          out,
          otherId,
          ...shapeName(editor, otherId, locale, t),
        }
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
                {!readOnly && (
                  <select
                    className="cb-card-links__kind"
                    aria-label={t('cards.links.kind', { target })}
                    value={link.kind}
                    onChange={(e) =>
                      setLinkKind(editor, link.arrowId, e.target.value as (typeof LINK_KINDS)[number], workshopLocale)
                    }
                  >
                    {LINK_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {linkKindLabel(kind, locale, link.out ? 'forward' : 'backward')}
                      </option>
                    ))}
                  </select>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {!readOnly && (
        <LinkPicker cardId={cardId} cardType={cardType} locale={locale} workshopLocale={workshopLocale} t={t} />
      )}
    </section>
  )
}
