import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type SyntheticEvent,
} from 'react'
import { createPortal } from 'react-dom'
import './onboarding.css'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.offsetParent !== null || el === document.activeElement,
  )
}

export interface ModalDialogProps {
  /** id of the heading inside `children` that names the dialog. */
  labelledBy: string
  describedBy?: string
  onClose(): void
  children: ReactNode
  className?: string
  testId?: string
}

/**
 * A modal dialog on the platform's `<dialog>` (top layer, the page behind inert, Escape
 * closes), portalled into its own element under `body`, out of tldraw's container. On top
 * of that: Tab and Shift+Tab cycle inside (never out to the browser's toolbar mid-dialog),
 * keys and pointers never reach tldraw (its shortcuts listen on `body`: a letter typed here
 * must not pick a drawing tool), focus starts on the element marked `data-autofocus` (or
 * the first control) and returns where it was on close.
 */
export function ModalDialog({ labelledBy, describedBy, onClose, children, className, testId }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const close = useRef(onClose)
  useEffect(() => {
    close.current = onClose
  }, [onClose])

  // Our own host element: React listens for events on a portal's container, so stopping
  // propagation in the dialog's handlers keeps them from bubbling on to `body`.
  const [host] = useState(() => document.createElement('div'))
  useLayoutEffect(() => {
    document.body.append(host)
    return () => host.remove()
  }, [host])

  useEffect(() => {
    const el = dialog.current
    if (!el) return
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!el.open) el.showModal()
    const first = el.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(el)[0]
    first?.focus()
    // Escape: the browser fires `cancel`; we close through React so its state stays the truth.
    const onCancel = (event: Event) => {
      event.preventDefault()
      close.current()
    }
    el.addEventListener('cancel', onCancel)
    return () => {
      el.removeEventListener('cancel', onCancel)
      if (el.open) el.close()
      if (before?.isConnected) before.focus()
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    event.stopPropagation()
    const el = dialog.current
    if (event.key !== 'Tab' || !el) return
    const items = focusables(el)
    if (items.length === 0) return
    const index = items.indexOf(document.activeElement as HTMLElement)
    const last = items.length - 1
    if (event.shiftKey && index <= 0) {
      event.preventDefault()
      items[last].focus()
    } else if (!event.shiftKey && (index === last || index < 0)) {
      event.preventDefault()
      items[0].focus()
    }
  }
  const stop = (event: SyntheticEvent) => event.stopPropagation()

  return createPortal(
    <dialog
      ref={dialog}
      className={`cb-dialog ${className ?? ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onKeyUp={stop}
      onPointerDown={stop}
      onPointerUp={stop}
      onWheel={stop}
      // A click on the backdrop (outside the dialog's box) closes it, as people expect.
      onClick={(event) => {
        if (event.target === dialog.current) onClose()
      }}
    >
      <div className="cb-dialog__body">{children}</div>
    </dialog>,
    host,
  )
}
