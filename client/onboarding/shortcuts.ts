import type { MessageKey } from '../i18n/translate'

/**
 * The keyboard shortcuts the help panel lists: ours (help, card tools) and the tldraw ones
 * a workshop needs, as tldraw 5 binds them (`useTools`, `actions.tsx`). A key is either a
 * letter or symbol shown as is, or a named key translated when shown.
 */
export type NamedKey = 'shift' | 'mod' | 'enter' | 'delete' | 'backspace' | 'escape' | 'tab'
export type Key = NamedKey | string
/** Keys pressed together, e.g. `['mod', 'Z']`. */
export type KeyCombo = readonly Key[]

export interface Shortcut {
  /** Alternatives, any of which does the action. */
  combos: readonly KeyCombo[]
  action: MessageKey
}

const NAMED: readonly string[] = ['shift', 'mod', 'enter', 'delete', 'backspace', 'escape', 'tab']

export function isNamedKey(key: Key): key is NamedKey {
  return NAMED.includes(key)
}

/** tldraw's kbd string (`shift+a`) as a combo (`['shift', 'A']`). */
export function comboFromKbd(kbd: string): KeyCombo {
  return kbd
    .split('+')
    .map((part) => (isNamedKey(part) ? part : part === 'cmd' || part === 'ctrl' ? 'mod' : part.toUpperCase()))
}

/** The help shortcut: `?` on every layout (Shift+/ on QWERTY, Shift+, on AZERTY). */
export const HELP_KEY = '?'

export function boardShortcuts(cardKbds: readonly string[]): Shortcut[] {
  return [
    { combos: [[HELP_KEY]], action: 'help.kbd.help' },
    { combos: cardKbds.map(comboFromKbd), action: 'help.kbd.cards' },
    { combos: [['V']], action: 'help.kbd.select' },
    { combos: [['A']], action: 'help.kbd.arrow' },
    { combos: [['N']], action: 'help.kbd.note' },
    { combos: [['T']], action: 'help.kbd.text' },
    { combos: [['F']], action: 'help.kbd.frame' },
    { combos: [['enter']], action: 'help.kbd.edit' },
    { combos: [['delete'], ['backspace']], action: 'help.kbd.delete' },
    {
      combos: [
        ['mod', 'Z'],
        ['mod', 'shift', 'Z'],
      ],
      action: 'help.kbd.undo',
    },
    { combos: [['H']], action: 'help.kbd.hand' },
    { combos: [['='], ['-']], action: 'help.kbd.zoom' },
    { combos: [['shift', '1']], action: 'help.kbd.fit' },
    { combos: [['tab'], ['shift', 'tab']], action: 'help.kbd.panels' },
    { combos: [['shift', 'P']], action: 'panels.kbd.toggle' },
    { combos: [['shift', 'R']], action: 'stage.kbd.open' },
    { combos: [['escape']], action: 'help.kbd.escape' },
    { combos: [['mod', 'alt', '/']], action: 'help.kbd.all' },
  ]
}

/** What a key event was typed into (the parts of an element the checks below read). */
export interface KeyTarget {
  tagName?: string
  isContentEditable?: boolean
  type?: string
  readOnly?: boolean
}

/** Whether a key typed into `target` is text: then no single-key shortcut may take it. */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT')
    return !(
      ['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file'].includes(target.type ?? 'text') ||
      target.readOnly === true
    )
  return false
}

/**
 * Whether a key event asks for the help: `?` typed outside a text field, without Ctrl,
 * Alt or Meta (Shift is how `?` is typed).
 */
export function isHelpKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>,
  target: KeyTarget | null,
): boolean {
  if (event.key !== HELP_KEY || event.ctrlKey || event.altKey || event.metaKey) return false
  return !isTypingTarget(target)
}
