import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'

/** Locked shapes marked at most: a lock of thousands shows its top-level ones in view. */
const MAX_BADGES = 200

/**
 * A padlock on each locked frame or shape in view, for everyone: participants see why they
 * cannot change it, the facilitator sees what is locked.
 */
export function LockBadges() {
  const t = useT()
  const editor = useEditor()
  const lock = useControlPublic('lock')
  const records = lock?.records
  const badges = useValue(
    'lock badges',
    () => {
      if (!records || records.length === 0) return []
      const viewport = editor.getViewportPageBounds()
      const pageId = editor.getCurrentPageId()
      const out: { id: string; x: number; y: number }[] = []
      for (const id of records) {
        const shape = editor.getShape(id as TLShapeId)
        if (!shape || editor.getAncestorPageId(shape) !== pageId) continue
        const bounds = editor.getShapePageBounds(shape)
        if (!bounds || !viewport.collides(bounds)) continue
        const corner = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
        out.push({ id, x: corner.x, y: corner.y })
        if (out.length >= MAX_BADGES) break
      }
      return out
    },
    [editor, records],
  )
  return (
    <>
      {badges.map((b) => (
        <span
          key={b.id}
          className="cb-lock-badge"
          style={{ left: b.x, top: b.y }}
          role="img"
          aria-label={t('facil.lock.badge')}
          data-testid="lock-badge"
          data-shape-id={b.id}
        >
          🔒
        </span>
      ))}
    </>
  )
}
