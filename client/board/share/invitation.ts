import type { Locale } from '../../../shared/workshop'
import { translate } from '../../i18n/translate'

/**
 * The ready-to-paste invitation, in the workshop's language (not the facilitator's UI
 * language): who it is for, the participant link, and the viewer link for those who only
 * follow. Plain text, so it pastes the same into a mail, a chat or an agenda.
 */
export function invitationText(locale: Locale, title: string, links: { participant: string; viewer: string }): string {
  return [
    translate(locale, 'share.invite.greeting', { title }),
    '',
    translate(locale, 'share.invite.participant'),
    links.participant,
    '',
    translate(locale, 'share.invite.viewer'),
    links.viewer,
    '',
    translate(locale, 'share.invite.closing'),
  ].join('\n')
}
