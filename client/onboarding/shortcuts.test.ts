import { describe, expect, it } from 'vitest'
import { boardShortcuts, comboFromKbd, isHelpKey } from './shortcuts'

describe('help shortcuts', () => {
  it('turns tldraw kbd strings into key combos', () => {
    expect(comboFromKbd('shift+a')).toEqual(['shift', 'A'])
    expect(comboFromKbd('ctrl+z')).toEqual(['mod', 'Z'])
    expect(comboFromKbd('cmd+shift+z')).toEqual(['mod', 'shift', 'Z'])
  })

  it('lists the card tools from their own kbd table, after the help key', () => {
    const rows = boardShortcuts(['shift+a', 'shift+e'])
    expect(rows[0]).toEqual({ combos: [['?']], action: 'help.kbd.help' })
    expect(rows[1]).toEqual({
      combos: [
        ['shift', 'A'],
        ['shift', 'E'],
      ],
      action: 'help.kbd.cards',
    })
    expect(new Set(rows.map((r) => r.action)).size).toBe(rows.length)
  })

  it('lists the board’s own keys: the panels (Shift+P) and the results stage (Shift+R)', () => {
    const rows = boardShortcuts([])
    expect(rows).toContainEqual({ combos: [['shift', 'P']], action: 'panels.kbd.toggle' })
    expect(rows).toContainEqual({ combos: [['shift', 'R']], action: 'stage.kbd.open' })
  })

  it('opens the help on `?` outside text fields only', () => {
    const key = (over: Partial<KeyboardEvent> = {}) => ({
      key: '?',
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      ...over,
    })
    expect(isHelpKey(key(), null)).toBe(true)
    expect(isHelpKey(key(), { tagName: 'BUTTON' })).toBe(true)
    expect(isHelpKey(key(), { tagName: 'DIV' })).toBe(true)
    expect(isHelpKey(key(), { tagName: 'INPUT', type: 'checkbox' })).toBe(true)
    expect(isHelpKey(key(), { tagName: 'INPUT', type: 'text' })).toBe(false)
    expect(isHelpKey(key(), { tagName: 'INPUT', type: 'text', readOnly: true })).toBe(true)
    expect(isHelpKey(key(), { tagName: 'TEXTAREA' })).toBe(false)
    expect(isHelpKey(key(), { tagName: 'DIV', isContentEditable: true })).toBe(false)
    expect(isHelpKey(key({ key: '/' }), null)).toBe(false)
    expect(isHelpKey(key({ ctrlKey: true }), null)).toBe(false)
    expect(isHelpKey(key({ metaKey: true }), null)).toBe(false)
  })
})
