import { describe, expect, it } from 'vitest'
import { compassShapeProps, COMPASS_SHAPE_TYPE, defaultCompassProps, validateCompassProps } from './compassShape'

describe('compass shape props', () => {
  it('accepts a round, with or without a comparison round', () => {
    expect(COMPASS_SHAPE_TYPE).toBe('compass')
    expect(validateCompassProps(defaultCompassProps('compass-1'))).toEqual({
      ok: true,
      props: defaultCompassProps('compass-1'),
    })
    expect(validateCompassProps({ w: 300, h: 320, roundId: 'compass-1', compareRoundId: 'compass-2' }).ok).toBe(true)
    // A shape whose round was never chosen (or was deleted) is still a valid shape.
    expect(validateCompassProps({ w: 300, h: 320, roundId: '' }).ok).toBe(true)
  })

  it('refuses bad sizes, bad ids and unknown props with the prop named', () => {
    expect(validateCompassProps({ w: -1, h: 320, roundId: 'compass-1' })).toEqual({
      ok: false,
      error: 'w: w must be at least 1',
    })
    expect(validateCompassProps({ w: Number.POSITIVE_INFINITY, h: 320, roundId: 'compass-1' }).ok).toBe(false)
    expect(validateCompassProps({ w: 300, h: '320', roundId: 'compass-1' })).toEqual({
      ok: false,
      error: 'h: h must be a number',
    })
    expect(validateCompassProps({ w: 300, h: 320, roundId: 'x'.repeat(65) })).toEqual({
      ok: false,
      error: 'roundId: roundId is too long',
    })
    expect(validateCompassProps({ w: 300, h: 320, roundId: 'compass-1', compareRoundId: '' }).ok).toBe(false)
    // Scores never belong in the shape: an extra prop is refused.
    expect(validateCompassProps({ w: 300, h: 320, roundId: 'compass-1', scores: { capacitant: 4 } }).ok).toBe(false)
    expect(validateCompassProps({ w: 300, h: 320 }).ok).toBe(false)
  })

  it('gives tldraw per-prop validators that return the value or throw the reason', () => {
    expect(compassShapeProps.w.validate(250)).toBe(250)
    expect(compassShapeProps.compareRoundId.validate(undefined)).toBeUndefined()
    expect(() => compassShapeProps.roundId.validate(3)).toThrow('roundId must be a string')
    expect(() => compassShapeProps.h.validate(0)).toThrow('h must be at least 1')
  })
})
