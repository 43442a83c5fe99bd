import { loadLocale } from './i18n/translate'
import { useT } from './i18n/useT'
import { useUiStore } from './state/uiStore'

/** One button that switches French ⇄ English; its label is in the language it switches to. */
export function LocaleSwitch({ className }: { className?: string }) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const setLocale = useUiStore((s) => s.setLocale)
  const other = locale === 'fr' ? 'en' : 'fr'
  const switchNow = () => setLocale(other)
  return (
    <button
      type="button"
      className={`cb-button cb-button--quiet ${className ?? ''}`}
      lang={other}
      aria-label={t('locale.switchLabel')}
      // English strings may still have to download (the landing page ships the French ones).
      onClick={() => void loadLocale(other).then(switchNow, switchNow)}
    >
      {t('locale.switch')}
    </button>
  )
}
