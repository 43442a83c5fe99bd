import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'

declare global {
  interface Window {
    editor?: import('tldraw').Editor
  }
}

/**
 * Pages for browser tests: French browsers (the product is French first) whose requests to
 * any origin but the server's are recorded, so a test can assert there were none.
 */
export class People {
  readonly foreignRequests: string[] = []
  private readonly contexts: BrowserContext[] = []

  constructor(
    private readonly browser: Browser,
    private readonly serverUrl: () => string,
  ) {}

  /** A new person: a fresh browser context (own localStorage and IndexedDB) and a page. */
  async newPage(): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'fr-FR', viewport: { width: 1200, height: 800 } })
    this.contexts.push(context)
    return this.watch(await context.newPage())
  }

  /** Another tab of the same person (same context). */
  async sameBrowser(page: Page): Promise<Page> {
    return this.watch(await page.context().newPage())
  }

  private watch(page: Page): Page {
    page.on('request', (request) => {
      const url = request.url()
      if (url.startsWith('data:') || url.startsWith('blob:')) return
      if (new URL(url).origin !== new URL(this.serverUrl()).origin) this.foreignRequests.push(url)
    })
    return page
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {})
  }
}

/**
 * Opens a board link, answers the name prompt when a name is given (and skips the
 * first-time orientation that follows it), waits for tldraw.
 */
export async function joinBoard(page: Page, link: string, name: string | null): Promise<void> {
  await page.goto(link)
  if (name !== null) {
    await page.getByLabel('Votre nom').fill(name)
    await page.getByRole('button', { name: 'Rejoindre le tableau' }).click()
    // A first board in this browser opens the one-time orientation over it: skip it, as a
    // returning person never sees it (tests/browser/newcomer.test.ts covers it).
    await page.getByTestId('orientation').getByRole('button', { name: 'Passer' }).click({ timeout: 30_000 })
  }
  await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 30_000 })
}

export function shapeCount(page: Page): Promise<number> {
  return page.evaluate(() => window.editor!.getCurrentPageShapes().length)
}

/** Waits until the page's board holds `count` shapes. */
export async function waitForShapes(page: Page, count: number, timeout = 15_000): Promise<void> {
  await page.waitForFunction((n) => window.editor?.getCurrentPageShapes().length === n, count, { timeout })
}

/** Draws a rectangle with tldraw's keyboard shortcut and a drag, as a person would. */
export async function drawRectangle(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x - 50, y - 50)
  await page.keyboard.press('r')
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + 160, y + 110, { steps: 6 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

/** The connection badge's state: online, connecting, reconnecting or offline. */
export function connectionStatus(page: Page): Promise<string | null> {
  return page.getByTestId('connection-status').getAttribute('data-status')
}

/**
 * Runs axe-core in the page (injected through the debugger protocol, so the server's CSP
 * does not block it) and returns the serious and critical violations, as `rule: targets`.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> }
      }
    ).axe
    const result = await axe.run()
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
  })
  return violations
}

/**
 * Holds CSS pseudo-classes (`hover`, `focus-visible`…) on the one element `selector` finds,
 * through the DevTools protocol, so an audit sees that state whatever it scrolls or where the
 * mouse is. Resolves with the function that lets go.
 */
export async function forcePseudoState(page: Page, selector: string, states: string[]): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument')
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
  if (!nodeId) throw new Error(`no element matches ${selector}`)
  await cdp.send('CSS.forcePseudoState', { nodeId, forcedPseudoClasses: states })
  return async () => {
    await cdp.send('CSS.forcePseudoState', { nodeId, forcedPseudoClasses: [] })
    await cdp.detach()
  }
}

/**
 * WCAG contrast ratio between an element's text colour and the first opaque background
 * behind it (its own or an ancestor's), from the computed styles: 1 (none) to 21.
 */
export function textContrast(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r, g, b]: number[]) => {
      const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }
    let back: Element | null = el
    let background = [255, 255, 255]
    while (back) {
      const color = rgb(getComputedStyle(back).backgroundColor)
      if (color.length === 3 || (color.length === 4 && color[3] === 1)) {
        background = color.slice(0, 3)
        break
      }
      back = back.parentElement
    }
    const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background)].sort((x, y) => y - x)
    return (a + 0.05) / (b + 0.05)
  })
}
