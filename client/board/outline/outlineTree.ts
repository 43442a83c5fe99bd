import type { BoardOutline, OutlineCard, OutlineFrame, OutlineTypeGroup } from '../../../shared/outline'

/**
 * The board outline as an ARIA tree (pure): nodes from `buildOutline`, the rows a reader
 * sees given what is expanded, and what a key press does. The panel only renders rows
 * and applies these answers, so the keyboard behaviour is unit-tested here.
 */

export type OutlineView = 'type' | 'frame'

export interface TreeNode {
  /** Unique in the tree: also the row's DOM key. */
  id: string
  kind: 'group' | 'frame' | 'card' | 'field' | 'link'
  label: string
  /** The shape to show when the row is activated (the card, or a link's other end). */
  target?: string
  children: TreeNode[]
}

/** Words the tree needs that the outline does not carry. */
export interface TreeLabels {
  loose: string
  colon: string
}

function cardNode(card: OutlineCard, labels: TreeLabels): TreeNode {
  const fields: TreeNode[] = card.fields
    .slice(1) // the first field is the main text: the card's own label
    .filter((field) => field.text)
    .map((field) => ({
      id: `${card.id}/field/${field.field}`,
      kind: 'field',
      label: `${field.label}${labels.colon} ${field.text}`,
      target: card.id,
      children: [],
    }))
  const links: TreeNode[] = card.links.map((link) => ({
    id: `${card.id}/link/${link.arrowId}/${link.direction}`,
    kind: 'link',
    label: link.text,
    target: link.otherId,
    children: [],
  }))
  return {
    id: card.id,
    kind: 'card',
    label: `${card.typeLabel}${labels.colon} ${card.title}`,
    target: card.id,
    children: [...fields, ...links],
  }
}

function groupNodes(groups: OutlineTypeGroup[], parentId: string, labels: TreeLabels): TreeNode[] {
  return groups.map((group) => ({
    id: `${parentId}/${group.type}`,
    kind: 'group',
    label: `${group.label} (${group.cards.length})`,
    children: group.cards.map((card) => cardNode(card, labels)),
  }))
}

function frameNode(frame: OutlineFrame, labels: TreeLabels): TreeNode {
  return {
    id: `frame/${frame.id}`,
    kind: 'frame',
    label: frame.name,
    target: frame.id,
    children: [
      ...groupNodes(frame.groups, `frame/${frame.id}`, labels),
      ...frame.frames.map((child) => frameNode(child, labels)),
    ],
  }
}

/** The tree of an outline, by card type or by frame (cards outside frames last). */
export function outlineTree(outline: BoardOutline, view: OutlineView, labels: TreeLabels): TreeNode[] {
  if (view === 'type') return groupNodes(outline.byType, 'type', labels)
  const nodes = outline.byFrame.frames.map((frame) => frameNode(frame, labels))
  if (outline.byFrame.loose.length > 0) {
    nodes.push({
      id: 'loose',
      kind: 'frame',
      label: labels.loose,
      children: groupNodes(outline.byFrame.loose, 'loose', labels),
    })
  }
  return nodes
}

/** One visible row, with what `aria-level`, `aria-posinset` and `aria-setsize` need. */
export interface TreeRow {
  node: TreeNode
  level: number
  posInSet: number
  setSize: number
  parentId: string | null
  expandable: boolean
  expanded: boolean
}

/**
 * What is expanded by default: groups and frames (the reader sees every card), not the
 * cards themselves (their fields and links are one more level down).
 */
export function defaultExpanded(nodes: TreeNode[]): Set<string> {
  const open = new Set<string>()
  const walk = (list: TreeNode[]) => {
    for (const node of list) {
      if (node.kind === 'group' || node.kind === 'frame') open.add(node.id)
      walk(node.children)
    }
  }
  walk(nodes)
  return open
}

/** The rows shown, depth first, children only under expanded nodes. */
export function visibleRows(nodes: TreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = []
  const walk = (list: TreeNode[], level: number, parentId: string | null) => {
    list.forEach((node, i) => {
      const expandable = node.children.length > 0
      const isOpen = expandable && expanded.has(node.id)
      rows.push({ node, level, posInSet: i + 1, setSize: list.length, parentId, expandable, expanded: isOpen })
      if (isOpen) walk(node.children, level + 1, node.id)
    })
  }
  walk(nodes, 1, null)
  return rows
}

/** What a key does on the focused row (WAI-ARIA tree view pattern). */
export type TreeKeyAction =
  | { type: 'focus'; index: number }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'activate'; index: number }
  | { type: 'none' }

export function treeKeyAction(rows: readonly TreeRow[], index: number, key: string): TreeKeyAction {
  const row = rows[index]
  if (!row) return rows.length > 0 ? { type: 'focus', index: 0 } : { type: 'none' }
  switch (key) {
    case 'ArrowDown':
      return index < rows.length - 1 ? { type: 'focus', index: index + 1 } : { type: 'none' }
    case 'ArrowUp':
      return index > 0 ? { type: 'focus', index: index - 1 } : { type: 'none' }
    case 'Home':
      return { type: 'focus', index: 0 }
    case 'End':
      return { type: 'focus', index: rows.length - 1 }
    case 'ArrowRight':
      if (row.expandable && !row.expanded) return { type: 'expand', id: row.node.id }
      if (row.expanded) return { type: 'focus', index: index + 1 }
      return { type: 'none' }
    case 'ArrowLeft': {
      if (row.expanded) return { type: 'collapse', id: row.node.id }
      const parent = rows.findIndex((r) => r.node.id === row.parentId)
      return parent >= 0 ? { type: 'focus', index: parent } : { type: 'none' }
    }
    case 'Enter':
    case ' ':
      return { type: 'activate', index }
    default:
      return { type: 'none' }
  }
}
