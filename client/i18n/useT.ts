import { useCallback } from 'react'
import { useUiStore } from '../state/uiStore'
import { translate, type MessageKey, type MessageParams } from './translate'

/** `t(key, params)` in the current UI language; components re-render when it changes. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useUiStore((s) => s.locale)
  return useCallback((key, params) => translate(locale, key, params), [locale])
}
