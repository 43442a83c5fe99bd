import { useEffect, useId, useState, type FormEvent } from 'react'
import { SHEET_LIMITS, SHEET_LIST_ITEMS, type CoalitionSheet, type SheetState } from '../../../shared/control/sheet'
import type { MessageKey } from '../../i18n/translate'
import { formatDateTime } from '../../i18n/format'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { useControlPublic } from '../control/useControl'
import { useCommand } from '../control/useCommand'
import { SidePanel } from '../SidePanel'
import './sheet.css'

/**
 * The « Fiche coalition »: what the coalition is for (« Pour … »), its problem and context,
 * horizon, needs, co-leads and how it works. Everyone reads it; a facilitator fills it (the
 * server refuses anyone else). In a programme space the server keeps it in step with the
 * coalition, so what is saved here is what the space shows, and the other way round.
 */

type Draft = Record<keyof CoalitionSheet, string>

const TEXT_FIELDS: { field: keyof CoalitionSheet; label: MessageKey; rows: number; max: number }[] = [
  { field: 'statement', label: 'sheet.statement', rows: 2, max: SHEET_LIMITS.statement },
  { field: 'problem', label: 'sheet.problem', rows: 4, max: SHEET_LIMITS.problem },
  { field: 'horizon', label: 'sheet.horizon', rows: 1, max: SHEET_LIMITS.horizon },
  { field: 'needs', label: 'sheet.needs', rows: 3, max: SHEET_LIST_ITEMS * (SHEET_LIMITS.listItem + 1) },
  { field: 'coLeads', label: 'sheet.coLeads', rows: 3, max: SHEET_LIST_ITEMS * (SHEET_LIMITS.listItem + 1) },
  { field: 'modalities', label: 'sheet.modalities', rows: 3, max: SHEET_LIMITS.modalities },
]

const LISTS = new Set<keyof CoalitionSheet>(['needs', 'coLeads'])

function draftOf(sheet: SheetState): Draft {
  return {
    statement: sheet.statement,
    problem: sheet.problem,
    horizon: sheet.horizon,
    needs: sheet.needs.join('\n'),
    coLeads: sheet.coLeads.join('\n'),
    modalities: sheet.modalities,
  }
}

/** One entry per line for the lists; the server trims and drops blanks and duplicates. */
function commandOf(draft: Draft) {
  const lines = (text: string) => text.split('\n')
  return {
    type: 'sheet.update' as const,
    statement: draft.statement,
    problem: draft.problem,
    horizon: draft.horizon,
    needs: lines(draft.needs),
    coLeads: lines(draft.coLeads),
    modalities: draft.modalities,
  }
}

export function SheetPanel() {
  const t = useT()
  const sheet = useControlPublic('sheet')
  const { role } = useBoardInfo()
  if (!sheet) return null
  const filled = sheet.statement !== '' || sheet.updatedAt !== null
  return (
    <SidePanel
      id="sheet"
      title={t('sheet.title')}
      badge={filled ? undefined : t('sheet.badge.empty')}
      testId="sheet-panel"
    >
      {role === 'facilitator' ? <SheetForm sheet={sheet} /> : <SheetReading sheet={sheet} />}
      <LastChange sheet={sheet} />
    </SidePanel>
  )
}

function LastChange({ sheet }: { sheet: SheetState }) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  if (sheet.updatedAt === null) return null
  const when = formatDateTime(locale, sheet.updatedAt)
  return (
    <p className="cb-fp-muted" data-testid="sheet-changed">
      {sheet.updatedBy ? t('sheet.changedBy', { name: sheet.updatedBy, when }) : t('sheet.changed', { when })}
    </p>
  )
}

function SheetReading({ sheet }: { sheet: SheetState }) {
  const t = useT()
  const entries = TEXT_FIELDS.map(({ field, label }) => {
    const value = sheet[field]
    return { field, label, text: Array.isArray(value) ? value.join(', ') : value }
  }).filter((entry) => entry.text !== '')
  if (entries.length === 0) return <p className="cb-fp-muted">{t('sheet.empty')}</p>
  return (
    <dl className="cb-sheet__reading" data-testid="sheet-reading">
      {entries.map(({ field, label, text }) => (
        <div key={field} data-field={field}>
          <dt>{t(label)}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  )
}

function SheetForm({ sheet }: { sheet: SheetState }) {
  const t = useT()
  const run = useCommand()
  const formId = useId()
  const [draft, setDraft] = useState<Draft>(() => draftOf(sheet))
  const [dirty, setDirty] = useState(false)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)
  // Another facilitator's save (or the space's admin) arrives while this form is untouched: show it.
  useEffect(() => {
    if (!dirty) setDraft(draftOf(sheet))
  }, [sheet, dirty])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSaving(true)
    // An answer is always an object: only `ok` says the server took it (a refusal keeps the draft).
    const answer = await run(commandOf(draft))
    setSaving(false)
    if (answer.ok) {
      setDirty(false)
      setSaved(true)
    }
  }
  return (
    <form className="cb-sheet__form" onSubmit={(event) => void submit(event)} data-testid="sheet-form">
      {TEXT_FIELDS.map(({ field, label, rows, max }) => {
        const id = `${formId}-${field}`
        return (
          <div className="cb-sheet__field" key={field}>
            <label htmlFor={id}>{t(label)}</label>
            {LISTS.has(field) && (
              <span className="cb-fp-muted" id={`${id}-hint`}>
                {t('sheet.onePerLine')}
              </span>
            )}
            <textarea
              id={id}
              name={field}
              rows={rows}
              maxLength={max}
              value={draft[field]}
              aria-describedby={LISTS.has(field) ? `${id}-hint` : undefined}
              placeholder={field === 'statement' ? t('sheet.statementPlaceholder') : undefined}
              onChange={(event) => {
                setDraft({ ...draft, [field]: event.target.value })
                setDirty(true)
                setSaved(false)
              }}
              // Typing in the sheet must not reach tldraw's shortcuts.
              onKeyDown={(event) => event.stopPropagation()}
            />
          </div>
        )
      })}
      <div className="cb-sheet__actions">
        <button type="submit" disabled={saving || !dirty}>
          {t('sheet.save')}
        </button>
        <span role="status" className="cb-fp-status">
          {saved && !dirty ? t('sheet.saved') : ''}
        </span>
      </div>
    </form>
  )
}
