import { describe, expect, it } from 'vitest'
import {
  defaultPanelOpen,
  EMPTY_LAYOUT,
  isColumnToggleKey,
  isPanelForRole,
  isPanelOpen,
  keepOpenOnRoundsClosing,
  PANEL_IDS,
  parseLayout,
  serializeLayout,
  unfoldOnNewRounds,
  type PanelId,
  type PanelSituation,
} from './panelLayout'

const calm = (role: PanelSituation['role'], narrow = false): PanelSituation => ({
  role,
  narrow,
  openCompassRounds: 0,
  openVoteRounds: 0,
})
const openIn = (s: PanelSituation) => PANEL_IDS.filter((id) => isPanelForRole(id, s.role) && defaultPanelOpen(id, s))

describe('defaults: what the moment asks of each role', () => {
  it('a facilitator starts with the facilitation panel open, the others folded', () => {
    expect(openIn(calm('facilitator'))).toEqual(['card', 'facilitation'])
  })

  it('a participant gets the compass while a round is open and the votes while a vote is open', () => {
    expect(openIn(calm('participant'))).toEqual(['card'])
    expect(openIn({ ...calm('participant'), openCompassRounds: 1 })).toContain('compass')
    expect(openIn({ ...calm('participant'), openVoteRounds: 2 })).toEqual(['card', 'votes'])
  })

  it('a viewer gets no editing panel (the card panel is read-only for it), and nothing unfolds for rounds it cannot take part in', () => {
    const busy: PanelSituation = { role: 'viewer', narrow: false, openCompassRounds: 1, openVoteRounds: 1 }
    expect(PANEL_IDS.filter((id) => isPanelForRole(id, 'viewer'))).toEqual([
      'card',
      'outline',
      'compass',
      'votes',
      // Read-only for everyone but a facilitator: the projection screen may show the « Fiche coalition ».
      'sheet',
    ])
    expect(openIn(busy)).toEqual(['card'])
  })

  it('a participant never gets the facilitator panels', () => {
    expect(isPanelForRole('facilitation', 'participant')).toBe(false)
    expect(isPanelForRole('outcome', 'participant')).toBe(false)
    expect(isPanelForRole('template', 'participant')).toBe(true)
  })

  it('a choice wins over the default, both ways', () => {
    const s = calm('facilitator')
    expect(isPanelOpen('facilitation', { facilitation: false }, s)).toBe(false)
    expect(isPanelOpen('outcome', { outcome: true }, s)).toBe(true)
    expect(isPanelOpen('outline', {}, s)).toBe(false)
  })
})

describe('a round that opens', () => {
  it('forgets the closed compass or votes panel and brings the column back', () => {
    const before = calm('participant')
    expect(unfoldOnNewRounds(before, { ...before, openCompassRounds: 1 })).toEqual({
      reset: ['compass'],
      showColumn: true,
    })
    expect(unfoldOnNewRounds(before, { ...before, openVoteRounds: 1 })).toEqual({ reset: ['votes'], showColumn: true })
  })

  it('does nothing when rounds close or stay the same', () => {
    const busy: PanelSituation = { role: 'participant', narrow: false, openCompassRounds: 2, openVoteRounds: 1 }
    expect(unfoldOnNewRounds(busy, { ...busy, openCompassRounds: 1 })).toEqual({ reset: [], showColumn: false })
    expect(unfoldOnNewRounds(busy, busy)).toEqual({ reset: [], showColumn: false })
  })

  it('keeps the compass or votes panel open when its last round closes (« Clore » mid-task)', () => {
    const busy: PanelSituation = { role: 'facilitator', narrow: false, openCompassRounds: 1, openVoteRounds: 1 }
    expect(keepOpenOnRoundsClosing(busy, { ...busy, openCompassRounds: 0 })).toEqual(['compass'])
    expect(keepOpenOnRoundsClosing(busy, { ...busy, openVoteRounds: 0 })).toEqual(['votes'])
    // One round of two closing changes no default: nothing to keep.
    expect(keepOpenOnRoundsClosing({ ...busy, openCompassRounds: 2 }, busy)).toEqual([])
    // A viewer never had them open by default.
    const viewer: PanelSituation = { ...busy, role: 'viewer' }
    expect(keepOpenOnRoundsClosing(viewer, { ...viewer, openCompassRounds: 0 })).toEqual([])
  })

  it('never shows a viewer’s hidden column', () => {
    const before = calm('viewer')
    expect(unfoldOnNewRounds(before, { ...before, openVoteRounds: 1 }).showColumn).toBe(false)
  })
})

describe('the stored layout', () => {
  it('round-trips', () => {
    const layout = { choices: { outline: true, facilitation: false }, columnHidden: true }
    expect(parseLayout(serializeLayout(layout))).toEqual(layout)
  })

  it('gives the defaults for anything it did not write', () => {
    for (const raw of [null, '', 'not json', '42', 'null', '[]', '{"columnHidden":"yes"}'])
      expect(parseLayout(raw)).toEqual(EMPTY_LAYOUT)
  })

  it('keeps only known panels with a true or false', () => {
    const parsed = parseLayout(
      '{"choices":{"outline":true,"compass":"open","ghost":true,"votes":false},"columnHidden":true}',
    )
    expect(parsed).toEqual({ choices: { outline: true, votes: false }, columnHidden: true })
    const ids: PanelId[] = Object.keys(parsed.choices) as PanelId[]
    expect(ids.every((id) => PANEL_IDS.includes(id))).toBe(true)
  })
})

describe('the column shortcut', () => {
  const key = (
    k: string,
    mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
  ) => ({
    key: k,
    shiftKey: true,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  })

  it('is Shift+P on the board and on buttons', () => {
    expect(isColumnToggleKey(key('P'), null)).toBe(true)
    expect(isColumnToggleKey(key('P'), { tagName: 'BUTTON' })).toBe(true)
    expect(isColumnToggleKey(key('P'), { tagName: 'INPUT', type: 'checkbox' })).toBe(true)
  })

  it('is not p alone, nor with Ctrl, Alt or Meta (tldraw’s and the browser’s)', () => {
    expect(isColumnToggleKey(key('p', { shiftKey: false }), null)).toBe(false)
    expect(isColumnToggleKey(key('P', { ctrlKey: true }), null)).toBe(false)
    expect(isColumnToggleKey(key('P', { altKey: true }), null)).toBe(false)
    expect(isColumnToggleKey(key('P', { metaKey: true }), null)).toBe(false)
    expect(isColumnToggleKey(key('O'), null)).toBe(false)
  })

  it('types a P in text fields and in a card being edited', () => {
    expect(isColumnToggleKey(key('P'), { tagName: 'INPUT' })).toBe(false)
    expect(isColumnToggleKey(key('P'), { tagName: 'INPUT', type: 'text' })).toBe(false)
    expect(isColumnToggleKey(key('P'), { tagName: 'TEXTAREA' })).toBe(false)
    expect(isColumnToggleKey(key('P'), { tagName: 'DIV', isContentEditable: true })).toBe(false)
    expect(isColumnToggleKey(key('P'), { tagName: 'INPUT', type: 'text', readOnly: true })).toBe(true)
  })
})
