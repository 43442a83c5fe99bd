import { z } from 'zod'

/**
 * The compass shape (`type: 'compass'`): a radar of one round placed on the board. It
 * holds only which round(s) to draw and its size; the scores stay server-owned in the
 * control state (`control/compass.ts`), so nothing hidden ever enters the board document.
 * The same schema checks the shape in tldraw (per-prop validators below) and in imports.
 */

export const COMPASS_SHAPE_TYPE = 'compass'

/** Smallest size a person can resize it to: below that the labels overlap. */
export const COMPASS_MIN_W = 240
export const COMPASS_MIN_H = 260
/** Bounds that reject garbage without refusing anything a person could draw. */
const MIN_SIZE = 1
const MAX_SIZE = 100_000
export const COMPASS_DEFAULT_W = 440
export const COMPASS_DEFAULT_H = 480

const size = (name: string) =>
  z
    .number({ error: `${name} must be a number` })
    .finite(`${name} must be finite`)
    .min(MIN_SIZE, `${name} must be at least ${MIN_SIZE}`)
    .max(MAX_SIZE, `${name} must be at most ${MAX_SIZE}`)

/** Round ids are the control section's (`compass-3`); `''` means "no round chosen yet". */
const roundRef = z.string({ error: 'roundId must be a string' }).max(64, 'roundId is too long')

export const compassShapePropsSchema = z
  .object({
    w: size('w'),
    h: size('h'),
    roundId: roundRef,
    /** A second round drawn for comparison (e.g. today vs aimed). */
    compareRoundId: roundRef.min(1, 'compareRoundId must not be empty').optional(),
  })
  .strict()

export type CompassShapeProps = z.infer<typeof compassShapePropsSchema>

/** Props of a new compass shape showing `roundId`. */
export function defaultCompassProps(roundId = ''): CompassShapeProps {
  return { w: COMPASS_DEFAULT_W, h: COMPASS_DEFAULT_H, roundId }
}

/** Checks compass props; the error names the prop and the reason. */
export function validateCompassProps(
  props: unknown,
): { ok: true; props: CompassShapeProps } | { ok: false; error: string } {
  const result = compassShapePropsSchema.safeParse(props)
  if (result.success) return { ok: true, props: result.data }
  const issue = result.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { ok: false, error: `${where}${issue?.message ?? 'invalid compass props'}` }
}

/** Structurally tldraw's `T.Validatable`: returns the value or throws. */
export interface PropValidator<V> {
  validate(value: unknown): V
}

function validatorOf<S extends z.ZodType>(schema: S, name: string): PropValidator<z.output<S>> {
  return {
    validate(value: unknown) {
      const result = schema.safeParse(value)
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? `${name} is invalid`)
      return result.data
    },
  }
}

const shape = compassShapePropsSchema.shape

/** Per-prop validators for tldraw's `ShapeUtil.props` (and the import's board schema). */
export const compassShapeProps: { [K in keyof CompassShapeProps]-?: PropValidator<CompassShapeProps[K]> } = {
  w: validatorOf(shape.w, 'w'),
  h: validatorOf(shape.h, 'h'),
  roundId: validatorOf(shape.roundId, 'roundId'),
  compareRoundId: validatorOf(shape.compareRoundId, 'compareRoundId'),
}
