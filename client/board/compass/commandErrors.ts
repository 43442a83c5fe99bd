import type { CommandOutcome } from '../control/controlClient'
import type { Translate } from './radarModel'

/**
 * The server refuses compass commands with short English reasons (`shared/control/compass.ts`,
 * the hub's `forbidden`, the client's `offline`): the ones people can meet get a sentence
 * in their language; anything else is shown as sent, so no refusal is ever silent.
 */
const KNOWN: Record<string, Parameters<Translate>[0]> = {
  forbidden: 'compass.error.forbidden',
  'round is closed': 'compass.error.closed',
  'unknown round': 'compass.error.unknownRound',
  'unknown card': 'compass.error.unknownCard',
  offline: 'compass.error.offline',
  'no answer from the server': 'compass.error.noAnswer',
}

/** The message for a refused command, in the UI language. */
export function refusalText(error: string, t: Translate): string {
  const key = KNOWN[error]
  if (key) return t(key)
  if (error.startsWith('at most ') && error.includes('rounds')) return t('compass.error.tooManyRounds')
  return t('compass.error.other', { reason: error })
}

/** `null` when the command went through, else its refusal text. */
export function outcomeError(outcome: CommandOutcome, t: Translate): string | null {
  return outcome.ok ? null : refusalText(outcome.error, t)
}
