import { isCardType, validateCardProps } from '../../shared/cards'
import type { RecordGuard } from './guard'

/**
 * Card shapes must carry valid props (`shared/cards` schemas): a client writing power 7,
 * an unknown sphere or a stray field into a card gets it reverted, so bad data never
 * reaches storage, other clients or exports. Clients validate too (tldraw refuses such a
 * record); this is the server's word for clients that do not (old, broken or hostile).
 * Deleting a card, and every other record, is left to the other guards.
 */
export const cardGuard: RecordGuard = (_key, _oldValue, newValue) => {
  if (typeof newValue !== 'object' || newValue === null) return 'accept'
  const { typeName, type, props } = newValue as { typeName?: unknown; type?: unknown; props?: unknown }
  if (typeName !== 'shape' || !isCardType(type)) return 'accept'
  return validateCardProps(type, props).ok ? 'accept' : 'revert'
}
