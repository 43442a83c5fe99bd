import { useEditor, useValue } from 'tldraw'
import { ROLES, type Role } from '../../shared/protocol'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../LocaleSwitch'
import { useUiStore } from '../state/uiStore'
import { useBoardInfo } from './boardContext'

interface Person {
  key: string
  name: string
  color: string
  role: Role
  self: boolean
}

function roleOf(meta: Record<string, unknown>): Role {
  return (ROLES as readonly unknown[]).includes(meta.role) ? (meta.role as Role) : 'participant'
}

/**
 * Who is here: me first, then everyone whose presence tldraw holds (one line per person,
 * tldraw already keeps only the latest presence of each user id). Derived from tldraw's
 * presence records, which the presence binding fills from awareness.
 */
export function PresenceList() {
  const t = useT()
  const editor = useEditor()
  const me = useBoardInfo()
  const open = useUiStore((s) => s.presenceOpen)
  const setOpen = useUiStore((s) => s.setPresenceOpen)
  const others = useValue(
    'collaborators',
    () =>
      editor.getCollaborators().map(
        (p): Person => ({ key: p.userId, name: p.userName, color: p.color, role: roleOf(p.meta), self: false }),
      ),
    [editor],
  )
  const people: Person[] = [{ key: 'self', name: me.displayName, color: me.color, role: me.role, self: true }, ...others]

  return (
    <aside className="cb-presence" aria-labelledby="cb-presence-title">
      <div className="cb-presence__header">
        <h2 id="cb-presence-title">{t('presence.title', { count: people.length })}</h2>
        <button
          type="button"
          className="cb-button cb-button--quiet cb-button--small"
          aria-expanded={open}
          aria-controls="cb-presence-list"
          aria-label={open ? t('presence.toggleHide') : t('presence.toggleShow')}
          onClick={() => setOpen(!open)}
        >
          {open ? '−' : '+'}
        </button>
        <LocaleSwitch className="cb-button--small" />
      </div>
      {open && (
        <ul id="cb-presence-list" className="cb-presence__list" data-testid="presence-list">
          {people.map((person) => (
            <li key={person.key} className="cb-presence__person" data-self={person.self || undefined}>
              <span className="cb-presence__swatch" style={{ background: person.color }} aria-hidden="true" />
              <span className="cb-presence__name">
                {person.self ? t('presence.you', { name: person.name }) : person.name || t('presence.unnamed')}
              </span>
              <span className="cb-presence__role">{t(`role.${person.role}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  )
}
