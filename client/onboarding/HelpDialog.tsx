import { Fragment } from 'react'
import { cardTypeLabel, linkKindLabel } from '../../shared/cards'
import { AXES, type AxisCode } from '../../shared/compass/axes'
import { ROLES, type Role } from '../../shared/protocol'
import type { Locale } from '../../shared/workshop'
import type { LocalizedText } from '../../shared/compass/axes'
import { useT } from '../i18n/useT'
import { ModalDialog } from './ModalDialog'
import { isNamedKey, type KeyCombo, type Shortcut } from './shortcuts'

const IS_MAC =
  typeof navigator !== 'undefined' && /mac/i.test(navigator.userAgent) && !/iphone|ipad/i.test(navigator.userAgent)

function Combo({ combo }: { combo: KeyCombo }) {
  const t = useT()
  return (
    <kbd className="cb-kbd-combo">
      {combo.map((key, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd>{isNamedKey(key) ? (key === 'mod' && IS_MAC ? '⌘' : t(`help.key.${key}`)) : key}</kbd>
        </Fragment>
      ))}
    </kbd>
  )
}

function ShortcutTable({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const t = useT()
  return (
    <table className="cb-help__shortcuts">
      <caption className="cb-sr-only">{t('help.shortcuts.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('help.shortcuts.keys')}</th>
          <th scope="col">{t('help.shortcuts.action')}</th>
        </tr>
      </thead>
      <tbody>
        {shortcuts.map((row) => (
          <tr key={row.action}>
            <td>
              {row.combos.map((combo, i) => (
                <Fragment key={i}>
                  {i > 0 && <span className="cb-help__or"> {t('help.shortcuts.or')} </span>}
                  <Combo combo={combo} />
                </Fragment>
              ))}
            </td>
            <td>{t(row.action)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const SECTIONS = [
  { id: 'cb-help-shortcuts', title: 'help.shortcuts.title' },
  { id: 'cb-help-links', title: 'help.links.title' },
  { id: 'cb-help-compass', title: 'help.compass.title' },
  { id: 'cb-help-roles', title: 'help.roles.title' },
] as const

/** Which cards each meaning links, read from the arrow's start (the method's four, then the rest). */
const LINK_LEGEND = [
  { kind: 'holds', from: 'actor', to: 'lever' },
  { kind: 'contributes-to', from: 'lever', to: 'impact' },
  { kind: 'measures', from: 'indicator', to: 'impact' },
  { kind: 'implements', from: 'action', to: 'lever' },
  { kind: 'relates-to', from: null, to: null },
] as const

/** Moves focus (and so the reading position) to a section's heading. */
function goTo(id: string) {
  const heading = document.getElementById(id)
  heading?.focus()
  heading?.scrollIntoView({ block: 'start' })
}

export interface HelpDialogProps {
  locale: Locale
  role: Role
  shortcuts: readonly Shortcut[]
  /** The workshop's guiding questions (a facilitator may have edited them), else the defaults. */
  questions: Partial<Record<AxisCode, LocalizedText>> | undefined
  onClose(): void
  onShowOrientation(): void
  /** Opens tldraw's own complete list of shortcuts, when available. */
  onShowAllShortcuts?: () => void
}

/**
 * « Aide »: keyboard shortcuts and touch gestures, the seven compass axes with their
 * guiding questions, and the three roles (which one is mine). Opened by the « ? » button or
 * the `?` key; everything in it is text a screen reader reads in order.
 */
export function HelpDialog({
  locale,
  role,
  shortcuts,
  questions,
  onClose,
  onShowOrientation,
  onShowAllShortcuts,
}: HelpDialogProps) {
  const t = useT()
  // On a touch screen the gestures come before the keyboard table.
  const touchFirst = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches
  const touch = (
    <>
      <h4>{t('help.touch.title')}</h4>
      <p>{t('help.touch.body')}</p>
    </>
  )
  return (
    <ModalDialog labelledBy="cb-help-title" onClose={onClose} className="cb-help" testId="help-dialog">
      <div className="cb-help__header">
        <h2 id="cb-help-title">{t('help.title')}</h2>
        <button type="button" className="cb-button cb-button--quiet" data-autofocus onClick={onClose}>
          {t('help.close')}
        </button>
      </div>

      {/* Buttons, not `#` links: the board's URL fragment holds the capability token. */}
      <nav aria-label={t('help.toc')}>
        <ul className="cb-help__toc">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <button type="button" className="cb-link-button" onClick={() => goTo(section.id)}>
                {t(section.title)}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="cb-help-shortcuts" className="cb-help__section">
        <h3 id="cb-help-shortcuts" tabIndex={-1}>
          {t('help.shortcuts.title')}
        </h3>
        <p>{t('help.shortcuts.intro')}</p>
        {touchFirst && touch}
        <ShortcutTable shortcuts={shortcuts} />
        {onShowAllShortcuts && (
          <button type="button" className="cb-button cb-button--quiet cb-button--small" onClick={onShowAllShortcuts}>
            {t('help.shortcuts.showAll')}
          </button>
        )}
        {!touchFirst && touch}
      </section>

      <section aria-labelledby="cb-help-links" className="cb-help__section">
        <h3 id="cb-help-links" tabIndex={-1}>
          {t('help.links.title')}
        </h3>
        <p>{t('help.links.intro')}</p>
        <dl className="cb-help__links" data-testid="help-links">
          {LINK_LEGEND.map(({ kind, from, to }) => (
            <div key={kind} data-link-kind={kind}>
              <dt>{linkKindLabel(kind, locale)}</dt>
              <dd>
                {from && to ? `${cardTypeLabel(from, locale)} → ${cardTypeLabel(to, locale)}` : t('help.links.other')}
              </dd>
            </div>
          ))}
        </dl>
        <p>{t('help.links.how')}</p>
      </section>

      <section aria-labelledby="cb-help-compass" className="cb-help__section">
        <h3 id="cb-help-compass" tabIndex={-1}>
          {t('help.compass.title')}
        </h3>
        <p>{t('help.compass.intro')}</p>
        <p>{t('compass.score.scale')}</p>
        <dl className="cb-help__axes">
          {AXES.map((axis) => (
            <div key={axis.code} className="cb-help__axis" data-axis={axis.code}>
              <dt>{axis.label[locale]}</dt>
              <dd>{axis.meaning[locale]}</dd>
              <dd className="cb-help__question">{questions?.[axis.code]?.[locale] || axis.question[locale]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="cb-help-roles" className="cb-help__section">
        <h3 id="cb-help-roles" tabIndex={-1}>
          {t('help.roles.title')}
        </h3>
        <dl className="cb-help__roles">
          {ROLES.map((r) => (
            <div key={r} className="cb-help__role" data-role={r} data-mine={r === role || undefined}>
              <dt>
                {t(`role.${r}`)}
                {r === role && <strong className="cb-help__mine"> · {t('help.roles.yours')}</strong>}
              </dt>
              <dd>{t(`help.roles.${r}`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="cb-actions">
        <button type="button" className="cb-button cb-button--quiet" onClick={onShowOrientation}>
          {t('help.orientation')}
        </button>
        <button type="button" className="cb-button" onClick={onClose}>
          {t('help.close')}
        </button>
      </div>
    </ModalDialog>
  )
}
