import { describe, expect, it } from 'vitest'
import {
  applySplice,
  spliceBetween,
  spliceOfInput,
  spliceToDelta,
  transformIndex,
  transformSplice,
  withinLimit,
} from './splice'
import { seededRandom } from '../testRandom'

describe('spliceOfInput: what a keystroke did, from the value before and after and the caret', () => {
  it('places a letter typed between two equal letters where the caret says, not at the end', () => {
    expect(spliceOfInput('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' })
    expect(spliceBetween('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' })
  })

  it('reads backspace, delete, a paste over a selection and a cut', () => {
    expect(spliceOfInput('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' })
    expect(spliceOfInput('aab', 'ab', 0)).toEqual({ index: 0, remove: 1, insert: '' })
    expect(spliceOfInput('Bonjour Paris', 'Bonjour Rennes', 14)).toEqual({ index: 8, remove: 5, insert: 'Rennes' })
    expect(spliceOfInput('un deux trois', 'un trois', 3)).toEqual({ index: 3, remove: 5, insert: '' })
  })

  it('falls back to the smallest splice when the caret does not fit the change', () => {
    expect(spliceOfInput('abc', 'abXc', 0)).toEqual({ index: 2, remove: 0, insert: 'X' })
    expect(spliceOfInput('abc', 'abXc', null)).toEqual({ index: 2, remove: 0, insert: 'X' })
    expect(spliceOfInput('abc', 'abXc', 9)).toEqual({ index: 2, remove: 0, insert: 'X' })
  })

  it('always turns before into after (seeded random edits, caret where the edit ends)', () => {
    const random = seededRandom(42)
    const alphabet = 'aab é'
    const word = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
    for (let i = 0; i < 2000; i++) {
      const before = word(Math.floor(random() * 8))
      const index = Math.floor(random() * (before.length + 1))
      const remove = Math.floor(random() * (before.length - index + 1))
      const insert = word(Math.floor(random() * 4))
      const after = before.slice(0, index) + insert + before.slice(index + remove)
      const caret = index + insert.length
      const splice = spliceOfInput(before, after, caret)
      expect(applySplice(before, splice), `${before} → ${after} @${caret}`).toBe(after)
      // The edit it finds ends at the caret: typed text stays where the person typed it.
      expect(splice.index + splice.insert.length).toBe(caret)
      expect(applySplice(before, spliceBetween(before, after))).toBe(after)
    }
  })
})

describe('transformIndex: a caret through someone else’s change', () => {
  it('moves right for text inserted before it, stays for text inserted at it or after it', () => {
    expect(transformIndex(5, [{ insert: 'abc' }])).toBe(8)
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8)
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5)
    expect(transformIndex(5, [{ retain: 7 }, { insert: 'abc' }])).toBe(5)
  })

  it('moves left for deletions before it and to the deletion for one around it', () => {
    expect(transformIndex(5, [{ delete: 2 }])).toBe(3)
    expect(transformIndex(5, [{ retain: 3 }, { delete: 5 }])).toBe(3)
    expect(transformIndex(5, [{ retain: 5 }, { delete: 5 }])).toBe(5)
    expect(transformIndex(5, [{ retain: 1 }, { delete: 1 }, { retain: 1 }, { insert: 'xy' }])).toBe(6)
  })

  it('puts a caret inside or at the end of a replaced word before the replacement', () => {
    const delta = spliceToDelta({ index: 8, remove: 5, insert: 'Rennes' })
    expect(transformIndex(13, delta)).toBe(8)
    expect(transformIndex(10, delta)).toBe(8)
    expect(transformIndex(3, delta)).toBe(3)
    expect(transformIndex(14, delta)).toBe(15)
  })

  it('keeps each person’s text together when both type at the same place (simulated with two carets)', () => {
    // A and B both at the end of « Notes : »; they type alternately. Each local keystroke is
    // inserted at that person's caret, each remote one moves the carets by its delta.
    let text = 'Notes : '
    let caretA = text.length
    let caretB = text.length
    const a = 'Awa'
    const b = 'Bruno'
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i < a.length) {
        const delta = spliceToDelta({ index: caretA, remove: 0, insert: a[i] })
        text = applySplice(text, { index: caretA, remove: 0, insert: a[i] })
        caretB = transformIndex(caretB, delta)
        caretA += 1
      }
      if (i < b.length) {
        const delta = spliceToDelta({ index: caretB, remove: 0, insert: b[i] })
        text = applySplice(text, { index: caretB, remove: 0, insert: b[i] })
        caretA = transformIndex(caretA, delta)
        caretB += 1
      }
    }
    expect(text).toContain('Awa')
    expect(text).toContain('Bruno')
  })
})

describe('withinLimit', () => {
  it('refuses an insertion past the limit whole, and always lets one delete', () => {
    expect(withinLimit('abc', { index: 3, remove: 0, insert: 'd' }, 4)).toBe(true)
    expect(withinLimit('abc', { index: 3, remove: 0, insert: 'de' }, 4)).toBe(false)
    expect(withinLimit('abcdef', { index: 0, remove: 1, insert: '' }, 4)).toBe(true)
    expect(withinLimit('abcd', { index: 0, remove: 2, insert: 'xy' }, 4)).toBe(true)
  })
})

describe('transformSplice: an edit held back (a character being composed) carried through others’ edits', () => {
  it('lands where it was typed, before text others inserted at the same place', () => {
    // « Cote » : ô composed at 1 (replacing o) while B adds « La » at the start and « ! » at 1 of the old text.
    const splice = { index: 1, remove: 1, insert: 'ô' }
    const moved = transformSplice(splice, [[{ insert: 'La ' }], [{ retain: 4 }, { insert: '!' }]])
    expect(applySplice('La C!ote', moved)).toBe('La C!ôte')
    expect(transformSplice({ index: 4, remove: 0, insert: 'ê' }, [[{ retain: 4 }, { insert: 'xyz' }]])).toEqual({
      index: 4,
      remove: 0,
      insert: 'ê',
    })
  })

  it('follows deletions around it', () => {
    expect(transformSplice({ index: 5, remove: 2, insert: 'é' }, [[{ delete: 3 }]])).toEqual({
      index: 2,
      remove: 2,
      insert: 'é',
    })
    expect(transformSplice({ index: 5, remove: 2, insert: 'é' }, [[{ retain: 4 }, { delete: 4 }]])).toEqual({
      index: 4,
      remove: 0,
      insert: 'é',
    })
  })
})
