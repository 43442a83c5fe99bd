import type { Editor } from 'tldraw'
import type { ControlClient } from '../control/controlClient'

/**
 * The control client of each mounted editor. The compass shape's component reads the
 * control state through React context, but tldraw renders `toSvg` for an export outside
 * our providers: there the shape util looks its editor's client up here instead.
 */
const clients = new WeakMap<Editor, ControlClient>()

/** Registers `client` for `editor`; returns the clean-up. */
export function registerCompassSource(editor: Editor, client: ControlClient): () => void {
  clients.set(editor, client)
  return () => {
    if (clients.get(editor) === client) clients.delete(editor)
  }
}

/** The control client of `editor`, if a board session mounted it. */
export function compassSourceOf(editor: Editor): ControlClient | undefined {
  return clients.get(editor)
}
