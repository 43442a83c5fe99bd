import { useMemo } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { useSelf } from '../control/useControl'

/**
 * Member id → the name shown for them on this screen (from presence, so neutral labels
 * while names are hidden), for "who has voted" lists. Members not here are left out.
 */
export function useMemberNames(): ReadonlyMap<string, string> {
  const editor = useEditor()
  const t = useT()
  const self = useSelf()
  const { displayName } = useBoardInfo()
  // A string, so cursor moves (which change presence records) do not re-render the list.
  const othersKey = useValue(
    'member names',
    () => JSON.stringify(editor.getCollaborators().map((c) => [String(c.meta.memberId ?? ''), c.userName])),
    [editor],
  )
  const others = useMemo(() => JSON.parse(othersKey) as [string, string][], [othersKey])
  const names = new Map<string, string>()
  for (const [memberId, name] of others)
    if (memberId && !names.has(memberId)) names.set(memberId, name || t('presence.unnamed'))
  if (self?.memberId) names.set(self.memberId, t('presence.you', { name: displayName }))
  return names
}
