import { Component, type ErrorInfo, type ReactNode } from 'react'
import { isChunkLoadError } from './chunkError'
import { AppCrashPage, BoardCrashPage, BoardLoadFailedPage } from './CrashPages'

interface BoundaryProps {
  children: ReactNode
  /** `app`: anything; `board`: the board route (a chunk that failed to load gets its own page). */
  scope: 'app' | 'board'
}

/**
 * Catches what throws while rendering below it and shows a page that says what to do.
 * The error goes to the console for whoever debugs; the person sees no stack trace.
 */
export class ErrorBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null }

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`${this.props.scope} crashed`, error, info.componentStack)
  }

  override render() {
    const { error } = this.state
    if (!error) return this.props.children
    if (this.props.scope === 'app') return <AppCrashPage />
    return isChunkLoadError(error) ? <BoardLoadFailedPage /> : <BoardCrashPage />
  }
}
