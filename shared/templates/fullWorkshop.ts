import type { Locale } from '../workshop'
import { writeActorsSection } from './actorsMap'
import { writeImpactLanes, writeLeverLanes } from './lanes'
import { writeRoadmapLanes } from './roadmapLanes'
import { DEFAULT_PHASES, phaseFrameName, type AgendaPhase } from './phases'
import { TemplateWriter, type Placement } from './records'

type Size = { w: number; h: number }
type SectionWriter = (writer: TemplateWriter, locale: Locale, at: Placement) => Size

/** Meta role of a phase's frame: `phase:cadrage`… */
export function phaseRole(phaseId: string): string {
  return `phase:${phaseId}`
}

const PHASES_PER_ROW = 3
const PHASE_GAP = 200
const PHASE_MARGIN = 40
const CONTENT_TOP = 200
const SECTION_GAP = 120
/** Smallest phase frame: room for a round of introductions of about fifty cards. */
const MIN_PHASE = { w: 2600, h: 1500 }

/**
 * Phases whose frame holds more than instructions: the same grid and lanes as the
 * single-purpose templates, so the client's grid mapping and the outline work there too.
 */
const PHASE_SECTIONS: Partial<Record<string, SectionWriter>> = {
  'horizon-impacts': (writer, locale, at) => writeImpactLanes(writer, locale, at),
  'acteurs-leviers': (writer, locale, at) => {
    const actors = writeActorsSection(writer, locale, at)
    const levers = writeLeverLanes(writer, locale, { ...at, y: at.y + actors.h + SECTION_GAP }, 1000)
    return { w: Math.max(actors.w, levers.w), h: actors.h + SECTION_GAP + levers.h }
  },
  'feuille-de-route': (writer, locale, at) => writeRoadmapLanes(writer, locale, at),
}

// Sections are laid out before their frame exists, so measure them on a scratch writer.
function measureSection(section: SectionWriter, locale: Locale): Size {
  return section(new TemplateWriter('measure-'), locale, { parentId: 'shape:measure', x: 0, y: 0 })
}

function phaseFrameSize(phase: AgendaPhase, locale: Locale): Size {
  const section = PHASE_SECTIONS[phase.id]
  if (!section) return MIN_PHASE
  const content = measureSection(section, locale)
  return {
    w: Math.max(MIN_PHASE.w, content.w + 2 * PHASE_MARGIN),
    h: Math.max(MIN_PHASE.h, CONTENT_TOP + content.h + PHASE_MARGIN),
  }
}

function phaseTitle(phase: AgendaPhase, position: number, locale: Locale): string {
  return `${position}. ${phase.name[locale]} — ${phase.minutes} min`
}

/**
 * One frame per agenda phase, in order, three per row, each titled with its number, name
 * and duration and holding its instructions. Returns the size it takes from `at`.
 */
export function writeFullWorkshop(writer: TemplateWriter, locale: Locale, at: Placement): Size {
  const sizes = DEFAULT_PHASES.map((phase) => phaseFrameSize(phase, locale))
  let y = at.y
  let width = 0
  for (let row = 0; row * PHASES_PER_ROW < DEFAULT_PHASES.length; row++) {
    const rowIndexes = DEFAULT_PHASES.map((_, i) => i).slice(row * PHASES_PER_ROW, (row + 1) * PHASES_PER_ROW)
    let x = at.x
    for (const i of rowIndexes) {
      const phase = DEFAULT_PHASES[i]
      const frameId = writer.frame(
        phaseFrameName(phase.id),
        { parentId: at.parentId, x, y },
        sizes[i],
        phaseTitle(phase, i + 1, locale),
        {
          role: phaseRole(phase.id),
        },
      )
      const inner = { parentId: frameId, x: PHASE_MARGIN, y: PHASE_MARGIN }
      writer.text(
        `${phaseFrameName(phase.id)}-instructions`,
        inner,
        sizes[i].w - 2 * PHASE_MARGIN,
        phase.instructions[locale],
        { size: 'l' },
      )
      PHASE_SECTIONS[phase.id]?.(writer, locale, { parentId: frameId, x: PHASE_MARGIN, y: CONTENT_TOP })
      x += sizes[i].w + PHASE_GAP
    }
    width = Math.max(width, x - PHASE_GAP - at.x)
    y += Math.max(...rowIndexes.map((i) => sizes[i].h)) + PHASE_GAP
  }
  return { w: width, h: y - PHASE_GAP - at.y }
}
