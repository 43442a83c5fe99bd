import { useCallback } from 'react'
import type { ControlCommandInput, ControlRefusal } from '../../../shared/control/index'
import { refusalText } from '../../i18n/refusals'
import { useUiStore } from '../../state/uiStore'
import type { ControlClient } from './controlClient'
import { useControlClient } from './useControl'

/** A command's answer as a panel uses it: accepted, or refused with its code and its sentence. */
export type CommandAnswer = { ok: true } | { ok: false; refusal: ControlRefusal; text: string }

export interface CommandOptions {
  /**
   * Where a refusal is told: `notice` (default) pushes it to the board's notices, so a
   * button that did nothing says why; `inline` leaves it to the panel (`answer.text`), for
   * forms that show their error beside the field.
   */
  report?: 'notice' | 'inline'
}

/**
 * Sends one control command and turns a refusal into a sentence in the UI language, through
 * the one table `client/i18n/refusals.ts`. For code outside React (tldraw actions).
 */
export async function sendCommand(
  control: ControlClient,
  command: ControlCommandInput,
  { report = 'notice' }: CommandOptions = {},
): Promise<CommandAnswer> {
  const outcome = await control.send(command as { type: string } & Record<string, unknown>)
  if (outcome.ok) return { ok: true }
  const { ok: _ok, ...refusal } = outcome
  const { locale, pushNotice } = useUiStore.getState()
  const text = refusalText(locale, refusal)
  if (report === 'notice') pushNotice({ key: 'facil.error.refused', params: { reason: text } })
  return { ok: false, refusal, text }
}

/**
 * THE way a panel sends a control command (typed by every section's schema): resolves with
 * the answer, a refusal already in words (and by default shown as a notice).
 */
export function useCommand(options: CommandOptions = {}): (command: ControlCommandInput) => Promise<CommandAnswer> {
  const control = useControlClient()
  const { report = 'notice' } = options
  return useCallback((command) => sendCommand(control, command, { report }), [control, report])
}
