import './zodConfig'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { loadLocale } from './i18n/translate'
import { missingFeatures } from './pages/browserSupport'
import { BrowserTooOldPage } from './pages/BrowserTooOldPage'
import { ErrorBoundary } from './pages/ErrorBoundary'
import { useUiStore } from './state/uiStore'
import './styles/app.css'
import './styles/responsive.css'

// A browser lacking what the board needs gets a page saying so, not a blank or broken board.
const missing = missingFeatures(globalThis)

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {missing.length > 0 ? (
        <BrowserTooOldPage missing={missing} />
      ) : (
        <ErrorBoundary scope="app">
          <App />
        </ErrorBoundary>
      )}
    </StrictMode>,
  )
}

// French strings ship with this script; English ones are one small download away (the
// landing page's budget). If it fails, the page shows in French rather than not at all.
loadLocale(useUiStore.getState().locale).then(render, render)
