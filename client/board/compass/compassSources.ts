import type { Editor } from 'tldraw'
import type { CompassPublicView } from '../../../shared/control/compass'

/** Where a compass shape drawn outside our React providers finds the round it shows. */
export interface CompassSource {
  getPublic(key: 'compass'): CompassPublicView | undefined
}

/**
 * The compass state behind each mounted editor. The compass shape's component reads the
 * control state through React context, but tldraw renders `toSvg` for an export outside
 * our providers: there the shape util looks its editor's source up here instead.
 */
const sources = new WeakMap<Editor, CompassSource>()

/**
 * A page that draws a board without a live session (the report draws the exported board
 * with `TldrawImage`, whose editor it never sees) gives the exported rounds here.
 */
let standalone: CompassSource | null = null

/** Registers the board session's control client for `editor`; returns the clean-up. */
export function registerCompassSource(editor: Editor, source: CompassSource): () => void {
  sources.set(editor, source)
  return () => {
    if (sources.get(editor) === source) sources.delete(editor)
  }
}

/** Registers the rounds of a page without a live session; returns the clean-up. */
export function registerStandaloneCompassSource(source: CompassSource): () => void {
  standalone = source
  return () => {
    if (standalone === source) standalone = null
  }
}

/** The compass state `editor` draws from: its session's, else the page's standalone one. */
export function compassSourceOf(editor: Editor): CompassSource | undefined {
  return sources.get(editor) ?? standalone ?? undefined
}
