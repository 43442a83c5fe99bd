import { createContext, useCallback, useContext, type CSSProperties, type ReactNode } from 'react'
import { isPanelForRole, isPanelOpen, type PanelId, type PanelSituation } from './panelLayout'
import { useSidePanelStore } from './sidePanelStore'
import './sidePanel.css'

/** The situation the column's defaults depend on (role, window, open rounds), given by `SideColumn`. */
export const PanelSituationContext = createContext<PanelSituation | null>(null)

function usePanelSituation(): PanelSituation {
  const situation = useContext(PanelSituationContext)
  if (!situation) throw new Error('A side panel must be rendered inside SideColumn')
  return situation
}

/**
 * Whether a panel is open: the person's choice if they made one, else what this phase asks
 * of their role (`defaultPanelOpen`). A panel doing work only while open (the outline) reads it too.
 */
export function usePanelOpen(id: PanelId): [open: boolean, setOpen: (open: boolean) => void] {
  const situation = usePanelSituation()
  const choice = useSidePanelStore((s) => s.choices[id])
  const setPanelOpen = useSidePanelStore((s) => s.setPanelOpen)
  const setOpen = useCallback((open: boolean) => setPanelOpen(id, open), [id, setPanelOpen])
  return [isPanelOpen(id, choice === undefined ? {} : { [id]: choice }, situation), setOpen]
}

export interface SidePanelProps {
  id: PanelId
  title: string
  /** Shown after the title, inside the toggle (a count, "1 open"): read with the title. */
  badge?: ReactNode
  /** Buttons beside the toggle, always visible (the language switch). */
  actions?: ReactNode
  /** Before the title (the card type's icon). */
  icon?: ReactNode
  /** The header's rule colour (the card type's colour). */
  accent?: string
  /** Scopes the feature's own styles of the body (`cb-compass`…). */
  className?: string
  testId?: string
  /** Extra attributes for tests and styles (`data-card-type`…). */
  data?: Record<`data-${string}`, string>
  /** The body, rendered only while open. */
  children: ReactNode
}

/**
 * One panel of the board's right column: a heading whose button folds and unfolds the body
 * (`aria-expanded`, `aria-controls`; Enter and Space, as any button), an optional badge and
 * header actions, and the body. Open or closed is remembered per panel (`sidePanelStore`),
 * so a reload keeps the layout; until the person chooses, the phase and role decide.
 */
export function SidePanel({
  id,
  title,
  badge,
  actions,
  icon,
  accent,
  className,
  testId,
  data,
  children,
}: SidePanelProps) {
  const [open, setOpen] = usePanelOpen(id)
  const { role } = usePanelSituation()
  const titleId = `cb-panel-${id}-title`
  const bodyId = `cb-panel-${id}-body`
  const headerStyle: CSSProperties | undefined = accent ? { borderColor: accent } : undefined
  // The projection screen (viewers) gets no panel that edits the board or runs the workshop.
  if (!isPanelForRole(id, role)) return null
  return (
    <section
      className={className ? `cb-side-panel ${className}` : 'cb-side-panel'}
      aria-labelledby={titleId}
      data-panel={id}
      data-open={open}
      data-testid={testId}
      {...data}
    >
      <div className="cb-side-panel__header" style={headerStyle}>
        <h2 className="cb-side-panel__title" id={titleId}>
          <button
            type="button"
            className="cb-side-panel__toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen(!open)}
            data-testid={`panel-toggle-${id}`}
          >
            {icon && (
              <span className="cb-side-panel__icon" style={accent ? { color: accent } : undefined}>
                {icon}
              </span>
            )}
            <span className="cb-side-panel__label">{title}</span>
            {badge !== undefined && badge !== null && badge !== false && (
              <span className="cb-side-panel__badge">{badge}</span>
            )}
            <span className="cb-side-panel__chevron" aria-hidden="true">
              {open ? '−' : '+'}
            </span>
          </button>
        </h2>
        {actions && <div className="cb-side-panel__actions">{actions}</div>}
      </div>
      {open && (
        <div id={bodyId} className="cb-side-panel__body">
          {children}
        </div>
      )}
    </section>
  )
}
