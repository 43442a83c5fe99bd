import type { ReactNode } from 'react'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { SidePanel } from '../SidePanel'
import { VoteRoundControls } from '../votes/VoteRoundControls'
import { AgendaEditor } from './AgendaEditor'
import { LockControls } from './LockControls'
import { TimerControls } from './TimerControls'
import { ViewControls } from './ViewControls'

function Section({
  id,
  title,
  children,
  open = false,
}: {
  id: string
  title: string
  children: ReactNode
  open?: boolean
}) {
  return (
    <details className="cb-fp-section" open={open} data-testid={`facil-${id}`}>
      <summary>{title}</summary>
      <div className="cb-fp-section__body">{children}</div>
    </details>
  )
}

/**
 * Everything a facilitator runs the workshop with, from one screen: agenda, timer, view
 * (follow me, summon, anonymity), lock and dot voting. Shown to facilitators only; the
 * server refuses these commands from anyone else anyway.
 */
export function FacilitatorPanel() {
  const t = useT()
  const { role } = useBoardInfo()
  if (role !== 'facilitator') return null
  return (
    <SidePanel id="facilitation" title={t('facil.panel.title')} testId="facilitator-panel">
      <Section id="agenda" title={t('facil.section.agenda')} open>
        <AgendaEditor />
      </Section>
      <Section id="timer" title={t('facil.section.timer')} open>
        <TimerControls />
      </Section>
      <Section id="view" title={t('facil.section.view')}>
        <ViewControls />
      </Section>
      <Section id="lock" title={t('facil.section.lock')}>
        <LockControls />
      </Section>
      <Section id="votes" title={t('facil.section.votes')}>
        <VoteRoundControls />
      </Section>
    </SidePanel>
  )
}
