import { useEditor, useValue, type TLFrameShape } from 'tldraw'
import { FAR_ZOOM } from './CardView'

/**
 * Frame names seen from far: below `FAR_ZOOM` tldraw shrinks a frame's heading with the
 * board (it stops growing at 3.5×), so at 15 % « Leviers — Commande » is 6 px high. Here
 * each frame's name is drawn on the canvas (page space: it moves with the camera without
 * re-rendering) at 12 px on screen whatever the zoom, as wide as the frame, on two lines
 * at most, over tldraw's own tiny heading. Drawn only from far, and re-rendered only when
 * frames change or the zoom crosses the threshold, never while panning.
 */
export function FarFrameNames() {
  const editor = useEditor()
  const isFar = useValue('frames seen from far', () => editor.getEfficientZoomLevel() < FAR_ZOOM, [editor])
  const frames = useValue(
    'far frame names',
    () => {
      if (!isFar) return []
      return editor
        .getCurrentPageShapes()
        .filter((shape): shape is TLFrameShape => shape.type === 'frame')
        .flatMap((frame) => {
          const bounds = editor.getShapePageBounds(frame)
          const name = frame.props.name.trim()
          return bounds && name ? [{ id: frame.id, name, x: bounds.x, y: bounds.y, w: bounds.w }] : []
        })
    },
    [editor, isFar],
  )
  if (frames.length === 0) return null
  return (
    <div className="cb-far-frames" aria-hidden="true">
      {frames.map((frame) => (
        <div
          key={frame.id}
          className="cb-far-frames__anchor"
          style={{ transform: `translate(${frame.x}px, ${frame.y}px)`, width: frame.w }}
        >
          <div className="cb-far-frames__name" data-frame-id={frame.id}>
            {frame.name}
          </div>
        </div>
      ))}
    </div>
  )
}
