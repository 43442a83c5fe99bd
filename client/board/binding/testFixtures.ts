import {
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  toRichText,
  type IndexKey,
  type TLGeoShape,
  type TLPageId,
  type TLShapeId,
  type TLStore,
} from 'tldraw'

/** Test-only helpers: a store with tldraw's default shapes, and valid records to put in it. */
export function newStore(): TLStore {
  return createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
}

export const PAGE_ID = 'page:page' as TLPageId

/** The two records tldraw creates for an empty board (same ids on every client). */
export function defaultDocumentRecords() {
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID, name: '' }),
    PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as IndexKey }),
  ]
}

/** A valid rectangle, as tldraw's geo tool would create it. */
export function geoShape(
  id: string,
  overrides: { x?: number; y?: number; color?: TLGeoShape['props']['color'] } = {},
): TLGeoShape {
  return {
    id: `shape:${id}` as TLShapeId,
    typeName: 'shape',
    type: 'geo',
    parentId: PAGE_ID,
    index: 'a1' as IndexKey,
    x: overrides.x ?? 0,
    y: overrides.y ?? 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: 100,
      h: 80,
      geo: 'rectangle',
      dash: 'draw',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      color: overrides.color ?? 'black',
      labelColor: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(''),
    },
  }
}
