import { describe, expect, it } from 'vitest'
import { joinBoard } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * Issue 17, link meanings from far: the « Atelier complet » board with 100 cards linked in
 * chains (actor → lever → impact ← indicator), seen at 15 % on 1280 × 800, shows every
 * link's meaning at least 10 px high on screen — including an arrow drawn before labels
 * existed (no stored label), whose meaning comes from its two cards.
 */

const session = browserSession()

describe('link meanings from far', () => {
  it('shows every link meaning at 10 px or more at 15 %, old unlabelled arrows too', async () => {
    const res = await fetch(`${session.server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Liens de loin', template: 'full-workshop', locale: 'fr' }),
    })
    const { links } = (await res.json()) as { links: { participant: string } }
    const page = await session.people.newPage()
    await page.setViewportSize({ width: 1280, height: 800 })
    await joinBoard(page, links.participant, 'Awa')

    // 25 chains of four cards, each chain linked three times; arrows arrive as a peer from
    // before labels sends them: bound at both ends, no label, no chosen meaning.
    const arrows = await page.evaluate(() => {
      const editor = window.editor!
      let result: { id: string; from: string; to: string }[] = []
      editor.store.mergeRemoteChanges(() => {
        const frames = editor.getCurrentPageShapes().filter((s) => s.type === 'frame')
        const byRole = (role: string) => frames.find((f) => f.meta.cbRole === role)!
        const lanes: [string, string, string][] = [
          ['actor', 'sphere:usages', 'name'],
          ['lever', 'lane:levers:commande', 'title'],
          ['impact', 'lane:impacts', 'statement'],
          ['indicator', 'lane:indicators', 'name'],
        ]
        const made: { id: string; from: string; to: string }[] = []
        for (let chain = 0; chain < 25; chain++) {
          const ids = lanes.map(([type, role, field]) => {
            const frame = byRole(role)
            const id = `shape:far-${type}-${chain}` as never
            editor.createShape({
              id,
              type: type as never,
              parentId: frame.id,
              x: 20 + (chain % 5) * 60,
              y: 80 + Math.floor(chain / 5) * 60,
              props: { [field]: `${type} ${chain}` },
            })
            return id as string
          })
          for (const [from, to] of [
            [ids[0], ids[1]],
            [ids[1], ids[2]],
            [ids[3], ids[2]],
          ]) {
            const id = `shape:far-arrow-${made.length}` as never
            const a = editor.getShapePageBounds(from as never)!.center
            const b = editor.getShapePageBounds(to as never)!.center
            editor.createShape({
              id,
              type: 'arrow',
              x: a.x,
              y: a.y,
              props: { start: { x: 0, y: 0 }, end: { x: b.x - a.x, y: b.y - a.y } },
            })
            editor.createBindings(
              (
                [
                  [from, 'start'],
                  [to, 'end'],
                ] as const
              ).map(([toId, terminal]) => ({
                type: 'arrow' as const,
                fromId: id,
                toId: toId as never,
                props: {
                  terminal,
                  normalizedAnchor: { x: 0.5, y: 0.5 },
                  isExact: false,
                  isPrecise: false,
                  snap: 'none' as const,
                },
              })),
            )
            made.push({ id, from, to })
          }
        }
        result = made
      })
      return result
    })
    expect(arrows).toHaveLength(75)

    /** Link meanings drawn over the canvas: arrow id → text and font size on screen. */
    const farLabels = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.cb-far-links__label')].map((el) => {
          const rect = el.getBoundingClientRect()
          const scale = el.offsetHeight > 0 ? rect.height / el.offsetHeight : 0
          return {
            id: el.dataset.arrowId!,
            text: el.textContent,
            fontPx: parseFloat(getComputedStyle(el).fontSize) * scale,
          }
        }),
      )

    // Near, tldraw's own labels are left alone: nothing drawn over them.
    await page.evaluate(() => void window.editor!.setCamera({ x: 0, y: 0, z: 1 }))
    await page.waitForFunction(() => window.editor!.getEfficientZoomLevel() === 1, null, { timeout: 10_000 })
    expect(await farLabels()).toEqual([])

    await page.evaluate(() => {
      const editor = window.editor!
      const centre = editor.getCurrentPageBounds()!.center
      const viewport = editor.getViewportScreenBounds()
      editor.setCamera({ x: -centre.x + viewport.w / 2 / 0.15, y: -centre.y + viewport.h / 2 / 0.15, z: 0.15 })
    })
    await page.waitForFunction(() => window.editor!.getEfficientZoomLevel() === 0.15, null, { timeout: 10_000 })
    await page.screenshot({ path: screenshotPath('far-links-15.png') })

    const labels = await farLabels()
    expect(labels).toHaveLength(75)
    const expected: Record<string, string> = {}
    for (const [i, arrow] of arrows.entries()) expected[arrow.id] = ['détient', 'contribue à', 'mesure'][i % 3]
    for (const label of labels) {
      expect(label.text, label.id).toBe(expected[label.id])
      expect(label.fontPx, label.id).toBeGreaterThanOrEqual(10)
    }
    // None of these arrows has a stored label: nothing was written to show them.
    const stored = await page.evaluate(
      (ids) =>
        ids.map((id) =>
          JSON.stringify((window.editor!.getShape(id as never)!.props as { richText: unknown }).richText),
        ),
      arrows.map((a) => a.id),
    )
    for (const text of stored) expect(text).not.toMatch(/détient|contribue|mesure/)

    // The whole board: how far « Voir tout le tableau » goes, and meanings still read there.
    const fitZoom = await page.evaluate(() => {
      window.editor!.zoomToFit({ animation: { duration: 0 } })
      return window.editor!.getZoomLevel()
    })
    await page.waitForFunction((z) => window.editor!.getEfficientZoomLevel() === z, fitZoom, { timeout: 10_000 })
    await page.screenshot({ path: screenshotPath('far-links-fit.png') })
    expect(fitZoom).toBeLessThan(0.1)
    console.log(`zoom to fit the full workshop with 100 cards on 1280 × 800: ${(fitZoom * 100).toFixed(1)} %`)
    const atFit = await farLabels()
    expect(atFit).toHaveLength(75)
    for (const label of atFit) expect(label.fontPx, label.id).toBeGreaterThanOrEqual(10)
    // And every card still says its title there (a board of 100 cards keeps its far look below 10 %).
    const titles = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.cb-card-shape__far-text')].map((el) => {
        const rect = el.getBoundingClientRect()
        const scale = el.offsetHeight > 0 ? rect.height / el.offsetHeight : 0
        return { text: el.textContent, fontPx: parseFloat(getComputedStyle(el).fontSize) * scale }
      }),
    )
    for (const type of ['actor', 'lever', 'impact', 'indicator'])
      for (let chain = 0; chain < 25; chain++) {
        const title = titles.find((t) => t.text === `${type} ${chain}`)
        expect(title, `${type} ${chain}`).toBeDefined()
        expect(title!.fontPx, `${type} ${chain}`).toBeGreaterThanOrEqual(10)
      }
  })
})
