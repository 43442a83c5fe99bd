import { describe, expect, it } from 'vitest'
import { joinBoard } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * Issue 17, level of detail: the « Atelier complet » board with cards in its frames, seen
 * whole at 15 % on a 1280 × 800 screen, still reads: every card shows its title (and type
 * icon) and every frame its name, in text at least 10 px high on screen.
 */

const session = browserSession()

interface TextOnScreen {
  text: string
  fontPx: number
  visible: boolean
}

describe('level of detail', () => {
  it('keeps card titles and frame names readable at 15 % on 1280 × 800', async () => {
    const res = await fetch(`${session.server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Vue d’ensemble', template: 'full-workshop', locale: 'fr' }),
    })
    const { links } = (await res.json()) as { links: { participant: string } }
    const page = await session.people.newPage()
    await page.setViewportSize({ width: 1280, height: 800 })
    await joinBoard(page, links.participant, 'Awa')

    // One card of each type in a lane, as a workshop fills them.
    const titles = ['Région Bretagne', 'Clauses d’achat', 'Taux de réemploi', 'Moins de déchets']
    const frameNames = await page.evaluate((names) => {
      const editor = window.editor!
      const frames = editor.getCurrentPageShapes().filter((s) => s.type === 'frame')
      const byRole = (role: string) => frames.find((f) => f.meta.cbRole === role)!
      const place: [string, string, string, string][] = [
        ['actor', 'sphere:usages', 'name', names[0]],
        ['lever', 'lane:levers:commande', 'title', names[1]],
        ['indicator', 'lane:indicators', 'name', names[2]],
        ['impact', 'lane:impacts', 'statement', names[3]],
      ]
      for (const [type, role, field, text] of place) {
        const frame = byRole(role)
        editor.createShape({ type: type as never, parentId: frame.id, x: 40, y: 120, props: { [field]: text } })
      }
      return frames.map((f) => (f.props as { name: string }).name.trim()).filter(Boolean)
    }, titles)
    expect(frameNames.length).toBeGreaterThan(5)

    /** The camera at 15 %, centred on a card or a frame (the board is wider than the window at 15 %). */
    const lookAt = async (what: { title?: string; frame?: string }) => {
      await page.evaluate((target) => {
        const editor = window.editor!
        const shape = editor.getCurrentPageShapes().find((s) => {
          const p = s.props as Record<string, unknown>
          return target.frame
            ? s.type === 'frame' && p.name === target.frame
            : [p.name, p.title, p.statement].includes(target.title)
        })!
        const centre = editor.getShapePageBounds(shape)!.center
        const viewport = editor.getViewportScreenBounds()
        editor.setCamera({ x: -centre.x + viewport.w / 2 / 0.15, y: -centre.y + viewport.h / 2 / 0.15, z: 0.15 })
      }, what)
      await page.waitForFunction(() => window.editor!.getEfficientZoomLevel() === 0.15, null, { timeout: 10_000 })
    }
    await lookAt({ frame: frameNames.find((name) => name.startsWith('6.')) })
    await page.screenshot({ path: screenshotPath('far-zoom-full-workshop.png') })

    /** Text of the element holding `text`, its font size on screen, and whether it is inside the window. */
    const onScreen = (text: string) =>
      page.evaluate((wanted): TextOnScreen | null => {
        const candidates = [...document.querySelectorAll<HTMLElement>('.tl-html-layer *')].filter(
          (el) => el.childElementCount === 0 && el.textContent?.trim() === wanted,
        )
        // The largest rendering in the window (tldraw's own frame heading is there too, smaller).
        let best: TextOnScreen | null = null
        for (const el of candidates) {
          const rect = el.getBoundingClientRect()
          // Rendered line height on screen over the CSS line height: the scale of every transform above it.
          const style = getComputedStyle(el)
          const scale = el.offsetHeight > 0 ? rect.height / el.offsetHeight : 0
          const fontPx = parseFloat(style.fontSize) * scale
          const visible =
            rect.width > 0 &&
            rect.height > 0 &&
            rect.right > 0 &&
            rect.bottom > 0 &&
            rect.left < innerWidth &&
            rect.top < innerHeight
          if (visible && (!best || fontPx > best.fontPx)) best = { text: wanted, fontPx, visible }
        }
        return best
      }, text)

    for (const title of titles) {
      await lookAt({ title })
      const found = await onScreen(title)
      expect(found, `card « ${title} »`).not.toBeNull()
      expect(found!.fontPx, `card « ${title} »`).toBeGreaterThanOrEqual(10)
      // It still says its type: the far look keeps the type's icon before the title.
      const icon = await page.evaluate((wanted) => {
        const label = [...document.querySelectorAll<HTMLElement>('.cb-card-shape__far-text')].find(
          (el) => el.textContent === wanted,
        )
        return label ? getComputedStyle(label, '::before').backgroundImage : null
      }, title)
      expect(icon, `icon of « ${title} »`).toMatch(/^url\("data:image\/svg\+xml/)
    }
    const lane = frameNames.find((name) => name.startsWith('Leviers — Commande'))!
    for (const name of [lane, ...frameNames.slice(0, 3)]) {
      await lookAt({ frame: name })
      const found = await onScreen(name)
      expect(found, `frame « ${name} »`).not.toBeNull()
      expect(found!.fontPx, `frame « ${name} »`).toBeGreaterThanOrEqual(10)
    }
  })
})
