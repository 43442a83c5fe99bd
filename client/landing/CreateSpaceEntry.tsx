import { useState, type ComponentType } from 'react'
import { withAllMessages } from '../i18n/translate'
import { useT } from '../i18n/useT'
import '../spaces/createSpace.css'

type FormComponent = ComponentType<{ autoFocus?: boolean }>

/**
 * « Créer un espace programme » as the landing page first shows it: a title, a line and a
 * button. The form, its API calls and its strings download on the click (most people who
 * open the landing page never use it), then replace this section.
 */
export function CreateSpaceEntry() {
  const t = useT()
  const [Form, setForm] = useState<FormComponent | null>(null)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)

  function open() {
    setLoading(true)
    setFailed(false)
    withAllMessages(import('../spaces/CreateSpace')).then(
      ({ CreateSpace }) => setForm(() => CreateSpace),
      () => {
        setLoading(false)
        setFailed(true)
      },
    )
  }

  if (Form) return <Form autoFocus />
  return (
    <section className="cb-card cb-space-create" aria-labelledby="cb-space-create-title">
      <h2 id="cb-space-create-title">{t('space.create.title')}</h2>
      <p>{t('space.create.intro')}</p>
      {failed && (
        <p className="cb-error" role="alert">
          {t('landing.error.network')}
        </p>
      )}
      <button
        type="button"
        className="cb-button cb-button--quiet"
        aria-busy={loading || undefined}
        disabled={loading}
        onClick={open}
      >
        {t('space.create.start')}
      </button>
    </section>
  )
}
