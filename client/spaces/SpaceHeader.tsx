import { useState } from 'react'
import type { PatchSpace } from '../../shared/spaces/space'
import type { SpaceView } from '../../shared/spaces/view'
import { useT } from '../i18n/useT'
import { CopyLink } from '../CopyLink'
import { fetchLivret } from './spaceApi'
import { SpaceSettings } from './SpaceSettings'

/** Saves a downloaded file under the name the server gave it. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The top of a space: its title and description, the read-only badge, and for an admin the
 * two links to share, the settings (title, description, themes) and the booklet export.
 */
export function SpaceHeader({
  view,
  token,
  onSave,
}: {
  view: SpaceView
  token: string
  onSave(patch: PatchSpace): Promise<string | null>
}) {
  const t = useT()
  const [editing, setEditing] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const { space } = view

  async function download(format: 'md' | 'json') {
    setExporting(true)
    const result = await fetchLivret(space.id, token, format)
    setExporting(false)
    if (result.ok) {
      setExportError(null)
      saveFile(result.value.blob, result.value.fileName)
    } else {
      setExportError(
        result.kind === 'unreachable'
          ? t('landing.error.network')
          : t('space.error.failed', { detail: result.message ?? String(result.status ?? '') }),
      )
    }
  }

  if (editing) return <SpaceSettings space={space} onSave={onSave} onClose={() => setEditing(false)} />

  return (
    <section className="cb-space-header" aria-labelledby="cb-space-title">
      <p className="cb-space-header__kind">
        {t('space.kind')}
        {view.role === 'viewer' && <span className="cb-tag cb-tag--readonly">{t('space.readOnly')}</span>}
      </p>
      <h1 id="cb-space-title">{space.title}</h1>
      {space.description &&
        space.description.split(/\n\s*\n/).map((paragraph, i) => (
          <p key={i} className="cb-space-header__description">
            {paragraph}
          </p>
        ))}
      {view.links && (
        <div className="cb-space-header__admin">
          <div className="cb-actions">
            <button type="button" className="cb-button cb-button--quiet" onClick={() => setEditing(true)}>
              {t('space.settings.open')}
            </button>
            <button type="button" className="cb-button" disabled={exporting} onClick={() => download('md')}>
              {t('space.export.md')}
            </button>
            <button
              type="button"
              className="cb-button cb-button--quiet"
              disabled={exporting}
              onClick={() => download('json')}
            >
              {t('space.export.json')}
            </button>
          </div>
          {exportError && (
            <p className="cb-error" role="alert">
              {exportError}
            </p>
          )}
          <details className="cb-space-links">
            <summary>{t('space.links.title')}</summary>
            <ul className="cb-links">
              <CopyLink
                id="cb-space-link-admin"
                label={t('space.link.admin')}
                help={t('space.link.adminHelp')}
                url={view.links.admin}
              />
              <CopyLink
                id="cb-space-link-viewer"
                label={t('space.link.viewer')}
                help={t('space.link.viewerHelp')}
                url={view.links.viewer}
                testId="space-viewer-link"
              />
            </ul>
          </details>
        </div>
      )}
    </section>
  )
}
