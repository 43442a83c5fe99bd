import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * A QR code drawn in the page from the link itself (qrcode-generator, no request leaves the
 * app): one SVG path of dark modules with a quiet zone of four modules, black on white so
 * any phone reads it. Loaded lazily (`ShareDialog`): the landing page never pays for it.
 */
export default function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, count } = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    const n = qr.getModuleCount()
    let d = ''
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`
    }
    return { path: d, count: n + 8 }
  }, [text])
  return (
    <svg
      className="cb-share-dialog__qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      shapeRendering="crispEdges"
      data-testid="share-qr"
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
