import './zodConfig'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { missingFeatures } from './pages/browserSupport'
import { BrowserTooOldPage } from './pages/BrowserTooOldPage'
import { ErrorBoundary } from './pages/ErrorBoundary'
import './styles/app.css'
import './styles/responsive.css'

// A browser lacking what the board needs gets a page saying so, not a blank or broken board.
const missing = missingFeatures(globalThis)

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
