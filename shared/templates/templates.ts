import type { LocalizedText } from '../compass/axes'
import type { Point, Rect } from '../cards/grid'
import { TEMPLATE_IDS, type Locale, type TemplateId } from '../workshop'
import { GRID_OFFSET, GRID_SIZE, writeActorsSection } from './actorsMap'
import { writeFullWorkshop } from './fullWorkshop'
import { writeImpactLanes, writeLeverLanes } from './lanes'
import { writeRoadmapLanes } from './roadmapLanes'
import {
  DEFAULT_PAGE_ID,
  TemplateWriter,
  defaultTemplateIdPrefix,
  type Placement,
  type TemplateRecord,
} from './records'

export { TEMPLATES, templateInfo, type TemplateInfo } from './catalog'

const INTROS: Partial<Record<TemplateId, LocalizedText>> = {
  'actors-map': {
    fr: 'Placez chaque acteur selon son pouvoir (vertical) et son intérêt (horizontal). Les acteurs pas encore placés attendent dans leur sphère, à droite.',
    en: 'Place each actor by its power (vertical) and its interest (horizontal). Actors not placed yet wait in their sphere, on the right.',
  },
  impacts: {
    fr: 'De gauche à droite : l’horizon visé, les impacts recherchés, puis les indicateurs qui les mesurent.',
    en: 'Left to right: the horizon aimed at, the impacts sought, then the indicators that measure them.',
  },
  roadmap: {
    fr: 'La feuille de route : une action par carte, avec son porteur et sa date, dans la colonne de son statut. Déplacer une carte d’une colonne à l’autre change son statut.',
    en: 'The roadmap: one action per card, with its owner and date, in the column of its status. Moving a card to another column changes its status.',
  },
  levers: {
    fr: 'Un levier par carte, dans la sphère de ceux qui peuvent l’actionner. Reliez l’acteur qui le détient (acteur → levier) et l’impact auquel il contribue (levier → impact).',
    en: 'One lever per card, in the sphere of those who can pull it. Link the actor who holds it (actor → lever) and the impact it contributes to (lever → impact).',
  },
}

/** Height kept above a template's content for its introduction and the frames' names. */
const INTRO_HEIGHT = 200

type Section = (writer: TemplateWriter, locale: Locale, at: Placement) => { w: number; h: number }

const SECTIONS: Record<Exclude<TemplateId, 'blank'>, Section> = {
  'actors-map': writeActorsSection,
  impacts: (writer, locale, at) => writeImpactLanes(writer, locale, at),
  levers: (writer, locale, at) => writeLeverLanes(writer, locale, at),
  'full-workshop': writeFullWorkshop,
  roadmap: (writer, locale, at) => writeRoadmapLanes(writer, locale, at),
}

export interface TemplateOptions {
  /** Page position of the template's top-left corner. Default (0, 0). */
  origin?: Point
  /** Prefix of every shape id (`shape:<prefix><name>`). Default `<templateId>-`. */
  idPrefix?: string
}

/**
 * The tldraw 5 records of a template in a locale: frames, texts and locked areas, all on
 * `page:page`, parents before children. Pure and deterministic: the same arguments give
 * the same records, ids included (see `defaultTemplateIdPrefix` for why).
 */
export function buildTemplateRecords(
  templateId: TemplateId,
  locale: Locale,
  options: TemplateOptions = {},
): TemplateRecord[] {
  if (!(TEMPLATE_IDS as readonly string[]).includes(templateId)) throw new Error(`unknown template ${templateId}`)
  if (templateId === 'blank') return []
  const origin = options.origin ?? { x: 0, y: 0 }
  const writer = new TemplateWriter(options.idPrefix ?? defaultTemplateIdPrefix(templateId))
  const intro = INTROS[templateId]
  const top = intro ? INTRO_HEIGHT : 0
  const size = SECTIONS[templateId](writer, locale, { parentId: DEFAULT_PAGE_ID, x: origin.x, y: origin.y + top })
  if (intro)
    writer.text(
      'intro',
      { parentId: DEFAULT_PAGE_ID, x: origin.x, y: origin.y },
      Math.min(size.w, 2000),
      intro[locale],
      { size: 'l' },
    )
  return writer.records
}

/**
 * Page bounds of the power/interest grid in an `actors-map` board built at `origin`, as
 * long as nobody moved its frame. Prefer the frame's live bounds when the editor is at
 * hand (find it with `isPowerInterestGridFrame`).
 */
export function actorsGridBounds(origin: Point = { x: 0, y: 0 }): Rect {
  return { x: origin.x + GRID_OFFSET.x, y: origin.y + INTRO_HEIGHT + GRID_OFFSET.y, ...GRID_SIZE }
}

/** tldraw's default page record (same as tldraw creates), for a server seeding a board no client has opened yet. */
export function defaultPageRecord() {
  return { id: DEFAULT_PAGE_ID, typeName: 'page' as const, name: 'Page 1', index: 'a1', meta: {} }
}
