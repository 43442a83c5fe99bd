import { useState } from 'react'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { workshopTimeZone } from '../../../shared/control/meta'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { boardImage, frameChoices, type ImageFormat, type ImageScope } from './boardImages'
import { fetchExport, saveFile, type ExportFormat } from './outcomeApi'
import { StatusLine } from './StatusLine'
import { useOutcomeStatus } from './useOutcomeStatus'
import { reportUrl } from './workshopLink'

/**
 * One click each: the sheet to send (Markdown), data for a spreadsheet (CSV), the backup
 * that restores the board (JSON), an image for slides (PNG/SVG of the board, a frame or
 * the selection) and the printable report.
 */

type CsvTable = 'cards' | 'votes' | 'compass'

/** A spreadsheet opens one table per CSV file: the cards, the votes and the compass each have theirs. */
const FILES: {
  format: ExportFormat
  table?: CsvTable
  testId: string
  key:
    | 'export.download.md'
    | 'export.download.csv'
    | 'export.download.csvVotes'
    | 'export.download.csvCompass'
    | 'export.download.json'
}[] = [
  { format: 'md', key: 'export.download.md', testId: 'export-md' },
  { format: 'csv', key: 'export.download.csv', testId: 'export-csv' },
  { format: 'csv', table: 'votes', key: 'export.download.csvVotes', testId: 'export-csv-votes' },
  { format: 'csv', table: 'compass', key: 'export.download.csvCompass', testId: 'export-csv-compass' },
  { format: 'json', key: 'export.download.json', testId: 'export-json' },
]

function scopeValue(scope: ImageScope): string {
  return scope.kind === 'frame' ? `frame:${scope.frameId}` : scope.kind
}

function parseScope(value: string): ImageScope {
  if (value.startsWith('frame:')) return { kind: 'frame', frameId: value.slice('frame:'.length) as TLShapeId }
  return value === 'selection' ? { kind: 'selection' } : { kind: 'page' }
}

export function DownloadSection({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT()
  const editor = useEditor()
  const meta = useControlPublic('meta')
  const title = meta?.title ?? ''
  const timeZone = workshopTimeZone(meta)
  const { status, busy, run } = useOutcomeStatus()
  const [scopeText, setScopeText] = useState('page')
  const frames = useValue('export frames', () => frameChoices(editor), [editor])
  const selected = useValue('export selection size', () => editor.getSelectedShapeIds().length, [editor])
  // A frame deleted meanwhile, or an empty selection, falls back to the whole board.
  const scope = parseScope(scopeText)
  const scopeOk =
    scope.kind === 'page' || (scope.kind === 'selection' ? selected > 0 : frames.some((f) => f.id === scope.frameId))
  const effective: ImageScope = scopeOk ? scope : { kind: 'page' }

  const download = (format: ExportFormat, table?: CsvTable) =>
    run(async () => {
      const file = await fetchExport(workshopId, token, format, table)
      if (!file.ok) return { kind: 'error', text: t('export.error', { detail: file.message }) }
      saveFile(file.value.blob, file.value.name)
      return { kind: 'done', text: t('export.downloaded', { name: file.value.name }) }
    })

  const image = (format: ImageFormat) =>
    run(async () => {
      const file = await boardImage(editor, effective, format, title, timeZone)
      if (!file) return { kind: 'error', text: t('export.image.empty') }
      saveFile(file.blob, file.name)
      return { kind: 'done', text: t('export.downloaded', { name: file.name }) }
    })

  return (
    <>
      <div className="cb-ex-group" role="group" aria-labelledby="cb-ex-files">
        <h3 id="cb-ex-files">{t('export.section.files')}</h3>
        <div className="cb-ex-buttons">
          {FILES.map(({ format, table, key, testId }) => (
            <button
              key={testId}
              type="button"
              className="cb-ex-button"
              disabled={busy}
              onClick={() => void download(format, table)}
              data-testid={testId}
            >
              {t(key)}
            </button>
          ))}
        </div>
        <p className="cb-ex-help">{t('export.download.help')}</p>
      </div>

      <div className="cb-ex-group" role="group" aria-labelledby="cb-ex-images">
        <h3 id="cb-ex-images">{t('export.section.images')}</h3>
        <label className="cb-ex-field">
          <span>{t('export.image.scope')}</span>
          <select
            value={scopeValue(effective)}
            onChange={(e) => setScopeText(e.target.value)}
            data-testid="export-image-scope"
          >
            <option value="page">{t('export.image.page')}</option>
            <option value="selection" disabled={selected === 0}>
              {t('export.image.selection', { count: selected })}
            </option>
            {frames.map((frame) => (
              <option key={frame.id} value={`frame:${frame.id}`}>
                {t('export.image.frame', { name: frame.name })}
              </option>
            ))}
          </select>
        </label>
        <div className="cb-ex-buttons">
          <button
            type="button"
            className="cb-ex-button"
            disabled={busy}
            onClick={() => void image('png')}
            data-testid="export-png"
          >
            {t('export.image.png')}
          </button>
          <button
            type="button"
            className="cb-ex-button"
            disabled={busy}
            onClick={() => void image('svg')}
            data-testid="export-svg"
          >
            {t('export.image.svg')}
          </button>
        </div>
      </div>

      <div className="cb-ex-group" role="group" aria-labelledby="cb-ex-report">
        <h3 id="cb-ex-report">{t('export.section.report')}</h3>
        <a
          className="cb-ex-button"
          href={reportUrl(workshopId, token)}
          target="_blank"
          rel="noopener"
          data-testid="export-report"
        >
          {t('export.report.open')}
        </a>
        <p className="cb-ex-help">{t('export.report.help')}</p>
      </div>
      <StatusLine status={status} />
    </>
  )
}
