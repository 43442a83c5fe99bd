import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { compassPublicView, type CompassPublicView } from '../../shared/control/compass'
import { tokenSchema, workshopIdSchema } from '../../shared/ids'
import type { ExportDocument } from '../../shared/export'
import { getConfig } from '../backend/workshopApi'
import { fetchExportText } from '../board/export/outcomeApi'
import { useT } from '../i18n/useT'
import { InvalidLinkPage } from '../pages/InvalidLinkPage'
import { MessagePage } from '../pages/MessagePage'
import { ServerUnreachablePage } from '../pages/ServerUnreachablePage'
import { WorkshopNotFoundPage } from '../pages/WorkshopGonePages'
import { RadarFigure } from './RadarFigure'
import { reportFrames } from './reportFrames'
import { reportRadars } from './reportRadars'
import { parseSheet } from './sheetMarkdown'
import { SheetView } from './SheetView'
import './report.css'

/**
 * `/w/<id>/report#token=<facilitator token>`: the printable report of a workshop — the
 * coalition sheet, the compass radars, an image of the whole board, then each top-level
 * frame on a landscape page of its own (readable at print size) — to print or save as PDF
 * with the browser (`window.print()`; print CSS hides the buttons). Everything comes from
 * the server's export of the workshop; tldraw loads only for the board image.
 */

const BoardImage = lazy(() => import('./BoardImage'))

type Phase =
  | { kind: 'loading' }
  | { kind: 'page'; page: 'invalid' | 'not-found' | 'forbidden' | 'unreachable' }
  | {
      kind: 'ready'
      markdown: string
      doc: ExportDocument
      licenseKey: string | undefined
      compass: CompassPublicView | undefined
    }

export default function ReportRoute({ workshopId, token }: { workshopId: string; token: string | null }) {
  const t = useT()
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let cancelled = false
    if (!token || !tokenSchema.safeParse(token).success || !workshopIdSchema.safeParse(workshopId).success) {
      setPhase({ kind: 'page', page: 'invalid' })
      return
    }
    void (async () => {
      const [markdown, json, config] = await Promise.all([
        fetchExportText(workshopId, token, 'md'),
        fetchExportText(workshopId, token, 'json'),
        getConfig(),
      ])
      if (cancelled) return
      if (!markdown.ok || !json.ok) {
        const status = !markdown.ok ? markdown.status : !json.ok ? json.status : 0
        const page =
          status === 401 ? 'invalid' : status === 404 ? 'not-found' : status === 403 ? 'forbidden' : 'unreachable'
        setPhase({ kind: 'page', page })
        return
      }
      const licenseKey = (config.ok && config.value.tldrawLicenseKey) || undefined
      const doc = JSON.parse(json.value) as ExportDocument
      setPhase({ kind: 'ready', markdown: markdown.value, doc, licenseKey, compass: viewerCompass(doc) })
    })()
    return () => {
      cancelled = true
    }
  }, [workshopId, token, attempt])

  const ready = phase.kind === 'ready' ? phase : null
  const blocks = useMemo(() => (ready ? parseSheet(ready.markdown) : []), [ready])
  const radars = useMemo(() => (ready ? reportRadars(ready.doc) : []), [ready])
  const frames = useMemo(() => (ready ? reportFrames(ready.doc.board.records, ready.doc.workshop.locale) : []), [ready])

  useEffect(() => {
    if (ready) document.title = `${t('export.report.title', { title: ready.doc.workshop.title })} · ${t('app.name')}`
  }, [ready, t])

  if (phase.kind === 'loading') return <p className="cb-loading">{t('export.report.loading')}</p>
  if (phase.kind === 'page') {
    switch (phase.page) {
      case 'invalid':
        return <InvalidLinkPage />
      case 'not-found':
        return <WorkshopNotFoundPage />
      case 'forbidden':
        return (
          <MessagePage
            testId="report-forbidden"
            title={t('page.forbidden.title')}
            body={t('export.report.forbidden')}
          />
        )
      case 'unreachable':
        return <ServerUnreachablePage onRetry={() => setAttempt((n) => n + 1)} />
    }
  }

  const { doc, licenseKey, compass } = phase
  const locale = doc.workshop.locale
  const boardHref = `/w/${encodeURIComponent(workshopId)}#token=${encodeURIComponent(token ?? '')}`
  return (
    <main className="cb-report" lang={locale} data-testid="report">
      <div className="cb-report-toolbar" role="toolbar" aria-label={t('export.report.toolbar')}>
        <button type="button" className="cb-button" onClick={() => window.print()} data-testid="report-print">
          {t('export.report.print')}
        </button>
        <a className="cb-button cb-button--quiet" href={boardHref}>
          {t('export.report.back')}
        </a>
        <span className="cb-report-hint">{t('export.report.hint')}</span>
      </div>

      <SheetView blocks={blocks} />

      <section className="cb-report-section" aria-labelledby="cb-report-compass">
        <h2 id="cb-report-compass">{t('export.report.compass')}</h2>
        {radars.length === 0 ? (
          <p>{t('export.report.noCompass')}</p>
        ) : (
          <div className="cb-report-radars" data-testid="report-radars">
            {radars.map((radar) => (
              <RadarFigure
                key={radar.key}
                radar={radar}
                locale={locale}
                title={
                  radar.cardTitle === null
                    ? t('export.report.compassCoalition')
                    : t('export.report.compassCard', { title: radar.cardTitle })
                }
              />
            ))}
          </div>
        )}
      </section>

      <section className="cb-report-section cb-report-section--board" aria-labelledby="cb-report-board">
        <h2 id="cb-report-board">{t('export.report.board')}</h2>
        <Suspense fallback={<p>{t('export.report.boardLoading')}</p>}>
          <BoardImage
            records={doc.board.records}
            schema={doc.board.schema}
            licenseKey={licenseKey}
            label={t('export.report.board')}
            fallback={<p>{t('export.report.boardUnavailable')}</p>}
            compass={compass}
          />
        </Suspense>
      </section>

      {frames.length > 0 && (
        <section className="cb-report-section cb-report-frames" aria-labelledby="cb-report-frames">
          <h2 id="cb-report-frames" className="cb-report-frames-title">
            {t('export.report.frames')}
          </h2>
          {frames.map((frame) => (
            <section
              key={frame.id}
              className="cb-report-frame"
              aria-labelledby={`cb-report-frame-${frame.id}`}
              data-testid="report-frame"
            >
              <h3 id={`cb-report-frame-${frame.id}`}>{frame.name}</h3>
              <Suspense fallback={<p>{t('export.report.boardLoading')}</p>}>
                <BoardImage
                  records={doc.board.records}
                  schema={doc.board.schema}
                  licenseKey={licenseKey}
                  label={t('export.report.frameImage', { name: frame.name })}
                  fallback={<p>{t('export.report.boardUnavailable')}</p>}
                  compass={compass}
                  bounds={frame.bounds}
                  className="cb-report-board--frame"
                  testId="report-frame-image"
                />
              </Suspense>
            </section>
          ))}
        </section>
      )}
    </main>
  )
}

/** The rounds as a viewer sees them (revealed results only), from the export's control state. */
function viewerCompass(doc: ExportDocument): CompassPublicView | undefined {
  const state = (doc.control as Partial<ExportDocument['control']> | undefined)?.compass
  return state ? compassPublicView(state, 'viewer') : undefined
}
