import type { LocalizedText } from '../compass/axes'
import { SPHERES, SPHERE_HINTS, SPHERE_OPTIONS, type Sphere } from '../cards/fields'
import type { Locale } from '../workshop'
import type { Placement, TemplateWriter } from './records'

/**
 * Lanes: side-by-side frames that say where each kind of card goes. The text inside each
 * lane is its short instruction; the frame name is what the outline groups cards by.
 */
export interface Lane {
  name: string
  role: string
  title: LocalizedText
  hint: LocalizedText
  w: number
}

const LANE_GAP = 50
const HINT_MARGIN = 30

/** Writes `lanes` left to right from `at`, each `h` high with its hint inside; returns the size they take. */
export function writeLanes(
  writer: TemplateWriter,
  locale: Locale,
  at: Placement,
  lanes: readonly Lane[],
  h: number,
): { w: number; h: number } {
  let x = at.x
  for (const lane of lanes) {
    const frameId = writer.frame(
      lane.name,
      { parentId: at.parentId, x, y: at.y },
      { w: lane.w, h },
      lane.title[locale],
      { role: lane.role },
    )
    writer.text(
      `${lane.name}-hint`,
      { parentId: frameId, x: HINT_MARGIN, y: HINT_MARGIN },
      lane.w - 2 * HINT_MARGIN,
      lane.hint[locale],
      { size: 's' },
    )
    x += lane.w + LANE_GAP
  }
  return { w: x - LANE_GAP - at.x, h }
}

/** A template's writer of `lanes` from `at`, `h` high (`defaultH` unless told); it returns the size they take. */
export function lanesWriter(lanes: readonly Lane[], defaultH: number) {
  return (writer: TemplateWriter, locale: Locale, at: Placement, h = defaultH): { w: number; h: number } =>
    writeLanes(writer, locale, at, lanes, h)
}

const IMPACT_LANES: readonly Lane[] = [
  {
    name: 'lane-horizon',
    role: 'lane:horizon',
    title: { fr: 'Horizon', en: 'Horizon' },
    hint: {
      fr: 'La date visée par les impacts (par exemple 2030), et l’histoire de la transformation en quelques phrases.',
      en: 'The date the impacts aim at (for example 2030), and the story of the transformation in a few sentences.',
    },
    w: 500,
  },
  {
    name: 'lane-impacts',
    role: 'lane:impacts',
    title: { fr: 'Impacts', en: 'Impacts' },
    hint: {
      fr: 'Un impact par carte : un changement de situation ou de comportement, et les qualités de la boussole qu’il sert.',
      en: 'One impact per card: a change of situation or behaviour, and the compass qualities it serves.',
    },
    w: 900,
  },
  {
    name: 'lane-indicators',
    role: 'lane:indicators',
    title: { fr: 'Indicateurs', en: 'Indicators' },
    hint: {
      fr: 'Pour chaque impact, au moins un indicateur (unité, référence, cible, échéance, source), relié par une flèche indicateur → impact.',
      en: 'For each impact, at least one indicator (unit, baseline, target, deadline, source), linked by an arrow indicator → impact.',
    },
    w: 900,
  },
]

/** Horizon, then impacts, then the indicators that measure them, left to right. */
export const writeImpactLanes = lanesWriter(IMPACT_LANES, 1000)

const LEVER_HINTS: Record<Sphere, LocalizedText> = {
  offre: {
    fr: 'Ce que peuvent faire ceux qui construisent : standards, données ouvertes, expérimentations…',
    en: 'What those who build can do: standards, open data, experiments…',
  },
  commande: {
    fr: 'Ce que peuvent faire ceux qui achètent ou commandent : achat public, financement, cadre juridique…',
    en: 'What those who buy or commission can do: public procurement, funding, legal framework…',
  },
  usages: {
    fr: 'Ce que peuvent faire ceux qui utilisent : formation, accompagnement, retours d’usage…',
    en: 'What those who use can do: training, support, feedback from use…',
  },
}

const LEVER_LANES: readonly Lane[] = SPHERES.map((sphere) => {
  const label = SPHERE_OPTIONS.find((option) => option.value === sphere)?.label ?? { fr: sphere, en: sphere }
  return {
    name: `lane-levers-${sphere}`,
    role: `lane:levers:${sphere}`,
    title: {
      fr: `Leviers — ${label.fr} (${SPHERE_HINTS[sphere].fr.toLowerCase()})`,
      en: `Levers — ${label.en} (${SPHERE_HINTS[sphere].en.toLowerCase()})`,
    },
    hint: LEVER_HINTS[sphere],
    w: 800,
  }
})

/** One lane of levers per sphere: offre, commande, usages. */
export const writeLeverLanes = lanesWriter(LEVER_LANES, 1200)
