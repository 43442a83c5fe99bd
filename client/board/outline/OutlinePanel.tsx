import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useEditor, type Editor, type TLShapeId } from 'tldraw'
import { buildOutline, type BoardOutline } from '../../../shared/outline'
import type { Locale } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { revealShape } from '../cards/cardShape'
import { SidePanel, usePanelOpen } from '../SidePanel'
import { defaultExpanded, outlineTree, treeKeyAction, visibleRows, type OutlineView } from './outlineTree'

/** How often at most the outline is rebuilt while the board changes (a drag is 60 changes a second). */
const REBUILD_MS = 200

/** The records an outline reads: every shape and binding, not the per-session ones (camera, pointer). */
function boardRecords(editor: Editor) {
  return [...editor.store.query.records('shape').get(), ...editor.store.query.records('binding').get()]
}

/**
 * The outline of the board, live while the panel is open: rebuilt from the store after
 * document changes, at most every `REBUILD_MS` (leading and trailing), so a large board
 * being dragged around does not rebuild it on every frame.
 */
function useLiveOutline(editor: Editor, locale: Locale, enabled: boolean): BoardOutline | null {
  const [outline, setOutline] = useState<BoardOutline | null>(null)
  useEffect(() => {
    if (!enabled) return
    let timer: ReturnType<typeof setTimeout> | null = null
    let pending = false
    const rebuild = () => setOutline(buildOutline(boardRecords(editor), locale))
    const schedule = () => {
      if (timer) {
        pending = true
        return
      }
      rebuild()
      timer = setTimeout(function flush() {
        timer = null
        if (pending) {
          pending = false
          schedule()
        }
      }, REBUILD_MS)
    }
    schedule()
    const stop = editor.store.listen(schedule, { scope: 'document' })
    return () => {
      stop()
      if (timer) clearTimeout(timer)
      setOutline(null)
    }
  }, [editor, locale, enabled])
  return outline
}

/**
 * "Plan du tableau": the board as text, by card type or by frame, as a keyboard tree a
 * screen reader reads (arrows move, Right/Left open and close, Enter shows the card on
 * the canvas). Closed by default: it is rebuilt only while open.
 */
export function OutlinePanel() {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const [open] = usePanelOpen('outline')
  const [view, setView] = useState<OutlineView>('type')
  const outline = useLiveOutline(editor, locale, open)
  const nodes = useMemo(
    () =>
      outline ? outlineTree(outline, view, { loose: t('cards.outline.loose'), colon: t('cards.outline.colon') }) : [],
    [outline, view, t],
  )

  // Expanded state: defaults for nodes not seen yet, the reader's choices kept otherwise.
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map())
  const expanded = useMemo(() => {
    const set = defaultExpanded(nodes)
    for (const [id, isOpen] of toggled) {
      if (isOpen) set.add(id)
      else set.delete(id)
    }
    return set
  }, [nodes, toggled])
  const rows = useMemo(() => visibleRows(nodes, expanded), [nodes, expanded])
  const [focusId, setFocusId] = useState<string | null>(null)
  const focusIndex = Math.max(
    0,
    rows.findIndex((row) => row.node.id === focusId),
  )
  const rowRefs = useRef(new Map<string, HTMLLIElement>())
  const moveFocus = useRef(false)

  useEffect(() => {
    if (!moveFocus.current) return
    moveFocus.current = false
    const id = rows[focusIndex]?.node.id
    if (id) rowRefs.current.get(id)?.focus()
  }, [rows, focusIndex])

  const setExpanded = (id: string, isOpen: boolean) => setToggled((prev) => new Map(prev).set(id, isOpen))
  const activate = (index: number) => {
    const row = rows[index]
    if (!row) return
    setFocusId(row.node.id)
    if (row.node.target) revealShape(editor, row.node.target as TLShapeId)
    else if (row.expandable) setExpanded(row.node.id, !row.expanded)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const action = treeKeyAction(rows, focusIndex, e.key)
    if (action.type === 'none') return
    e.preventDefault()
    e.stopPropagation()
    if (action.type === 'focus') {
      moveFocus.current = true
      setFocusId(rows[action.index].node.id)
    } else if (action.type === 'expand' || action.type === 'collapse') {
      setExpanded(action.id, action.type === 'expand')
    } else {
      activate(action.index)
    }
  }

  return (
    <SidePanel id="outline" title={t('cards.outline.title')} className="cb-outline" testId="outline-panel">
      <div className="cb-outline__views" role="radiogroup" aria-label={t('cards.outline.view')}>
        {(['type', 'frame'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name="cb-outline-view" value={v} checked={view === v} onChange={() => setView(v)} />
            {t(v === 'type' ? 'cards.outline.byType' : 'cards.outline.byFrame')}
          </label>
        ))}
      </div>
      {outline && (
        <p className="cb-muted" aria-live="polite">
          {t('cards.outline.count', { count: outline.cardCount })}
        </p>
      )}
      {rows.length === 0 ? (
        outline && <p className="cb-muted">{t('cards.outline.empty')}</p>
      ) : (
        <ul
          className="cb-outline__tree"
          role="tree"
          aria-label={t('cards.outline.tree')}
          onKeyDown={onKeyDown}
          data-testid="outline-tree"
        >
          {rows.map((row, index) => (
            <li
              key={row.node.id}
              ref={(el) => {
                if (el) rowRefs.current.set(row.node.id, el)
                else rowRefs.current.delete(row.node.id)
              }}
              role="treeitem"
              aria-level={row.level}
              aria-posinset={row.posInSet}
              aria-setsize={row.setSize}
              aria-expanded={row.expandable ? row.expanded : undefined}
              aria-selected={index === focusIndex}
              tabIndex={index === focusIndex ? 0 : -1}
              className={`cb-outline__row cb-outline__row--${row.node.kind}`}
              style={{ paddingInlineStart: `${(row.level - 1) * 0.9 + 0.3}rem` }}
              onClick={() => activate(index)}
            >
              {row.expandable && (
                <span
                  className="cb-outline__twisty"
                  aria-hidden="true"
                  onClick={(e) => {
                    e.stopPropagation()
                    setExpanded(row.node.id, !row.expanded)
                  }}
                >
                  {row.expanded ? '▾' : '▸'}
                </span>
              )}
              {row.node.label}
            </li>
          ))}
        </ul>
      )}
    </SidePanel>
  )
}
