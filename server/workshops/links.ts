import type { Role } from '../../shared/protocol'
import { workshopLink, type WorkshopLinks } from '../../shared/workshop'

/**
 * A workshop's three capability links at `origin` (PUBLIC_URL, else where the request came
 * to: `http/linkOrigin.ts`), answered on creation, import and « Partager ». The token rides
 * in the fragment, which browsers never send.
 */
export function workshopLinks(origin: string, workshopId: string, tokens: Record<Role, string>): WorkshopLinks {
  return {
    facilitator: workshopLink(origin, workshopId, tokens.facilitator),
    participant: workshopLink(origin, workshopId, tokens.participant),
    viewer: workshopLink(origin, workshopId, tokens.viewer),
  }
}
