import { useEditor, useValue, type TLArrowShape } from 'tldraw'
import { linkKindLabel } from '../../../shared/cards'
import { useUiStore } from '../../state/uiStore'
import { FAR_ZOOM } from './CardView'
import { cardLinkKind } from './linkLabels'

/**
 * Link meanings seen from far: an arrow's own tldraw label shrinks with the board, so at
 * 15 % « détient » is 3 px high. Below `FAR_ZOOM` each arrow bound between two cards gets
 * its meaning drawn at its middle, 11 px on screen whatever the zoom (page space: it moves
 * with the camera without re-rendering), black on white so it reads in print too. The
 * meaning is read from `shared/cards/links.ts` (chosen kind, else the two card types), not
 * from the stored label, so arrows drawn before labels existed show theirs with no write.
 * Near, tldraw's own label (with its cut-out in the line) is left as it is.
 */
export function FarLinkLabels() {
  const editor = useEditor()
  const locale = useUiStore((s) => s.locale)
  const isFar = useValue('links seen from far', () => editor.getEfficientZoomLevel() < FAR_ZOOM, [editor])
  const labels = useValue(
    'far link labels',
    () => {
      if (!isFar) return []
      return editor
        .getCurrentPageShapes()
        .filter((shape): shape is TLArrowShape => shape.type === 'arrow')
        .flatMap((arrow) => {
          const kind = cardLinkKind(editor, arrow)
          const bounds = kind ? editor.getShapePageBounds(arrow) : undefined
          return kind && bounds ? [{ id: arrow.id, kind, x: bounds.center.x, y: bounds.center.y }] : []
        })
    },
    [editor, isFar],
  )
  if (labels.length === 0) return null
  return (
    <div className="cb-far-links" aria-hidden="true">
      {labels.map((label) => (
        <div
          key={label.id}
          className="cb-far-links__anchor"
          style={{ transform: `translate(${label.x}px, ${label.y}px)` }}
        >
          <div className="cb-far-links__label" data-arrow-id={label.id} data-link-kind={label.kind}>
            {linkKindLabel(label.kind, locale)}
          </div>
        </div>
      ))}
    </div>
  )
}
