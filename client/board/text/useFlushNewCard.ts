import { useLayoutEffect } from 'react'
import { useEditor } from 'tldraw'
import type * as Y from 'yjs'

/**
 * A card made a moment ago reaches the document (and gets its shared texts) on the next
 * frame, when tldraw hands its changes to the binding. An editor opened on it right away
 * (the card tools start editing the new card) asks for that hand-over now, so it binds to
 * the shared text before the first key instead of swapping inputs under the person's
 * fingers. A card from before shared texts stays as it is until the server gives it some.
 */
export function useFlushNewCard(text: Y.Text | undefined): void {
  const editor = useEditor()
  useLayoutEffect(() => {
    if (!text) editor.store._flushHistory()
    // Once, when the editor opens: the hand-over is the binding's business afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}
