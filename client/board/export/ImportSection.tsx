import { useState, type ChangeEvent } from 'react'
import type { CreatedWorkshop } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { rememberWorkshop } from '../../landing/MyWorkshopsStore'
import { importWorkshop } from './outcomeApi'
import { StatusLine } from './StatusLine'
import { useOutcomeStatus } from './useOutcomeStatus'

/**
 * A backup (the JSON export) becomes a new workshop, identical in content, with new links;
 * this board is not touched. A refused file says what is wrong and where.
 */
export function ImportSection() {
  const t = useT()
  const { status, busy, run } = useOutcomeStatus()
  const [created, setCreated] = useState<CreatedWorkshop | null>(null)

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setCreated(null)
    void run(async () => {
      const result = await importWorkshop(await file.text())
      if (!result.ok) return { kind: 'error', text: t('export.error', { detail: result.message }) }
      setCreated(result.value)
      // « Mes ateliers » lists the copy at once (its title, from the server, says it is one), with its three links.
      const { id, links, title } = result.value
      rememberWorkshop({
        id,
        title: title ?? t('export.import.untitled'),
        role: 'facilitator',
        link: links.facilitator,
        links,
      })
      return { kind: 'done', text: t('export.import.done') }
    })
  }

  return (
    <div className="cb-ex-group">
      <label className="cb-ex-field">
        <span>{t('export.import.file')}</span>
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={onFile}
          data-testid="import-file"
        />
      </label>
      <p className="cb-ex-help">{t('export.import.help')}</p>
      <StatusLine status={status} />
      {created && (
        <p>
          <a
            className="cb-ex-button"
            href={created.links.facilitator}
            target="_blank"
            rel="noopener"
            data-testid="import-open"
          >
            {t('export.import.open')}
          </a>
        </p>
      )}
    </div>
  )
}
