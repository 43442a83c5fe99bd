import { arrow, geo, note } from '../../shared/export/testWorkshop'
import { defaultPageRecord } from '../../shared/templates'

/**
 * Records as tldraw writes them, for tests that go through a real server: the server
 * validates every record with tldraw's own validators and requires parents and binding
 * targets to exist (issue 14), so a board needs its document and page records first.
 */

export function documentRecord() {
  return { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} }
}

export function pageRecord() {
  return defaultPageRecord()
}

/** A rectangle as tldraw's geo tool makes it, on the default page (`id` with or without `shape:`). */
export function geoShape(id: string, options: { x?: number; y?: number; parentId?: string } = {}) {
  return geo(id.startsWith('shape:') ? id : `shape:${id}`, { ...options, h: 80 })
}

/** An arrow shape bound from one shape to another: [arrow, start binding, end binding]. */
export function arrowBetween(id: string, from: string, to: string): { id: string }[] {
  return arrow(id, from, to)
}

/** A sticky note holding `text`. */
export function noteShape(id: string, text: string, options: { x?: number; y?: number; parentId?: string } = {}) {
  return { ...note(id, options.parentId ?? 'page:page', options.x ?? 0, options.y ?? 0, text) }
}

/** A frame named `name`, 800 × 600, on the default page. */
export function frameShape(id: string, name: string) {
  return {
    id,
    typeName: 'shape',
    type: 'frame',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 800, h: 600, name, color: 'black' },
  }
}
