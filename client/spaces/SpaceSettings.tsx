import { useState, type FormEvent } from 'react'
import type { PatchSpace, SpaceRecord } from '../../shared/spaces/space'
import { useT } from '../i18n/useT'

interface ThemeRow {
  /** Absent for a theme added here: the server gives it an id from its label. */
  id?: string
  label: string
  /** Stable React key across edits. */
  key: string
}

let rowSeq = 0

/**
 * The admin's settings of a space: title, description and the editable list of themes (the
 * deck's three to start with). Removing a theme that coalitions still use is refused by the
 * server with a message saying which one.
 */
export function SpaceSettings({
  space,
  onSave,
  onClose,
}: {
  space: SpaceRecord
  onSave(patch: PatchSpace): Promise<string | null>
  onClose(): void
}) {
  const t = useT()
  const [title, setTitle] = useState(space.title)
  const [description, setDescription] = useState(space.description)
  const [themes, setThemes] = useState<ThemeRow[]>(() => space.themes.map((theme) => ({ ...theme, key: theme.id })))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const setLabel = (key: string, label: string) =>
    setThemes((rows) => rows.map((row) => (row.key === key ? { ...row, label } : row)))
  const move = (index: number, by: number) =>
    setThemes((rows) => {
      const next = [...rows]
      const [row] = next.splice(index, 1)
      next.splice(index + by, 0, row)
      return next
    })

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!title.trim()) {
      setError(t('space.create.titleRequired'))
      return
    }
    setSaving(true)
    const message = await onSave({
      title: title.trim(),
      description: description.trim(),
      themes: themes
        .filter((row) => row.label.trim() !== '')
        .map((row) => (row.id ? { id: row.id, label: row.label.trim() } : { label: row.label.trim() })),
    })
    setSaving(false)
    setError(message)
    if (!message) onClose()
  }

  return (
    <form className="cb-card cb-space-settings" onSubmit={submit} noValidate aria-labelledby="cb-space-settings-title">
      <h2 id="cb-space-settings-title">{t('space.settings.title')}</h2>
      <div className="cb-field">
        <label htmlFor="cb-settings-title">{t('space.field.title')}</label>
        <input id="cb-settings-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="cb-field">
        <label htmlFor="cb-settings-description">{t('space.field.description')}</label>
        <textarea
          id="cb-settings-description"
          rows={3}
          value={description}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <fieldset className="cb-themes">
        <legend>{t('space.settings.themes')}</legend>
        <ol>
          {themes.map((row, index) => (
            <li key={row.key}>
              <input
                aria-label={t('space.settings.themeLabel', { n: index + 1 })}
                value={row.label}
                maxLength={100}
                onChange={(e) => setLabel(row.key, e.target.value)}
              />
              <button
                type="button"
                className="cb-button cb-button--quiet cb-button--small"
                disabled={index === 0}
                onClick={() => move(index, -1)}
                aria-label={t('space.settings.up', { label: row.label })}
              >
                ↑
              </button>
              <button
                type="button"
                className="cb-button cb-button--quiet cb-button--small"
                disabled={index === themes.length - 1}
                onClick={() => move(index, 1)}
                aria-label={t('space.settings.down', { label: row.label })}
              >
                ↓
              </button>
              <button
                type="button"
                className="cb-button cb-button--quiet cb-button--small"
                onClick={() => setThemes((rows) => rows.filter((r) => r.key !== row.key))}
                aria-label={t('space.settings.remove', { label: row.label })}
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="cb-button cb-button--quiet cb-button--small"
          onClick={() => setThemes((rows) => [...rows, { label: '', key: `new-${++rowSeq}` }])}
        >
          {t('space.settings.addTheme')}
        </button>
      </fieldset>
      {error && (
        <p className="cb-error" role="alert">
          {error}
        </p>
      )}
      <div className="cb-actions">
        <button type="submit" className="cb-button" disabled={saving}>
          {t('space.save')}
        </button>
        <button type="button" className="cb-button cb-button--quiet" onClick={onClose}>
          {t('space.cancel')}
        </button>
      </div>
    </form>
  )
}
