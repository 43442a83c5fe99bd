import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Component, useEffect, useMemo, type ReactNode } from 'react'
import { Box, createTLStore, TldrawImage, type TLRecord, type TLStoreSnapshot } from 'tldraw'
import 'tldraw/tldraw.css'
import type { CompassPublicView } from '../../shared/control/compass'
import { registerStandaloneCompassSource, type CompassSource } from '../board/compass/compassSources'
import { allBindingUtils, allShapeUtils, customBindingUtils, customShapeUtils } from '../board/shapes'

/**
 * The board as an image in the report, drawn by tldraw itself from the export's records
 * (`TldrawImage`, the same SVG export as on the board), with our shapes. Fonts come from
 * our own origin. If tldraw cannot draw it (a record it refuses), the report says so and
 * shows the rest. Compass radars on the board draw the exported rounds as a viewer sees
 * them (revealed results only), like the radars above the image.
 */

const assetUrls = getAssetUrlsByImport()

class ImageBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override componentDidCatch(error: unknown) {
    console.warn('[report] board image failed', error)
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}

export interface BoardImageProps {
  records: readonly unknown[]
  /** tldraw's serialized schema the records follow; null: the current one. */
  schema: unknown
  licenseKey: string | undefined
  /** What the image shows, for screen readers. */
  label: string
  fallback: ReactNode
  /** The compass rounds as a viewer sees them: what the board's radars draw. */
  compass: CompassPublicView | undefined
  /** Page area to draw (a frame's box); the whole board when absent. */
  bounds?: { x: number; y: number; w: number; h: number }
  /** Extra class on the wrapper (the print layout of a frame's page). */
  className?: string
  testId?: string
}

export default function BoardImage({
  records,
  schema,
  licenseKey,
  label,
  fallback,
  compass,
  bounds,
  className,
  testId = 'report-board',
}: BoardImageProps) {
  const source = useMemo((): CompassSource => ({ getPublic: () => compass }), [compass])
  // Registered while rendering, not only in an effect: tldraw may draw the image before
  // this component's effects run. The effect registers again after a strict-mode clean-up.
  useMemo(() => registerStandaloneCompassSource(source), [source])
  useEffect(() => registerStandaloneCompassSource(source), [source])
  const snapshot = useMemo((): TLStoreSnapshot => {
    const store = Object.fromEntries(records.map((record) => [(record as TLRecord).id, record as TLRecord]))
    const current =
      schema ?? createTLStore({ shapeUtils: allShapeUtils, bindingUtils: allBindingUtils }).schema.serialize()
    return { store, schema: current as TLStoreSnapshot['schema'] }
  }, [records, schema])
  // tldraw redraws whenever `bounds` changes identity: one Box per value.
  const box = useMemo(
    () => (bounds ? new Box(bounds.x, bounds.y, bounds.w, bounds.h) : undefined),
    [bounds?.x, bounds?.y, bounds?.w, bounds?.h], // eslint-disable-line react-hooks/exhaustive-deps
  )
  return (
    <ImageBoundary fallback={fallback}>
      {/* tldraw's <img> has no alt: the wrapper is the image, with a name, and hides it. */}
      <div
        className={className ? `cb-report-board ${className}` : 'cb-report-board'}
        data-testid={testId}
        role="img"
        aria-label={label}
      >
        <div aria-hidden="true">
          <TldrawImage
            snapshot={snapshot}
            format="svg"
            background
            padding={box ? 0 : 24}
            bounds={box}
            shapeUtils={customShapeUtils}
            bindingUtils={customBindingUtils}
            assetUrls={assetUrls}
            licenseKey={licenseKey}
          />
        </div>
      </div>
    </ImageBoundary>
  )
}
