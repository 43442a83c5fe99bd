import { boardSchema } from './boardSchema'
import type { GuardContext, GuardVerdict, RecordGuard } from './guard'

/**
 * What a record must be to enter the board at all, whoever writes it: one tldraw itself
 * accepts (the record validators of `boardSchema.ts` — tldraw's shapes, bindings,
 * pages, assets and document, plus our cards and compass), whose parent and binding
 * targets exist once the update is applied. A client store refuses such records too, but
 * the board is shared: a record one browser skips still breaks exports, outlines and the
 * next client (issue 14). Deleting is left to the other guards.
 */

interface RecordType {
  validate(record: unknown, recordBefore?: unknown): unknown
}

/**
 * tldraw's own validators, by record type (`shape` checks the shape's type and props).
 * A change to a record the server validated before is checked as tldraw's store checks
 * one (`RecordType.validate(record, recordBefore)`): a field identical to the known-good
 * value is not checked again, every other field is — a move re-checks `x`, not the card's
 * nine props. Only against a value of the same record and shape type (a field valid in a
 * page may not be in a shape), and only one the room vouches for (`ctx.knownGood`).
 */
export const recordValidationGuard: RecordGuard = (_key, oldValue, newValue, _actor, ctx) => {
  if (newValue === undefined) return 'accept'
  const typeName = (newValue as { typeName?: unknown }).typeName
  const type =
    typeof typeName === 'string' ? (boardSchema().types as Record<string, RecordType | undefined>)[typeName] : undefined
  if (!type) return 'revert'
  try {
    if (sameKind(oldValue, newValue) && ctx.knownGood(oldValue)) type.validate(newValue, oldValue)
    else type.validate(newValue)
    return 'accept'
  } catch {
    return 'revert'
  }
}

/** Both records of the same record type and, for shapes and bindings, the same `type`. */
function sameKind(before: unknown, after: unknown): boolean {
  if (typeof before !== 'object' || before === null) return false
  const a = before as { typeName?: unknown; type?: unknown }
  const b = after as { typeName?: unknown; type?: unknown }
  return a.typeName === b.typeName && a.type === b.type
}

/** A shape's parent chain stays on the board this deep at most (tldraw has no limit; cycles do not end). */
const MAX_DEPTH = 1_000

/** A shape's parent is a page or a shape that exists; a binding's two shapes exist. */
export const referenceGuard: RecordGuard = (key, _oldValue, newValue, _actor, ctx) => {
  if (newValue === undefined) return 'accept'
  const record = newValue as { typeName?: unknown; parentId?: unknown; fromId?: unknown; toId?: unknown }
  if (record.typeName === 'shape') return parentChainReachesPage(key, record.parentId, ctx)
  if (record.typeName === 'binding')
    return isShape(ctx.recordAfter(String(record.fromId))) && isShape(ctx.recordAfter(String(record.toId)))
      ? 'accept'
      : 'revert'
  return 'accept'
}

function parentChainReachesPage(key: string, parentId: unknown, ctx: GuardContext): GuardVerdict {
  const seen = new Set([key])
  let id = parentId
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (typeof id !== 'string' || seen.has(id)) return 'revert'
    seen.add(id)
    const parent = ctx.recordAfter(id) as { typeName?: unknown; parentId?: unknown } | undefined
    if (!parent) return 'revert'
    if (parent.typeName === 'page') return 'accept'
    if (parent.typeName !== 'shape') return 'revert'
    id = parent.parentId
  }
  return 'revert'
}

function isShape(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === 'shape'
}
