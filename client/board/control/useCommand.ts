import { useCallback } from 'react'
import type { ControlCommandInput } from '../../../shared/control/index'
import type { MessageKey, MessageParams } from '../../i18n/translate'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useSendCommand } from './useControl'

/**
 * The server refuses a command with a short English reason (shared/control/*, the hub's
 * `forbidden` and `rate limited`, the client's `offline`). The ones people meet get a
 * sentence in their language; any other is shown as sent, so no refusal is ever silent.
 */
const KNOWN: Record<string, MessageKey> = {
  forbidden: 'facil.error.forbidden',
  'rate limited': 'facil.error.rateLimited',
  offline: 'facil.error.offline',
  'no answer from the server': 'facil.error.noAnswer',
  'server error': 'facil.error.server',
  'no dots left': 'facil.votes.error.noDotsLeft',
  'only one dot per card in this vote': 'facil.votes.error.onePerCard',
  'vote is closed': 'facil.votes.error.closed',
  'card no longer exists': 'facil.votes.error.cardGone',
  'viewers cannot vote': 'facil.votes.error.viewer',
  'unknown frame': 'facil.agenda.error.unknownFrame',
  'already at the last phase': 'facil.agenda.error.last',
  'already at the first phase': 'facil.agenda.error.first',
  'the timer is not running': 'facil.timer.error.notRunning',
  'the timer has already finished': 'facil.timer.error.finished',
  'no timer is set': 'facil.timer.error.none',
}

/** The refusal in the UI language. */
export function refusalText(error: string, t: (key: MessageKey, params?: MessageParams) => string): string {
  const key = KNOWN[error]
  return key ? t(key) : t('facil.error.other', { reason: error })
}

/**
 * Sends a facilitation or voting command; a refusal becomes a notice (so a participant
 * pressing a facilitator button learns why nothing happened). Resolves true when accepted.
 */
export function useCommand(): (command: ControlCommandInput) => Promise<boolean> {
  const send = useSendCommand()
  const t = useT()
  return useCallback(
    async (command) => {
      const outcome = await send(command as { type: string } & Record<string, unknown>)
      if (outcome.ok) return true
      useUiStore
        .getState()
        .pushNotice({ key: 'facil.error.refused', params: { reason: refusalText(outcome.error, t) } })
      return false
    },
    [send, t],
  )
}
