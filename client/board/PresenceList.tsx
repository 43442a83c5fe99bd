import { useEditor, useValue } from 'tldraw'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../LocaleSwitch'
import { usePeople, type Person } from './presence/usePeople'
import { SidePanel } from './SidePanel'

/**
 * Who is here: me first, then everyone whose presence tldraw holds (one line per person,
 * tldraw already keeps only the latest presence of each user id), with their role, the
 * phase they are looking at and whether they are idle. Anyone can follow someone's view
 * from here; facilitators also see who has voted or scored in the current round (never
 * what). Derived from tldraw's presence records, which the presence binding fills from
 * awareness (neutral labels while names are hidden).
 */
export function PresenceList() {
  const t = useT()
  const people = usePeople()
  return (
    <SidePanel
      id="presence"
      title={t('presence.title', { count: people.length })}
      className="cb-presence"
      actions={<LocaleSwitch className="cb-button--small" />}
    >
      <ul className="cb-presence__list" data-testid="presence-list">
        {people.map((person) => (
          <PersonLine key={person.key} person={person} />
        ))}
      </ul>
    </SidePanel>
  )
}

function PersonLine({ person }: { person: Person }) {
  const t = useT()
  const editor = useEditor()
  const followed = useValue('following', () => editor.getInstanceState().followingUserId, [editor])
  const name = person.self ? t('presence.you', { name: person.name }) : person.name || t('presence.unnamed')
  const isFollowed = person.userId !== null && followed === person.userId
  const details = [
    person.phase,
    person.idle ? t('facil.presence.idle') : null,
    person.voted ? t('facil.presence.voted') : null,
    person.scored ? t('facil.presence.scored') : null,
  ].filter((d): d is string => d !== null)
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
          <span className="cb-presence__details" data-testid="presence-details">
            {details.join(' · ')}
          </span>
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
