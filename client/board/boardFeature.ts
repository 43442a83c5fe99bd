import type { ComponentType } from 'react'
import type {
  Editor,
  TLAnyBindingUtilConstructor,
  TLAnyShapeUtilConstructor,
  TLStateNodeConstructor,
  TLUiOverrides,
} from 'tldraw'
import type { Role } from '../../shared/protocol'
import type { Locale } from '../../shared/workshop'
import type { ControlClient } from './control/controlClient'
import type { BoardSession } from './session/boardSession'

/** What a feature's `onMount` may use besides the editor. */
export interface FeatureContext {
  session: BoardSession
  control: ControlClient
  role: Role
  /** The workshop's language (not the person's UI language): what the board itself writes, such as link labels. */
  locale: Locale
}

/**
 * One capability of the board (coalition cards, compass, facilitation, export), plugged
 * in without touching the others: `BoardPage` and `shapes.ts` read this list and nothing
 * else names a feature. Each part is optional.
 */
export interface BoardFeature {
  id: string
  /** Custom shapes and bindings (also part of the store's schema). */
  shapeUtils?: TLAnyShapeUtilConstructor[]
  bindingUtils?: TLAnyBindingUtilConstructor[]
  /** Tools (state nodes) and the UI overrides that name them, add shortcuts and labels. */
  tools?: TLStateNodeConstructor[]
  overrides?: TLUiOverrides
  /** UI overrides that depend on who is at the board (e.g. actions only a facilitator gets). */
  roleOverrides?(ctx: { role: Role; control: ControlClient }): TLUiOverrides
  /** Rendered inside tldraw's toolbar, after the default tools. */
  ToolbarItems?: ComponentType
  /** Rendered in the board's side panel column (right side). */
  Panel?: ComponentType
  /** Rendered on the canvas, in page space (moves with the camera): far-zoom frame names. */
  OnTheCanvas?: ComponentType
  /** Groups added at the top of the canvas's context menu (the arrow's « Sens du lien »). */
  ContextMenuItems?: ComponentType
  /** Rendered in front of the canvas (banners, overlays on shapes). */
  InFrontOfTheCanvas?: ComponentType
  /** Rendered in the top bar, under the connection status and above the notices (so neither hides the other). */
  TopPanel?: ComponentType
  /** Called once the editor exists; returns a clean-up. */
  onMount?(editor: Editor, ctx: FeatureContext): (() => void) | void
}
