import type { Actor } from '../../shared/control/section'

/**
 * What a record guard is (recordGuard.ts runs them; cardGuard, lockGuard and
 * validationGuard are guards). Its own module so the guards and the lists of guards
 * (recordGuard.ts) do not import each other.
 */

export type GuardVerdict = 'accept' | 'revert'

/**
 * What a guard may read besides the change itself: the records around it (a lock looks at
 * a shape's parents) and the room's control state (the lock). Values are raw, unchecked.
 */
export interface GuardContext {
  /** A record as it was before this update (keys the update did not touch: as they are). */
  recordBefore(id: string): unknown
  /** A record as it would be after this update (its changes other guards refused left out). */
  recordAfter(id: string): unknown
  /** A control section's current state (`lock`…), as the room's ControlHub holds it. */
  controlState(key: string): unknown
  /**
   * For the lock (what a locked shape depends on), as the board was before this update:
   * the ids of the records whose `parentId` is `id`, and the bindings (raw values) whose
   * `fromId` or `toId` is `shapeId`. The first call reads every record once (an index kept
   * for the rest of the update): call them only for rare changes, such as deletions.
   */
  childrenBefore(id: string): readonly string[]
  bindingsBefore(shapeId: string): readonly unknown[]
  /**
   * Whether `value` (a record as `recordBefore` returned it) passed the server's
   * validation, so that fields of a change equal to it need no second check
   * (validationGuard.ts). False for what the server cannot vouch for (loaded from storage,
   * written by the server itself).
   */
  knownGood(value: unknown): boolean
}

/** Where a guard context reads the room: its records now and its control state. */
export interface GuardRoomView {
  record(id: string): unknown
  controlState(key: string): unknown
  /** Every record now, as `[key, value]` (for `childrenBefore` / `bindingsBefore`). */
  records?(): Iterable<readonly [string, unknown]>
  /** See GuardContext.knownGood; without it no record is. */
  knownGood?(value: unknown): boolean
}

/**
 * `oldValue` is undefined for an added key, `newValue` undefined for a deleted one.
 * `actor` is the update's author as the room knows it (role and member id from the
 * connection, the name it joined with).
 */
export type RecordGuard = (
  key: string,
  oldValue: unknown,
  newValue: unknown,
  actor: Actor,
  ctx: GuardContext,
) => GuardVerdict
