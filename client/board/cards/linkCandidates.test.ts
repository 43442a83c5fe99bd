import { describe, expect, it } from 'vitest'
import { filterCandidates, foldText, linkDirection } from './linkCandidates'

describe('link candidates', () => {
  it('fold accents and case', () => {
    expect(foldText('Taux de Réemploi')).toBe('taux de reemploi')
  })

  it('keep the cards holding every word of the query, in any field', () => {
    const cards = ['levier clauses d’achat leviers — commande', 'acteur region bretagne acteurs'].map((searchText) => ({
      searchText,
    }))
    expect(filterCandidates(cards, '')).toHaveLength(2)
    expect(filterCandidates(cards, 'Levier COMMANDE')).toEqual([cards[0]])
    expect(filterCandidates(cards, 'région')).toEqual([cards[1]])
    expect(filterCandidates(cards, 'levier bretagne')).toEqual([])
  })

  it('draw a link the way the method reads it, whichever card one starts from', () => {
    expect(linkDirection('actor', 'lever')).toEqual({ reversed: false, kind: 'holds' })
    expect(linkDirection('lever', 'actor')).toEqual({ reversed: true, kind: 'holds' })
    expect(linkDirection('impact', 'indicator')).toEqual({ reversed: true, kind: 'measures' })
    expect(linkDirection('actor', 'impact')).toEqual({ reversed: false, kind: 'relates-to' })
  })
})
