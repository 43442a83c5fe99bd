import { useCallback, useSyncExternalStore } from 'react'
import { useUiStore } from '../state/uiStore'
import { messagesVersion, subscribeMessages, translate, type MessageKey, type MessageParams } from './translate'

/**
 * `t(key, params)` in the current UI language; components re-render when it changes and
 * when the full catalogues arrive (the landing page starts with the core ones only).
 */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useUiStore((s) => s.locale)
  const version = useSyncExternalStore(subscribeMessages, messagesVersion)
  // `version` is a dependency on purpose: a new `t` makes memoised children translate again.
  return useCallback((key, params) => translate(locale, key, params), [locale, version]) // eslint-disable-line react-hooks/exhaustive-deps
}
