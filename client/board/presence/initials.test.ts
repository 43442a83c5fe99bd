import { describe, expect, it } from 'vitest'
import { initialsOf } from './initials'

describe('initialsOf', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Awa Diallo')).toBe('AD')
    expect(initialsOf('Jean-Pierre de la Fontaine')).toBe('JF')
    expect(initialsOf('Participant·e 3')).toBe('P3')
  })

  it('takes one letter of a single word, whole and upper-cased', () => {
    expect(initialsOf('bruno')).toBe('B')
    expect(initialsOf('  Élodie ')).toBe('É')
    // A letter written with a combining accent stays one letter.
    expect(initialsOf('e\u0301mile')).toBe('E\u0301')
  })

  it('gives a mark for an empty name', () => {
    expect(initialsOf('   ')).toBe('?')
  })
})
