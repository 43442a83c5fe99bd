import { ACTOR_CIRCLES } from '../cards/actor'
import {
  CARD_FIELDS,
  cardFieldEntries,
  cardTypeLabel,
  formatFieldValue,
  isChoiceUnset,
  notSetLabel,
  type CardType,
} from '../cards/cardTypes'
import { SPHERES } from '../cards/fields'
import type { LinkKind } from '../cards/links'
import { isSheetEmpty, type SheetState } from '../control/sheet'
import { EXPORT_LABELS, type ExportLabels } from './labels'
import { WORKSHOP_TIME_ZONE } from './fileName'
import { roadmapTable } from './markdownRoadmap'
import { compassSection, votesSection } from './markdownRounds'
import { colon, formatDate, mdField, mdText } from './markdownText'
import { exportCardList } from './model'
import type { Locale } from '../workshop'
import type { ExportCard, ExportDocument, ExportLink, ExportNote } from './schema'

/**
 * The coalition sheet (*fiche coalition*) a facilitator sends the same day, in the
 * workshop's language, built from the export document alone: présentation, horizon and
 * impacts with their indicators, actors by sphere and circle, levers with who holds them,
 * the compass, the most voted cards, next steps, and what else was written on the board.
 */

export interface MarkdownOptions {
  /** Time zone of the sheet's dates. Default the workshop's (`WORKSHOP_TIME_ZONE` for older documents). */
  timeZone?: string
}

interface Sheet {
  doc: ExportDocument
  labels: ExportLabels
  cards: ReadonlyMap<string, { type: CardType; card: ExportCard }>
  /** Links by each of their two ends. */
  linksOf: ReadonlyMap<string, readonly ExportLink[]>
  /** Notes already shown in a section, left out of « Autres éléments ». */
  shown: Set<string>
}

const PHASE_FRAME_NAMES: Record<string, RegExp> = {
  cadrage: /cadrage|framing/i,
  'feuille-de-route': /feuille de route|prochaines [ée]tapes|roadmap|next steps/i,
}

/**
 * The frame of an agenda phase: the one the agenda binds it to, or else a frame named
 * like it (a board that did not start from the full-workshop template).
 */
function phaseFrameId(doc: ExportDocument, phaseId: string): string | undefined {
  const frames = doc.notes.filter((note) => note.shapeType === 'frame')
  const bound = doc.phases.find((phase) => phase.id === phaseId)?.frameId
  if (bound && frames.some((frame) => frame.id === bound)) return bound
  return frames.find((frame) => PHASE_FRAME_NAMES[phaseId]?.test(frame.text))?.id
}

function title(sheet: Sheet, card: ExportCard): string {
  return mdText(card.title || sheet.labels.untitled)
}

/**
 * Fields after the main text as « Label : valeur » joined by « · »: the non-empty ones, and
 * the choices nobody made as « non renseigné » (the sheet must not look as if they were).
 */
function details(sheet: Sheet, type: CardType, card: ExportCard, skip: readonly string[] = []): string {
  const locale = sheet.doc.workshop.locale
  return cardFieldEntries(type, card.fields, locale)
    .slice(1)
    .filter((entry) => !skip.includes(entry.field))
    .map((entry) => ({
      ...entry,
      text: isChoiceUnset(type, entry.field, entry.value) ? notSetLabel(locale) : entry.text,
    }))
    .filter((entry) => entry.text !== '')
    .map((entry) => `${entry.label}${colon(locale)} ${mdText(entry.text)}`)
    .join(' · ')
}

/** A group heading's text: the option's label, or « Sphère : non renseigné » for the unset group. */
function groupName(field: 'sphere' | 'circle', code: string, locale: Locale): string {
  if (isChoiceUnset('actor', field, code))
    return `${CARD_FIELDS.actor[field].label[locale]}${colon(locale)} ${notSetLabel(locale)}`
  return mdText(formatFieldValue('actor', field, code, locale))
}

function cardLine(sheet: Sheet, type: CardType, card: ExportCard, skip: readonly string[] = []): string {
  const more = details(sheet, type, card, skip)
  return `**${title(sheet, card)}**${more ? ` — ${more}` : ''}`
}

/** Titles of the cards at the other end of `kind` links, from (`out`) or to (`in`) a card. */
function linked(sheet: Sheet, id: string, kind: LinkKind, direction: 'out' | 'in'): string[] {
  return (sheet.linksOf.get(id) ?? [])
    .filter((link) => link.kind === kind && (direction === 'out' ? link.from : link.to) === id)
    .map((link) => sheet.cards.get(direction === 'out' ? link.to : link.from))
    .filter((other) => other !== undefined)
    .map((other) => title(sheet, other.card))
}

/** The « Fiche coalition » of the export (absent from documents made before it existed). */
function coalitionSheetOf(doc: ExportDocument): SheetState | null {
  const found = (doc.control as Partial<ExportDocument['control']>).sheet
  return found && !isSheetEmpty(found) ? found : null
}

/**
 * The title: the coalition's « Pour … » statement when the sheet has one (what a partner
 * reads first), the workshop's title then following as a field; else the workshop's title.
 */
function header(sheet: Sheet, timeZone: string): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  const statement = coalitionSheetOf(doc)?.statement ?? ''
  const workshopTitle = mdText(doc.workshop.title) || labels.untitled
  return [
    `# ${statement ? mdText(statement) : workshopTitle}`,
    '',
    ...(statement ? [`- ${mdField(labels.workshop, workshopTitle, locale)}`] : []),
    `- ${mdField(labels.date, formatDate(doc.exportedAt, locale, timeZone), locale)}`,
    `- ${mdField(labels.participants, String(doc.participantCount), locale)}`,
    '',
  ]
}

/** The rest of the « Fiche coalition »: problem and context, horizon, needs, co-leads, modalities. */
function coalitionSheetSection(sheet: Sheet): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  const filled = coalitionSheetOf(doc)
  if (!filled) return []
  const lines = [`## ${labels.sheet}`, '']
  const field = (label: string, value: string) => {
    if (value) lines.push(`- ${mdField(label, mdText(value), locale)}`)
  }
  field(labels.problem, filled.problem)
  field(labels.horizon, filled.horizon)
  field(labels.needs, filled.needs.join(', '))
  field(labels.coLeads, filled.coLeads.join(', '))
  field(labels.modalities, filled.modalities)
  return lines.length > 2 ? [...lines, ''] : []
}

function presentation(sheet: Sheet): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  const lines = [`## ${labels.presentation}`, '']
  if (doc.workshop.coalition.trim())
    lines.push(`- ${mdField(labels.coalition, mdText(doc.workshop.coalition), locale)}`)
  const cadrage = phaseFrameId(doc, 'cadrage')
  const intention = cadrage ? doc.notes.filter((note) => note.frameIds.includes(cadrage) && !note.fromTemplate) : []
  for (const note of intention) {
    sheet.shown.add(note.id)
    lines.push(`- ${mdField(labels.intention, mdText(note.text), locale)}`)
  }
  const current = doc.phases.find((phase) => phase.current)
  if (current) lines.push(`- ${mdField(labels.currentPhase, mdText(current.name), locale)}`)
  return lines.length > 2 ? [...lines, ''] : []
}

function impacts(sheet: Sheet): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  if (doc.cards.impact.length === 0 && doc.cards.indicator.length === 0) return []
  const lines = [`## ${labels.impacts}`, '']
  const measuring = new Set<string>()
  for (const impact of doc.cards.impact) {
    lines.push(`### ${title(sheet, impact)}`, '')
    for (const entry of cardFieldEntries('impact', impact.fields, locale).slice(1)) {
      if (entry.text) lines.push(`- ${mdField(entry.label, mdText(entry.text), locale)}`)
    }
    const indicators = (sheet.linksOf.get(impact.id) ?? [])
      .filter((link) => link.kind === 'measures' && link.to === impact.id)
      .map((link) => sheet.cards.get(link.from))
    if (indicators.length === 0) lines.push(`- ${mdField(labels.measuredBy, labels.noIndicator, locale)}`)
    else lines.push(`- ${mdField(labels.measuredBy, '', locale).trimEnd()}`)
    for (const indicator of indicators) {
      if (!indicator) continue
      measuring.add(indicator.card.id)
      lines.push(`  - ${cardLine(sheet, 'indicator', indicator.card)}`)
    }
    const levers = linked(sheet, impact.id, 'contributes-to', 'in')
    if (levers.length > 0) lines.push(`- ${mdField(labels.contributedToBy, levers.join(', '), locale)}`)
    lines.push('')
  }
  const loose = doc.cards.indicator.filter((indicator) => !measuring.has(indicator.id))
  if (loose.length > 0) {
    lines.push(
      `### ${labels.unlinkedIndicators}`,
      '',
      ...loose.map((indicator) => `- ${cardLine(sheet, 'indicator', indicator)}`),
      '',
    )
  }
  return lines
}

/** Codes in the domain's order, then any unknown code (old data) in first-seen order. */
function groupsOf<T>(items: readonly T[], codeOf: (item: T) => string, order: readonly string[]): [string, T[]][] {
  const groups = new Map<string, T[]>(order.map((code) => [code, []]))
  for (const item of items) {
    const code = codeOf(item)
    const members = groups.get(code)
    if (members) members.push(item)
    else groups.set(code, [item])
  }
  return [...groups].filter(([, members]) => members.length > 0)
}

function actors(sheet: Sheet): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  if (doc.cards.actor.length === 0) return []
  const lines = [`## ${labels.actors}`, '']
  const code = (field: string) => (card: ExportCard) => String(card.fields[field] ?? '')
  // The unset group ('') comes after the known codes.
  for (const [sphere, inSphere] of groupsOf(doc.cards.actor, code('sphere'), [...SPHERES, ''])) {
    lines.push(`### ${groupName('sphere', sphere, locale)}`, '')
    for (const [circle, inCircle] of groupsOf(inSphere, code('circle'), [...ACTOR_CIRCLES, ''])) {
      lines.push(`**${groupName('circle', circle, locale)}**`, '')
      for (const actor of inCircle) lines.push(`- ${cardLine(sheet, 'actor', actor, ['sphere', 'circle'])}`)
      lines.push('')
    }
  }
  return lines
}

function levers(sheet: Sheet): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  if (doc.cards.lever.length === 0) return []
  const lines = [`## ${labels.levers}`, '']
  for (const lever of doc.cards.lever) {
    lines.push(`- ${cardLine(sheet, 'lever', lever)}`)
    const holders = linked(sheet, lever.id, 'holds', 'in')
    if (holders.length > 0) lines.push(`  - ${mdField(labels.heldBy, holders.join(', '), locale)}`)
    const impactsOf = linked(sheet, lever.id, 'contributes-to', 'out')
    if (impactsOf.length > 0) lines.push(`  - ${mdField(labels.contributesTo, impactsOf.join(', '), locale)}`)
  }
  return [...lines, '']
}

function noteLine(note: ExportNote): string {
  const where = note.framePath.length > 0 ? ` — *${note.framePath.map(mdText).join(' › ')}*` : ''
  return `- ${mdText(note.text)}${where}`
}

/**
 * « Feuille de route »: the table of actions (every action card of the board, wherever it
 * sits), then the other cards and notes people wrote in the roadmap phase's frame.
 */
function roadmap(sheet: Sheet, timeZone: string): string[] {
  const { doc, labels } = sheet
  const locale = doc.workshop.locale
  const table = roadmapTable(doc, labels, timeZone)
  const lines = [`## ${labels.roadmap}`, '', ...table]
  const frame = phaseFrameId(doc, 'feuille-de-route')
  const cards = frame
    ? exportCardList(doc.cards).filter(({ type, card }) => type !== 'action' && card.frameIds.includes(frame))
    : []
  const notes = frame ? doc.notes.filter((note) => note.frameIds.includes(frame) && !note.fromTemplate) : []
  for (const { type, card } of cards)
    lines.push(`- ${cardTypeLabel(type, locale)}${colon(locale)} ${cardLine(sheet, type, card)}`)
  for (const note of notes) {
    sheet.shown.add(note.id)
    lines.push(`- ${mdText(note.text)}`)
  }
  if (table.length === 0 && cards.length === 0 && notes.length === 0) lines.push(labels.noRoadmap)
  return [...lines, '']
}

function others(sheet: Sheet): string[] {
  const { doc, labels } = sheet
  const rest = doc.notes.filter((note) => !note.fromTemplate && !sheet.shown.has(note.id))
  if (rest.length === 0) return []
  const line = (note: ExportNote) =>
    note.shapeType === 'frame' ? `- ${mdField(labels.frame, mdText(note.text), doc.workshop.locale)}` : noteLine(note)
  return [`## ${labels.others}`, '', ...rest.map(line), '']
}

function linksByEnd(links: readonly ExportLink[]): Map<string, ExportLink[]> {
  const byEnd = new Map<string, ExportLink[]>()
  for (const link of links) {
    for (const end of new Set([link.from, link.to])) {
      const list = byEnd.get(end)
      if (list) list.push(link)
      else byEnd.set(end, [link])
    }
  }
  return byEnd
}

/** The coalition sheet of an export, as Markdown (CommonMark with GFM tables). */
export function buildMarkdown(doc: ExportDocument, options: MarkdownOptions = {}): string {
  const labels = EXPORT_LABELS[doc.workshop.locale]
  const sheet: Sheet = {
    doc,
    labels,
    cards: new Map(exportCardList(doc.cards).map((entry) => [entry.card.id, entry])),
    linksOf: linksByEnd(doc.links),
    shown: new Set(),
  }
  const titles = new Map([...sheet.cards].map(([id, { card }]) => [id, card.title]))
  const timeZone = options.timeZone ?? doc.workshop.timeZone ?? WORKSHOP_TIME_ZONE
  const lines = [
    ...header(sheet, timeZone),
    ...coalitionSheetSection(sheet),
    ...presentation(sheet),
    ...impacts(sheet),
    ...actors(sheet),
    ...levers(sheet),
    ...compassSection(doc, titles, labels),
    ...votesSection(doc, labels),
    ...roadmap(sheet, timeZone),
    ...others(sheet),
  ]
  return `${lines.join('\n').trimEnd()}\n`
}
