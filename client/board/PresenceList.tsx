import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../LocaleSwitch'
import { initialsOf } from './presence/initials'
import { usePeople, type Person } from './presence/usePeople'

/** Avatars shown in the row; beyond, one « +N » stands for the others. */
export const MAX_AVATARS = 6

/**
 * Who is here, as one compact row at the top of the column: an avatar per person (initials
 * ringed with their cursor colour, a marker for the facilitation « A » and observers « O »,
 * a tick for facilitators once someone voted or scored), « +N » past six, and the language
 * switch. The row is one line whatever the count, so the panels keep the column; the full
 * list (role, phase looked at, idle, follow someone's view) unfolds from its button. From
 * tldraw's presence records, which the presence binding fills from awareness (neutral
 * labels while names are hidden).
 */
export function PresenceList() {
  const t = useT()
  const people = usePeople()
  const [expanded, setExpanded] = useState(false)
  const overflow = people.length > MAX_AVATARS ? people.length - (MAX_AVATARS - 1) : 0
  const shown = overflow > 0 ? people.slice(0, MAX_AVATARS - 1) : people
  return (
    <section className="cb-presence" aria-labelledby="cb-presence-title" data-testid="presence">
      <div className="cb-presence__row">
        <h2 id="cb-presence-title" className="cb-visually-hidden">
          {t('presence.title', { count: people.length })}
        </h2>
        <ul className="cb-presence__avatars" data-testid="presence-list" aria-labelledby="cb-presence-title">
          {shown.map((person) => (
            <Avatar key={person.key} person={person} />
          ))}
          {overflow > 0 && (
            <li className="cb-avatar cb-avatar--more" aria-hidden="true">
              <span className="cb-avatar__initials">{t('presence.more', { count: overflow })}</span>
            </li>
          )}
        </ul>
        <button
          type="button"
          className="cb-presence__toggle"
          aria-expanded={expanded}
          aria-controls="cb-presence-all"
          data-testid="presence-toggle"
          aria-label={expanded ? t('presence.hideAll') : t('presence.showAll', { count: people.length })}
          title={expanded ? t('presence.hideAll') : t('presence.showAll', { count: people.length })}
          onClick={() => setExpanded(!expanded)}
        >
          <span aria-hidden="true">{expanded ? '▴' : '▾'}</span>
        </button>
        <LocaleSwitch className="cb-button--small" />
      </div>
      <ul id="cb-presence-all" className="cb-presence__list" data-testid="presence-all" hidden={!expanded}>
        {expanded && people.map((person) => <PersonLine key={person.key} person={person} />)}
      </ul>
    </section>
  )
}

function useDisplayName(person: Person): string {
  const t = useT()
  return person.self ? t('presence.you', { name: person.name }) : person.name || t('presence.unnamed')
}

function detailsOf(person: Person, t: ReturnType<typeof useT>): string[] {
  return [
    person.phase,
    person.idle ? t('facil.presence.idle') : null,
    person.voted ? t('facil.presence.voted') : null,
    person.scored ? t('facil.presence.scored') : null,
  ].filter((d): d is string => d !== null)
}

function Avatar({ person }: { person: Person }) {
  const t = useT()
  const name = useDisplayName(person)
  const said = [name, t(`role.${person.role}`), ...detailsOf(person, t)].join(', ')
  const marker =
    person.role === 'facilitator'
      ? t('presence.marker.facilitator')
      : person.role === 'viewer'
        ? t('presence.marker.viewer')
        : null
  return (
    <li
      className="cb-avatar"
      title={said}
      data-self={person.self || undefined}
      data-idle={person.idle || undefined}
      data-role={person.role}
      data-member-id={person.memberId || undefined}
    >
      <span className="cb-avatar__initials" style={{ borderColor: person.color }} aria-hidden="true">
        {initialsOf(person.name || t('presence.unnamed'))}
      </span>
      {marker && (
        <span className="cb-avatar__role" aria-hidden="true">
          {marker}
        </span>
      )}
      {(person.voted || person.scored) && (
        <span className="cb-avatar__done" aria-hidden="true">
          ✓
        </span>
      )}
      <span className="cb-visually-hidden" data-testid="presence-details">
        {said}
      </span>
    </li>
  )
}

function PersonLine({ person }: { person: Person }) {
  const t = useT()
  const editor = useEditor()
  const followed = useValue('following', () => editor.getInstanceState().followingUserId, [editor])
  const name = useDisplayName(person)
  const isFollowed = person.userId !== null && followed === person.userId
  const details = detailsOf(person, t)
  return (
    <li
      className="cb-presence__person"
      data-self={person.self || undefined}
      data-idle={person.idle || undefined}
      data-member-id={person.memberId || undefined}
    >
      <span className="cb-presence__swatch" style={{ background: person.color }} aria-hidden="true" />
      <span className="cb-presence__name">{name}</span>
      <span className="cb-presence__role">{t(`role.${person.role}`)}</span>
      {(details.length > 0 || person.userId !== null) && (
        <span className="cb-presence__more">
          <span className="cb-presence__details">{details.join(' · ')}</span>
          {person.userId !== null && (
            <button
              type="button"
              className="cb-presence__follow"
              aria-pressed={isFollowed}
              aria-label={isFollowed ? t('facil.presence.unfollow', { name }) : t('facil.presence.follow', { name })}
              onClick={() => (isFollowed ? editor.stopFollowingUser() : editor.startFollowingUser(person.userId!))}
            >
              {isFollowed ? t('facil.presence.unfollowShort') : t('facil.presence.followShort')}
            </button>
          )}
        </span>
      )}
    </li>
  )
}
