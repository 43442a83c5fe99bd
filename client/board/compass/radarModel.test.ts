import { describe, expect, it } from 'vitest'
import { aggregateRound } from '../../../shared/compass/aggregate'
import {
  compassPublicView,
  compassSection,
  type CompassRoundView,
  type CompassState,
} from '../../../shared/control/compass'
import { translate, type MessageKey, type MessageParams } from '../../i18n/translate'
import { formatDelta, formatScore } from './format'
import { buildRadarModel, scoredText } from './radarModel'

const t = (key: MessageKey, params?: MessageParams) => translate('fr', key, params)
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params)

function round(
  id: string,
  label: string,
  revealed: boolean,
  sheets: Parameters<typeof aggregateRound>[0],
): CompassRoundView {
  const list = [...sheets]
  return {
    id,
    label,
    subject: { kind: 'coalition' },
    open: true,
    revealed,
    createdAt: 0,
    scoredCount: list.length,
    aggregate: revealed ? aggregateRound(list) : null,
    comments: revealed ? [] : null,
  }
}

const questions = compassPublicView(compassSection.initial() as CompassState, 'participant').questions
const today = round('compass-1', 'Situation actuelle', true, [
  { capacitant: 1, inclusif: 0, frugal: 'nc' },
  { capacitant: 2, inclusif: 4 },
])
const aimed = round('compass-2', 'Visée 2030', true, [
  { capacitant: 3, inclusif: 3 },
  { capacitant: 4, inclusif: 3 },
])
const hidden = round('compass-3', 'Masqué', false, [{ capacitant: 4 }])
const view = { rounds: [today, aimed, hidden], questions }
const base = { view, own: undefined, locale: 'fr' as const, t, subjectText: () => 'Toute la coalition' }

describe('formatting', () => {
  it('writes scores with one decimal at most, the French comma and a real minus', () => {
    expect(formatScore(2.5, 'fr')).toBe('2,5')
    expect(formatScore(2.3333, 'en')).toBe('2.3')
    expect(formatScore(3, 'fr')).toBe('3')
    expect(formatScore(null, 'fr')).toBe('—')
    expect(formatDelta(1.5, 'fr')).toBe('+1,5')
    expect(formatDelta(-0.5, 'en')).toBe('−0.5')
    expect(formatDelta(0, 'fr')).toBe('0')
  })

  it('says how many scored with the right plural', () => {
    expect(scoredText(0, t)).toBe('personne n’a encore noté')
    expect(scoredText(1, t)).toBe('1\u202fpersonne a noté')
    expect(scoredText(3, en)).toBe('3 people have scored')
  })
})

describe('buildRadarModel', () => {
  it('draws a revealed round’s means, labels each axis with its mean and flags spreads ≥ 2', () => {
    const model = buildRadarModel({ ...base, roundId: 'compass-1' })
    expect(model.found).toBe(true)
    expect(model.title).toBe('Situation actuelle')
    expect(model.aggregate).toEqual([1.5, 2, null, null, null, null, null])
    expect(model.axes[0]).toEqual({ code: 'capacitant', label: 'Capacitant', value: '1,5', flagged: false })
    expect(model.axes[1]).toMatchObject({ code: 'inclusif', value: '2', flagged: true })
    expect(model.axes[2].value).toBe('—')
    expect(model.legend.map((l) => l.kind)).toEqual(['aggregate', 'flag'])
    expect(model.own).toBeNull()
  })

  it('adds the comparison round and per-axis changes', () => {
    const model = buildRadarModel({ ...base, roundId: 'compass-2', compareRoundId: 'compass-1' })
    expect(model.compare).toEqual([1.5, 2, null, null, null, null, null])
    expect(model.axes[0].value).toBe('1,5 → 3,5 (+2)')
    expect(model.axes[1].value).toBe('2 → 3 (+1)')
    expect(model.axes[2].value).toBe('—')
    expect(model.legend.map((l) => l.text)).toEqual(['Moyenne — Visée 2030', 'Comparaison — Situation actuelle'])
    // Reversed: an axis scored only on one side shows that side, and no change.
    const reversed = buildRadarModel({
      ...base,
      view: { ...view, rounds: [aimed, round('compass-4', 'Plus tard', true, [{ frugal: 2 }])] },
      roundId: 'compass-4',
      compareRoundId: 'compass-2',
    })
    expect(reversed.axes[0].value).toBe('3,5 → —')
    expect(reversed.axes[2].value).toBe('— → 2')
  })

  it('shows nothing of a hidden round but my own scores and the count', () => {
    const model = buildRadarModel({
      ...base,
      own: { 'compass-3': { capacitant: { value: 4 }, frugal: { value: 'nc' } } },
      roundId: 'compass-3',
      compareRoundId: 'compass-1',
    })
    expect(model.aggregate).toBeNull()
    expect(model.axes.every((a) => a.value === null && !a.flagged)).toBe(true)
    expect(model.own).toEqual([4, null, null, null, null, null, null])
    expect(model.status).toContain('résultats masqués')
    expect(model.status).toContain('1\u202fpersonne a noté')
    // The revealed comparison still draws; its values are not mixed into the hidden labels.
    expect(model.compare).not.toBeNull()
    expect(model.legend.map((l) => l.kind)).toEqual(['compare', 'own'])
  })

  it('leaves my own scores out when asked (exports), and says when a comparison is hidden', () => {
    const model = buildRadarModel({ ...base, own: null, roundId: 'compass-1', compareRoundId: 'compass-3' })
    expect(model.own).toBeNull()
    expect(model.compare).toBeNull()
    expect(model.legend.find((l) => l.kind === 'compare')?.text).toBe('Comparaison — Masqué (masqué)')
  })

  it('reports a round that does not exist (deleted, or the state not yet received)', () => {
    expect(buildRadarModel({ ...base, roundId: 'compass-9' })).toMatchObject({
      found: false,
      title: 'Tour de boussole introuvable (supprimé\u202f?)',
    })
    expect(buildRadarModel({ ...base, view: undefined, roundId: 'compass-1' }).found).toBe(false)
  })
})
