import { z } from 'zod'
import { actionPropsSchema } from './action'
import { actorPropsSchema } from './actor'
import type { CardPropsByType, CardType } from './cardTypes'
import { impactPropsSchema } from './impact'
import { indicatorPropsSchema } from './indicator'
import { leverPropsSchema } from './lever'

/**
 * The card schemas in the form tldraw wants for a shape's `static props`: one validator
 * per prop, each an object with `validate(value)` that returns the value or throws. It
 * matches `T.Validatable` from `@tldraw/validate` structurally, so the client can write
 * `static override props = cardShapeProps.actor` and tldraw rejects a bad prop with our
 * message ("power must be between 1 and 5") instead of a second, diverging rule set.
 */
export interface PropValidator<V> {
  validate(value: unknown): V
}

export type CardShapeProps<T extends CardType> = {
  [K in keyof CardPropsByType[T]]-?: PropValidator<CardPropsByType[T][K]>
}

function propValidators<S extends z.ZodRawShape>(shape: S): { [K in keyof S]: PropValidator<z.output<S[K]>> } {
  const validators = {} as { [K in keyof S]: PropValidator<z.output<S[K]>> }
  for (const key of Object.keys(shape) as (keyof S)[]) {
    const schema = shape[key]
    validators[key] = {
      validate(value: unknown) {
        const result = z.safeParse(schema, value)
        if (!result.success) throw new Error(result.error.issues[0]?.message ?? `${String(key)} is invalid`)
        return result.data as z.output<S[typeof key]>
      },
    }
  }
  return validators
}

/** Per-prop validators of each card shape, for tldraw's `ShapeUtil.props`. */
export const cardShapeProps: { [T in CardType]: CardShapeProps<T> } = {
  actor: propValidators(actorPropsSchema.shape),
  lever: propValidators(leverPropsSchema.shape),
  indicator: propValidators(indicatorPropsSchema.shape),
  impact: propValidators(impactPropsSchema.shape),
  action: propValidators(actionPropsSchema.shape),
}
