import { ACTION_STATUS_OPTIONS } from '../cards/action'
import { notSetLabel } from '../cards/cardTypes'
import { optionLabel } from '../cards/fields'
import { dayIn } from '../export/fileName'
import { EXPORT_LABELS } from '../export/labels'
import { buildMarkdown } from '../export/markdown'
import { formatDay as formatActionDay } from '../export/markdownRoadmap'
import type { CoalitionRoadmap } from '../roadmap/coalitionRoadmap'
import { isOverdue } from '../roadmap/roadmap'
import { colon, formatDate, mdField, mdTable, mdText } from '../export/markdownText'
import type { ExportDocument } from '../export/schema'
import type { Locale } from '../workshop'
import { COHORT_LABELS, DECISION_LABELS, LIVRET_LABELS, STATUS_LABELS, type LivretLabels } from './labels'
import { chronological, groupPanorama, summarizeCoalition } from './panorama'
import { currentDecision, decisionHistory, type Decision, type SpaceRecord } from './space'
import { outcomesOf, type CoalitionView } from './view'

/**
 * The booklet of a space (*livret des coalitions*), the document a programme sends: the
 * cohort table, then every coalition grouped by theme with its cohort, status, needs,
 * co-leads, decision and workshops, and its sheet built from its latest workshop by the
 * same `buildMarkdown` the workshop export uses (its headings moved three levels down).
 */

export interface LivretInput {
  space: SpaceRecord
  coalitions: readonly CoalitionView[]
  /** Export document of each coalition's latest workshop, by coalition id (absent: no workshop). */
  sheets: ReadonlyMap<string, ExportDocument>
  /** Server clock, ms since epoch. */
  exportedAt: number
  /** Time zone of the dates. Default Europe/Paris, like the sheets. */
  timeZone?: string
}

/** Markdown keeps six heading levels: the sheet's `#`…`###` become `####`…`######`. */
const SHEET_SHIFT = 3

/** A `YYYY-MM-DD` day as a long date; noon UTC so no time zone moves it to another day. */
export function formatDay(day: string, locale: Locale): string {
  return formatDate(`${day}T12:00:00Z`, locale, 'UTC')
}

function decisionText(decision: Decision | null, labels: LivretLabels, locale: Locale): string {
  if (!decision) return labels.noDecision
  const reason = decision.reason.trim() ? ` — ${mdText(decision.reason)}` : ''
  return `${DECISION_LABELS[decision.decision][locale]} (${formatDay(decision.date, locale)})${reason}`
}

function listOrNone(items: readonly string[], labels: LivretLabels): string {
  return items.length > 0 ? items.map(mdText).join(', ') : labels.none
}

/** The sheet's lines under a heading of ours, every heading shifted down. */
function embeddedSheet(doc: ExportDocument, labels: LivretLabels, locale: Locale, timeZone: string): string[] {
  const lines = buildMarkdown(doc, { timeZone }).trimEnd().split('\n')
  // The sheet opens with `# <workshop title>`: replaced by a heading saying where it comes from.
  const body = lines[0]?.startsWith('# ') ? lines.slice(1) : lines
  const heading = `${'#'.repeat(1 + SHEET_SHIFT)} ${labels.sheetFrom}${colon(locale)} « ${mdText(doc.workshop.title)} »`
  const shifted = body.map((line) => (/^#{1,3} /.test(line) ? `${'#'.repeat(SHEET_SHIFT)}${line}` : line))
  return [heading, ...shifted, '']
}

function coalitionBlock(
  coalition: CoalitionView,
  input: LivretInput,
  labels: LivretLabels,
  timeZone: string,
): string[] {
  const locale = input.space.locale
  const field = (label: string, value: string) => `- ${mdField(label, value, locale)}`
  const summary = summarizeCoalition(outcomesOf(coalition), dayIn(input.exportedAt, timeZone))
  const lines = [
    `### ${mdText(coalition.title)}`,
    '',
    field(labels.cohort, COHORT_LABELS[coalition.cohort][locale]),
    field(labels.status, STATUS_LABELS[coalition.status][locale]),
    field(labels.needs, listOrNone(coalition.needs, labels)),
    field(labels.coLeads, listOrNone(coalition.coLeads, labels)),
    field(labels.decision, decisionText(currentDecision(coalition.decisions), labels, locale)),
  ]
  if (summary.latest) lines.push(field(labels.actorsEngaged, `${summary.actorsEngaged} / ${summary.actorsTotal}`))
  const workshops = chronological(outcomesOf(coalition))
  if (workshops.length === 0) lines.push(field(labels.workshops, labels.noWorkshop))
  else {
    lines.push(`- **${labels.workshops}${colon(locale)}**`)
    for (const outcome of workshops) {
      const phase = outcome.phase ? ` — ${labels.phase}${colon(locale)} ${mdText(outcome.phase.name)}` : ''
      lines.push(
        `  - ${mdText(outcome.title)} — ${formatDate(new Date(outcome.createdAt).toISOString(), locale, timeZone)}${phase}`,
      )
    }
  }
  lines.push('')
  if (coalition.decisions.length > 1) {
    lines.push(`#### ${labels.history}`, '')
    for (const decision of decisionHistory(coalition.decisions))
      lines.push(`- ${decisionText(decision, labels, locale)}`)
    lines.push('')
  }
  lines.push(...roadmapBlock(summary.roadmap, labels, locale, dayIn(input.exportedAt, timeZone)))
  const sheet = input.sheets.get(coalition.id)
  if (sheet) lines.push(...embeddedSheet(sheet, labels, locale, timeZone))
  return lines
}

/**
 * The coalition's roadmap across all its workshops: done/total, then every action, overdue
 * first and marked, with the workshop its latest status comes from. Empty without actions.
 */
function roadmapBlock(roadmap: CoalitionRoadmap, labels: LivretLabels, locale: Locale, today: string): string[] {
  if (roadmap.actions.length === 0) return []
  const words = EXPORT_LABELS[locale]
  const { done, total, overdue } = roadmap.progress
  const rows = roadmap.actions.map((action) => {
    const status = action.status ? optionLabel(ACTION_STATUS_OPTIONS, action.status, locale) : notSetLabel(locale)
    return [
      mdText(action.what) || words.untitled,
      mdText(action.owner) || '–',
      action.due ? formatActionDay(action.due, locale) : '–',
      isOverdue(action, today) ? `${status} (**${words.overdue}**)` : status,
      mdText(action.workshopTitle),
    ]
  })
  return [
    `#### ${labels.roadmap}`,
    '',
    words.roadmapProgress(done, total, overdue),
    '',
    ...mdTable([words.action, words.owner, words.due, words.status, labels.workshop], rows),
    '',
  ]
}

/** The booklet as Markdown (CommonMark with GFM tables), in the space's language. */
export function buildLivretMarkdown(input: LivretInput): string {
  const { space } = input
  const locale = space.locale
  const labels = LIVRET_LABELS[locale]
  const timeZone = input.timeZone ?? 'Europe/Paris'
  const lines = [`# ${labels.booklet} — ${mdText(space.title)}`, '']
  if (space.description.trim())
    lines.push(
      ...space.description
        .trim()
        .split(/\n\s*\n/)
        .map((paragraph) => mdText(paragraph))
        .flatMap((p) => [p, '']),
    )
  lines.push(
    `- ${mdField(labels.date, formatDate(new Date(input.exportedAt).toISOString(), locale, timeZone), locale)}`,
    `- ${mdField(labels.coalitions, String(input.coalitions.length), locale)}`,
    '',
  )

  const themeLabel = new Map(space.themes.map((theme) => [theme.id, theme.label]))
  const byCohort = groupPanorama([...input.coalitions], {
    by: 'cohort',
    themes: space.themes,
    locale,
    noThemeLabel: labels.noTheme,
  })
  lines.push(`## ${labels.cohortTable}`, '')
  const rows = byCohort.flatMap((group) =>
    group.items.map((coalition) => [
      group.label,
      mdText(coalition.title),
      mdText((coalition.themeId && themeLabel.get(coalition.themeId)) || labels.noTheme),
      STATUS_LABELS[coalition.status][locale],
      currentDecision(coalition.decisions)
        ? DECISION_LABELS[currentDecision(coalition.decisions)!.decision][locale]
        : labels.none,
    ]),
  )
  if (rows.length > 0)
    lines.push(...mdTable([labels.cohort, labels.coalition, labels.theme, labels.status, labels.decision], rows), '')
  else lines.push(labels.none, '')

  const byTheme = groupPanorama([...input.coalitions], {
    by: 'theme',
    themes: space.themes,
    locale,
    noThemeLabel: labels.noTheme,
  })
  for (const group of byTheme) {
    if (group.items.length === 0) continue
    lines.push(`## ${mdText(group.label)}`, '')
    for (const coalition of group.items) lines.push(...coalitionBlock(coalition, input, labels, timeZone))
  }
  return `${lines.join('\n').trimEnd()}\n`
}
