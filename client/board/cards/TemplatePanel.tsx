import { useId, useState } from 'react'
import { useEditor, uniqueId, type TLShapePartial } from 'tldraw'
import { TEMPLATES } from '../../../shared/templates'
import type { TemplateId } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { SidePanel } from '../SidePanel'
import { freshIdPrefix, templateOrigin, templateRecordsFor } from './templatePlacement'

const INSERTABLE = TEMPLATES.filter((template) => template.id !== 'blank')

/**
 * "Insert a template" from the board: the chosen template's frames and instructions, in
 * the UI language, to the right of what the board holds, as one undoable step; the view
 * then moves to it.
 */
export function TemplatePanel() {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { readOnly } = useBoardInfo()
  const [choice, setChoice] = useState<TemplateId>(INSERTABLE[0].id)
  const [done, setDone] = useState<string | null>(null)
  const selectId = useId()
  if (readOnly) return null
  const chosen = INSERTABLE.find((template) => template.id === choice) ?? INSERTABLE[0]

  const insert = () => {
    const origin = templateOrigin(editor.getCurrentPageBounds())
    const records = templateRecordsFor(
      chosen.id,
      locale,
      origin,
      freshIdPrefix(chosen.id, uniqueId()),
      editor.getCurrentPageId(),
    )
    editor.markHistoryStoppingPoint(`insert template ${chosen.id}`)
    editor.run(() => editor.createShapes(records as unknown as TLShapePartial[]), { ignoreShapeLock: true })
    const topLevel = records.filter((r) => r.parentId === editor.getCurrentPageId()).map((r) => r.id)
    const bounds = editor.getShapesPageBounds(topLevel as never)
    if (bounds) editor.zoomToBounds(bounds, { animation: { duration: editor.options.animationMediumMs } })
    setDone(t('cards.template.inserted', { name: chosen.name[locale] }))
  }

  return (
    <SidePanel id="template" title={t('cards.template.title')} className="cb-template-panel">
      <div className="cb-field">
        <label htmlFor={selectId}>{t('cards.template.choice')}</label>
        <select
          id={selectId}
          value={chosen.id}
          aria-describedby={`${selectId}-hint`}
          onChange={(e) => {
            setChoice(e.target.value as TemplateId)
            setDone(null)
          }}
        >
          {INSERTABLE.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name[locale]}
            </option>
          ))}
        </select>
        <small id={`${selectId}-hint`}>{chosen.description[locale]}</small>
      </div>
      <button type="button" className="cb-button cb-button--small" onClick={insert}>
        {t('cards.template.insert')}
      </button>
      <p className="cb-muted" role="status">
        {done}
      </p>
    </SidePanel>
  )
}
