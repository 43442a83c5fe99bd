import type { Editor } from 'tldraw'
import type { ControlClient } from '../control/controlClient'
import { ANONYMOUS_META_KEY } from '../presence/awarenessPresence'

/**
 * Mirrors the server's anonymity flag into this editor's instance meta (never synced),
 * where the presence binding reads it: names stop being published and everyone shows
 * under a neutral label, in cursors and in the presence list alike.
 */
export function bindAnonymity(editor: Editor, control: ControlClient): () => void {
  const apply = () => {
    const anonymous = control.getPublic('facilitation')?.anonymous === true
    const meta = editor.getInstanceState().meta
    if ((meta[ANONYMOUS_META_KEY] === true) === anonymous) return
    editor.updateInstanceState({ meta: { ...meta, [ANONYMOUS_META_KEY]: anonymous } })
  }
  apply()
  return control.subscribe(apply)
}
