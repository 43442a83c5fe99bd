import type { Point, Rect } from '../../../shared/cards'
import { buildTemplateRecords, DEFAULT_PAGE_ID, type TemplateRecord } from '../../../shared/templates'
import type { Locale, TemplateId } from '../../../shared/workshop'

/** Space left between what the board holds and an inserted template. */
export const TEMPLATE_GAP = 200

/** Top-left corner for a template inserted later: right of the content, top-aligned; the origin on an empty page. */
export function templateOrigin(content: Rect | undefined): Point {
  if (!content) return { x: 0, y: 0 }
  return { x: Math.round(content.x + content.w + TEMPLATE_GAP), y: Math.round(content.y) }
}

/**
 * A fresh id prefix, so a template inserted twice makes two copies instead of
 * overwriting the first (template ids are deterministic per prefix).
 */
export function freshIdPrefix(templateId: TemplateId, random: string): string {
  return `${templateId}-${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 10)}-`
}

/**
 * The records of a template placed at `origin` on page `pageId` (templates are written
 * for tldraw's default page; the person may be on another one).
 */
export function templateRecordsFor(
  templateId: TemplateId,
  locale: Locale,
  origin: Point,
  idPrefix: string,
  pageId: string,
): TemplateRecord[] {
  return buildTemplateRecords(templateId, locale, { origin, idPrefix }).map((record) =>
    record.parentId === DEFAULT_PAGE_ID ? { ...record, parentId: pageId } : record,
  )
}
