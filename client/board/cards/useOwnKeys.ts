import { useCallback, useRef } from 'react'
import { useEditor } from 'tldraw'

/**
 * A callback ref for a panel inside tldraw's UI whose keys must stay its own. tldraw
 * listens for keys on its container, natively, before React's handlers run: without this,
 * an arrow key moving the caret in a field nudges the selected card, and Enter in the
 * outline starts editing it. A native listener on the panel marks the event as handled
 * on its way up, which tldraw respects; the panel's own React handlers still run.
 */
export function useOwnKeys(): (el: HTMLElement | null) => void {
  const editor = useEditor()
  const attached = useRef<{ el: HTMLElement; mark: (e: KeyboardEvent) => void } | null>(null)
  return useCallback(
    (el: HTMLElement | null) => {
      if (attached.current) {
        attached.current.el.removeEventListener('keydown', attached.current.mark)
        attached.current.el.removeEventListener('keyup', attached.current.mark)
        attached.current = null
      }
      if (!el) return
      const mark = (e: KeyboardEvent) => editor.markEventAsHandled(e)
      el.addEventListener('keydown', mark)
      el.addEventListener('keyup', mark)
      attached.current = { el, mark }
    },
    [editor],
  )
}
