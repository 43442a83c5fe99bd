import { z } from 'zod'
import { DEFAULT_TIME_ZONE, isTimeZone } from './timeZone'

export { DEFAULT_TIME_ZONE, isTimeZone }

/** UI and export languages. French first. */
export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const localeSchema = z.enum(LOCALES)

/** Board templates a workshop can start from (see issue "coalition cards"). */
export const TEMPLATE_IDS = ['blank', 'actors-map', 'impacts', 'levers', 'roadmap', 'full-workshop'] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]
export const templateIdSchema = z.enum(TEMPLATE_IDS)

export const timeZoneSchema = z
  .string()
  .max(64, 'timeZone is longer than 64 characters')
  .refine(isTimeZone, 'timeZone must be an IANA time zone name such as Europe/Paris')

/** Body of `POST /api/workshops`. */
export const createWorkshopSchema = z
  .object({
    title: z.string().trim().min(1, 'title is required').max(200, 'title is longer than 200 characters'),
    coalition: z.string().trim().max(300, 'coalition is longer than 300 characters').optional(),
    template: templateIdSchema.optional(),
    locale: localeSchema.optional(),
    /** The facilitator's time zone (the page sends the browser's); every date of the workshop is in it. */
    timeZone: timeZoneSchema.optional(),
  })
  .strict()
export type CreateWorkshop = z.infer<typeof createWorkshopSchema>

/** Workshop metadata as stored and as returned to a token holder. */
export interface WorkshopMeta {
  id: string
  title: string
  coalition: string
  template: TemplateId
  locale: Locale
  /** Milliseconds since epoch, server clock. */
  createdAt: number
}

/** The three capability links returned on creation. */
export interface WorkshopLinks {
  facilitator: string
  participant: string
  viewer: string
}

/** Response of `POST /api/workshops` and `POST /api/workshops/import`. */
export interface CreatedWorkshop {
  id: string
  links: WorkshopLinks
  /** The new workshop's title (the import's answer carries it: the page that imported does not know it). */
  title?: string
}

/** `<publicUrl>/w/<id>#token=<token>`: the token stays in the fragment, never sent to servers. */
export function workshopLink(publicUrl: string, id: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/w/${id}#token=${token}`
}

/**
 * Response of `GET /api/workshops/:id/links` and `POST /api/workshops/:id/links/rotate`
 * (facilitator only): the participant and viewer links recomputed from the facilitator
 * token, or `recoverable: false` for a workshop created before derivation, whose links can
 * only be replaced (« Nouveaux liens »).
 */
export type SharedLinks = { recoverable: true; links: WorkshopLinks } | { recoverable: false }
