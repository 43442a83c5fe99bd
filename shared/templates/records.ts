import type { Point } from '../cards/grid'

/**
 * Plain builders for the few tldraw 5 records templates need (frame, text, geo), written
 * without importing tldraw so the server can seed a board with no DOM. Their exact shape
 * is checked against tldraw's own schema in `templates.test.ts`.
 */

/** tldraw's default page: every template shape lives on it. */
export const DEFAULT_PAGE_ID = 'page:page'

/** Meta key naming what a template shape is for, so the client finds it even once moved. */
export const TEMPLATE_ROLE_KEY = 'cbRole'

/** TipTap document as tldraw 5 stores rich text (`props.richText`). */
export interface RichText {
  type: 'doc'
  content: { type: 'paragraph'; content?: { type: 'text'; text: string }[] }[]
}

/**
 * Plain text to tldraw rich text: one paragraph per line, empty lines kept. Same output
 * as tldraw's `toRichText`, without pulling tldraw into the server.
 */
export function plainRichText(text: string): RichText {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  }
}

/** The plain text of a tldraw rich text document (paragraphs joined by new lines). */
export function richTextToPlain(richText: unknown): string {
  const lines: string[] = []
  const walk = (node: unknown, line: string[]): void => {
    if (!node || typeof node !== 'object') return
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown }
    if (type === 'text' && typeof text === 'string') line.push(text)
    if (type === 'hardBreak') line.push('\n')
    if (Array.isArray(content)) for (const child of content) walk(child, line)
  }
  const blocks = (richText as { content?: unknown })?.content
  if (!Array.isArray(blocks)) return ''
  for (const block of blocks) {
    const line: string[] = []
    walk(block, line)
    lines.push(line.join(''))
  }
  return lines.join('\n')
}

const INDEX_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * The `i`-th fractional index key (`a0`, `a1`, … `az`, `b00`…): tldraw orders siblings by
 * these strings. Plain integers in the fractional-indexing encoding, so they sort in
 * order and leave room for tldraw to insert between them.
 */
export function indexKeyAt(i: number): string {
  const base = INDEX_DIGITS.length
  if (!Number.isInteger(i) || i < 0 || i >= base + base * base) throw new Error(`index ${i} is out of range`)
  if (i < base) return `a${INDEX_DIGITS[i]}`
  const n = i - base
  return `b${INDEX_DIGITS[Math.floor(n / base)]}${INDEX_DIGITS[n % base]}`
}

type JsonMeta = Record<string, string>

/** A tldraw shape record as templates produce it (props per shape type). */
export interface TemplateShape<Type extends string = string, Props extends object = object> {
  id: string
  typeName: 'shape'
  type: Type
  x: number
  y: number
  rotation: number
  index: string
  parentId: string
  isLocked: boolean
  opacity: number
  props: Props
  meta: JsonMeta
}

export type FrameShape = TemplateShape<'frame', { w: number; h: number; name: string; color: string }>
export type TextShape = TemplateShape<
  'text',
  {
    color: string
    size: string
    font: string
    textAlign: string
    w: number
    richText: RichText
    scale: number
    autoSize: boolean
  }
>
export type GeoShape = TemplateShape<
  'geo',
  {
    geo: 'rectangle'
    dash: string
    url: string
    w: number
    h: number
    growY: number
    scale: number
    flipX: boolean
    flipY: boolean
    labelColor: string
    color: string
    fill: string
    size: string
    font: string
    align: string
    verticalAlign: string
    richText: RichText
  }
>
export type TemplateRecord = FrameShape | TextShape | GeoShape

/** Where a shape goes: its parent (page or frame) and its position inside it. */
export interface Placement extends Point {
  parentId: string
}

export interface ShapeOptions {
  /** Purpose of the shape, stored in `meta[TEMPLATE_ROLE_KEY]`. */
  role?: string
  isLocked?: boolean
}

/**
 * Collects the records of one template: deterministic ids from a prefix, and index keys
 * counted per parent so siblings keep the order they were added in.
 */
export class TemplateWriter {
  readonly records: TemplateRecord[] = []
  private readonly childCounts = new Map<string, number>()

  constructor(private readonly idPrefix: string) {}

  /** The shape id a local name gets in this template. */
  shapeId(name: string): string {
    return `shape:${this.idPrefix}${name}`
  }

  frame(
    name: string,
    at: Placement,
    size: { w: number; h: number },
    title: string,
    options: ShapeOptions = {},
  ): string {
    return this.add<FrameShape>(name, 'frame', at, options, { w: size.w, h: size.h, name: title, color: 'black' })
  }

  text(
    name: string,
    at: Placement,
    w: number,
    text: string,
    options: ShapeOptions & { size?: 's' | 'm' | 'l' | 'xl' } = {},
  ): string {
    return this.add<TextShape>(name, 'text', at, options, {
      color: 'black',
      size: options.size ?? 'm',
      font: 'sans',
      textAlign: 'start',
      w,
      richText: plainRichText(text),
      scale: 1,
      autoSize: false,
    })
  }

  /** A labelled rectangle: used for areas people drop cards onto, hence usually locked. */
  area(
    name: string,
    at: Placement,
    size: { w: number; h: number },
    label: string,
    options: ShapeOptions & { color?: string } = {},
  ): string {
    return this.add<GeoShape>(name, 'geo', at, options, {
      geo: 'rectangle',
      dash: 'dashed',
      url: '',
      w: size.w,
      h: size.h,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: options.color ?? 'grey',
      fill: 'none',
      size: 's',
      font: 'sans',
      align: 'start',
      verticalAlign: 'start',
      richText: plainRichText(label),
    })
  }

  private add<S extends TemplateRecord>(
    name: string,
    type: S['type'],
    at: Placement,
    options: ShapeOptions,
    props: S['props'],
  ): string {
    const id = this.shapeId(name)
    const count = this.childCounts.get(at.parentId) ?? 0
    this.childCounts.set(at.parentId, count + 1)
    this.records.push({
      id,
      typeName: 'shape',
      type,
      x: at.x,
      y: at.y,
      rotation: 0,
      index: indexKeyAt(count),
      parentId: at.parentId,
      isLocked: options.isLocked ?? false,
      opacity: 1,
      props,
      meta: options.role ? { [TEMPLATE_ROLE_KEY]: options.role } : {},
    } as S)
    return id
  }
}

/**
 * Id prefix of a template's shapes when the caller gives none. Deterministic on purpose:
 * if the server and a first client both seed the same template, they write the same ids
 * and the board converges to one copy instead of two. Insert a template a second time
 * with another prefix, or it overwrites the first copy.
 */
export function defaultTemplateIdPrefix(templateId: string): string {
  return `${templateId}-`
}
