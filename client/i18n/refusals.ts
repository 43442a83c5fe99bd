import type { ControlRefusal, ControlRefusalCode } from '../../shared/control/index'
import type { Refusal } from '../../shared/control/refusals'
import type { Locale } from '../../shared/workshop'
import { fillTemplate } from './translate'

/**
 * THE table of refused commands' texts: one sentence per refusal code, French and English.
 * The codes come from each control section's `refusals` (`shared/control/`), the server's own
 * and the client's (`shared/control/refusals.ts`); a code missing here is a type error, and
 * `refusals.test.ts` checks every code of every spec at run time, with its placeholders.
 * Same typography as `fr.ts` (U+202F before « ; : ! ? »); plurals with `{n, plural, …}`.
 */
type RefusalTexts = { readonly [Code in ControlRefusalCode]: string }

const fr: RefusalTexts = {
  'unknown-command': 'Le serveur ne connaît pas cette action. Rechargez la page.',
  'invalid-command': 'Demande invalide ({details}).',
  forbidden: 'Seule l’animation peut faire cela.',
  'rate-limited': 'Trop de demandes d’un coup, réessayez dans un instant.',
  'server-error': 'Erreur du serveur, réessayez.',
  offline: 'Hors ligne\u202f: la demande n’a pas pu être envoyée.',
  'no-answer': 'Le serveur n’a pas répondu.',
  'nothing-to-rename': 'Rien à renommer.',
  'nothing-to-change': 'Rien à modifier.',
  'unknown-phase': 'Cette phase n’existe plus.',
  'unknown-frame': 'Ce cadre n’est plus sur le tableau.',
  'agenda-empty': 'Le déroulé est vide.',
  'agenda-not-started': 'Le déroulé n’a pas commencé.',
  'at-first-phase': 'C’est déjà la première phase.',
  'at-last-phase': 'C’est déjà la dernière phase.',
  'too-many-phases': '{max} phases au plus.',
  'timer-not-running': 'Le minuteur ne tourne pas.',
  'timer-finished': 'Le minuteur est déjà arrivé à zéro.',
  'timer-not-paused': 'Le minuteur n’est pas en pause.',
  'no-timer': 'Aucun minuteur n’est lancé.',
  'timer-too-long': 'Un minuteur dure {hours, plural, one {# heure} other {# heures}} au plus.',
  'unknown-record': 'Un élément n’est plus sur le tableau.',
  'too-many-locked': '{max} éléments verrouillés au plus.',
  'unknown-page': 'Cette page n’existe plus.',
  'unknown-round': 'Ce tour n’existe plus.',
  'unknown-card': 'Cette carte n’existe plus.',
  'round-closed': 'Ce tour est clos.',
  'viewer-cannot-score': 'Les observateur·rices ne notent pas.',
  'too-many-rounds': '{max} tours au plus\u202f: supprimez-en un d’abord.',
  'too-many-scorers': 'Ce tour a déjà {max} participant·es, le maximum.',
  'unknown-vote': 'Ce vote n’existe plus.',
  'vote-closed': 'Ce vote est clos.',
  'viewer-cannot-vote': 'Les observateur·rices ne votent pas.',
  'card-not-in-vote': 'Cette carte ne fait pas partie du vote.',
  'card-gone': 'Cette carte n’existe plus.',
  'no-dots-left': 'Vous n’avez plus de points.',
  'one-dot-per-card': 'Un seul point par carte dans ce vote.',
  'no-dot-on-card': 'Vous n’avez pas de point sur cette carte.',
  'too-many-votes': '{max} votes au plus\u202f: supprimez-en un d’abord.',
  'too-many-voters': 'Ce vote a déjà {max} votant·es, le maximum.',
}

const en: RefusalTexts = {
  'unknown-command': 'The server does not know this action. Reload the page.',
  'invalid-command': 'Invalid request ({details}).',
  forbidden: 'Only a facilitator can do this.',
  'rate-limited': 'Too many requests at once, try again in a moment.',
  'server-error': 'Server error, try again.',
  offline: 'Offline: the request could not be sent.',
  'no-answer': 'The server did not answer.',
  'nothing-to-rename': 'Nothing to rename.',
  'nothing-to-change': 'Nothing to change.',
  'unknown-phase': 'This phase no longer exists.',
  'unknown-frame': 'This frame is no longer on the board.',
  'agenda-empty': 'The agenda is empty.',
  'agenda-not-started': 'The agenda has not started.',
  'at-first-phase': 'This is already the first phase.',
  'at-last-phase': 'This is already the last phase.',
  'too-many-phases': 'At most {max} phases.',
  'timer-not-running': 'The timer is not running.',
  'timer-finished': 'The timer has already reached zero.',
  'timer-not-paused': 'The timer is not paused.',
  'no-timer': 'No timer is running.',
  'timer-too-long': 'A timer lasts at most {hours, plural, one {# hour} other {# hours}}.',
  'unknown-record': 'An item is no longer on the board.',
  'too-many-locked': 'At most {max} locked items.',
  'unknown-page': 'This page no longer exists.',
  'unknown-round': 'This round no longer exists.',
  'unknown-card': 'This card no longer exists.',
  'round-closed': 'This round is closed.',
  'viewer-cannot-score': 'Viewers do not score.',
  'too-many-rounds': 'At most {max} rounds: delete one first.',
  'too-many-scorers': 'This round already has {max} participants, the most it takes.',
  'unknown-vote': 'This vote no longer exists.',
  'vote-closed': 'This vote is closed.',
  'viewer-cannot-vote': 'Viewers do not vote.',
  'card-not-in-vote': 'This card is not part of the vote.',
  'card-gone': 'This card no longer exists.',
  'no-dots-left': 'You have no dots left.',
  'one-dot-per-card': 'Only one dot per card in this vote.',
  'no-dot-on-card': 'You have no dot on this card.',
  'too-many-votes': 'At most {max} votes: delete one first.',
  'too-many-voters': 'This vote already has {max} voters, the most it takes.',
}

/** Both languages' tables, for the completeness test. */
export const REFUSAL_TEXTS: Readonly<Record<Locale, RefusalTexts>> = { fr, en }

const UNKNOWN: Record<Locale, string> = {
  fr: 'Refusé par le serveur ({code}).',
  en: 'Refused by the server ({code}).',
}

/**
 * The sentence saying why a command was refused, in `locale`. A code this build does not
 * know (a newer server) still says something, with the code, so no refusal is ever silent.
 */
export function refusalText(locale: Locale, refusal: ControlRefusal | Refusal): string {
  const texts: Readonly<Record<string, string>> = REFUSAL_TEXTS[locale]
  const template = Object.hasOwn(texts, refusal.code) ? texts[refusal.code] : undefined
  if (template === undefined) return fillTemplate(locale, UNKNOWN[locale], { code: refusal.code })
  return fillTemplate(locale, template, refusal.params)
}
