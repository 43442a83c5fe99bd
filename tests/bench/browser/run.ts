import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../../browser/chromium'
import { ensureClientBuilt } from '../../browser/clientBuild'
import { DEFAULT_PAGE_ID, plainRichText } from '../../../shared/templates/records'
import { BoardSeeder, type CardFactory } from '../clients/boardClients'
import { benchIndex } from '../lib/benchDoc'
import { machineInfo } from '../lib/procStats'
import { progress } from '../lib/progress'
import { removeDir, ROOT, startOurs, type BenchRoom, type BenchTarget } from '../lib/servers'
import { quantileSorted, repeated } from '../lib/stats'
import { checkBrowserTargets } from '../lib/targets'
import { renderBrowserReport } from './render'
import type { BrowserReport, FrameTiming, OpenTiming, ShippedJs } from './types'

/**
 * `npm run bench:browser [-- --quick] [--cards N] [--zoom Z]`: Debian's Chromium (headless, through
 * playwright-core) against our server serving the built client. Measures the time from
 * opening a board link to an interactive board holding every card, frame times while
 * panning and while a remote peer edits, and the gzipped JS of the landing page and of the
 * board. Prints Markdown, writes `bench/results/<date>-browser.json`.
 */

declare global {
  interface Window {
    __benchFrames?: number[]
    /** Id of the frame recording in progress; bumping it stops the loop. */
    __benchRecording?: number
  }
}

const NAME_KEY = 'coalition-board.display-name'
const VIEWPORT = { width: 1280, height: 800 }

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      cards: { type: 'string' },
      zoom: { type: 'string' },
    },
  })
  const quick = values.quick ?? false
  // `--cards 1000`: measure that board size only (besides the empty one), e.g. before/after a change to cards.
  const only = values.cards === undefined ? null : Number(values.cards)
  if (only !== null && !(Number.isInteger(only) && only > 0))
    throw new Error(`--cards must be a positive whole number, not ${values.cards}`)
  // `--zoom 0.15`: measure frames at that zoom (centred on the board) instead of the whole board in view.
  const zoom = values.zoom === undefined ? null : Number(values.zoom)
  if (zoom !== null && !(zoom > 0 && zoom <= 8))
    throw new Error(`--zoom must be a number in (0, 8], not ${values.zoom}`)
  const cardCounts = only !== null ? [0, only] : quick ? [0, 500] : [0, 1_000, 5_000]
  const runs = quick ? 1 : 3
  const frameSeconds = quick ? 1.5 : 3
  const report: BrowserReport = {
    kind: 'browser',
    startedAt: new Date().toISOString(),
    machine: machineInfo(),
    chromium: '',
    notes: [],
  }
  const started = performance.now()

  progress('building the client (skipped when up to date)')
  const distDir = ensureClientBuilt()
  const server = await startOurs({ env: { DIST_DIR: distDir } })
  let browser: Browser | null = null
  try {
    browser = await launchChromium()
    report.chromium = browser.version()
    progress(`Chromium ${report.chromium}, server on port ${server.port}`)
    const shipped = await measureShippedJs(browser, server)
    report.jsShipped = shipped.js
    progress(
      `JS shipped (gzip): landing ${kb(report.jsShipped.landingGzipBytes)}, board ${kb(report.jsShipped.boardGzipBytes)}`,
    )
    const cardKind = shipped.cards.type
    if (cardKind !== 'actor')
      report.notes.push(
        `this build has no "actor" card shape yet: the boards are made of tldraw "${cardKind}" shapes (sticky notes) instead`,
      )
    const makeCard = cardFactory(shipped.cards)

    report.open = []
    report.frames = []
    for (const cards of cardCounts) {
      const room = await server.createRoom()
      const seeder = new BoardSeeder(room.client(`seeder${cards}`, 'light'), makeCard)
      await seeder.open()
      if (cards > 0) await seeder.seed(cards, 0, 100, 80)
      const timings: number[] = []
      for (let i = 0; i < runs; i++) timings.push(await timeOpen(browser, server, room, cards))
      const open: OpenTiming = { cards, interactiveMs: repeated(timings) }
      report.open.push(open)
      progress(`open a board of ${cards} cards: ${timings.map((t) => Math.round(t)).join(', ')} ms`)
      if (cards > 0) {
        const frames = await measureFrames(browser, server, room, seeder, cards, frameSeconds, zoom)
        report.frames.push(...frames)
        for (const f of frames)
          progress(
            `${f.label}, ${cards} cards: median ${f.medianMs?.toFixed(1)} ms, p95 ${f.p95Ms?.toFixed(1)} ms over ${f.frames} frames`,
          )
      }
      await seeder.close()
    }
  } finally {
    await browser?.close()
    await server.stop()
    removeDir(server.dataDir)
  }
  report.durationSeconds = (performance.now() - started) / 1000
  report.machine.loadAverageEnd = os.loadavg()[0]
  report.targets = checkBrowserTargets(report)

  const dir = join(ROOT, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const stamp = report.startedAt.replace(/:/g, '-').replace(/\..*$/, '')
  const file = values.out ?? join(dir, `${stamp}-browser${quick ? '-quick' : ''}.json`)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  process.stdout.write(renderBrowserReport(report))
  progress(`done in ${report.durationSeconds.toFixed(0)} s; results in ${file}`)
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

function boardLink(server: BenchTarget, room: BenchRoom): string {
  const spec = room.client('link', 'probe')
  return `http://127.0.0.1:${server.port}/w/${room.name}#token=${spec.params.token}`
}

/** A fresh person: new context (empty cache and storage) with a display name already chosen. */
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT })
  await context.addInitScript(
    ([key]) => (
      window.localStorage.setItem(key, 'Banc d’essai'),
      window.localStorage.setItem('coalition-board.orientation-seen', '1')
    ),
    [NAME_KEY],
  )
  return context.newPage()
}

/** Gzipped size of every script a page loads until `ready` resolves. */
async function scriptsLoaded(page: Page, go: () => Promise<void>): Promise<{ gzip: number; files: number }> {
  const bodies: Promise<number>[] = []
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return
    bodies.push(
      response.body().then(
        (b) => gzipSync(b).byteLength,
        () => 0,
      ),
    )
  })
  await go()
  const sizes = await Promise.all(bodies)
  return { gzip: sizes.reduce((a, b) => a + b, 0), files: sizes.length }
}

/** The card shape the client knows, with its default props as the client builds them. */
interface CardShape {
  type: 'actor' | 'note'
  defaults: Record<string, unknown>
}

function cardFactory(shape: CardShape): CardFactory {
  return (slot, seq) => ({
    id: `shape:bench-c${slot}`,
    typeName: 'shape',
    type: shape.type,
    x: (slot % 60) * 260,
    y: Math.floor(slot / 60) * 240,
    rotation: 0,
    index: benchIndex(slot),
    parentId: DEFAULT_PAGE_ID,
    isLocked: false,
    opacity: 1,
    props:
      shape.type === 'actor'
        ? { ...shape.defaults, name: `Acteur ${slot}`, notes: `Version ${seq}` }
        : { ...shape.defaults, richText: plainRichText(`Carte ${slot}\nversion ${seq}`) },
    meta: {},
  })
}

async function measureShippedJs(browser: Browser, server: BenchTarget): Promise<{ js: ShippedJs; cards: CardShape }> {
  const landingPage = await newPage(browser)
  const landing = await scriptsLoaded(landingPage, async () => {
    await landingPage.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'networkidle' })
  })
  await landingPage.context().close()
  const room = await server.createRoom()
  const boardPage = await newPage(browser)
  const board = await scriptsLoaded(boardPage, async () => {
    await boardPage.goto(boardLink(server, room))
    await waitInteractive(boardPage, 0)
    await boardPage.waitForLoadState('networkidle')
  })
  const cards = await boardPage.evaluate((): CardShape => {
    const editor = window.editor
    if (!editor) throw new Error('no editor')
    const type = editor.hasShapeUtil('actor') ? 'actor' : 'note'
    return { type, defaults: editor.getShapeUtil(type).getDefaultProps() as Record<string, unknown> }
  })
  await boardPage.context().close()
  return {
    js: {
      landingGzipBytes: landing.gzip,
      landingFiles: landing.files,
      boardGzipBytes: board.gzip,
      boardFiles: board.files,
    },
    cards,
  }
}

/** Resolves with the page's clock (ms since navigation) when the editor holds `cards` shapes. */
async function waitInteractive(page: Page, cards: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => {
      const editor = window.editor
      return editor && editor.getCurrentPageShapeIds().size >= n ? performance.now() : false
    },
    cards,
    { polling: 'raf', timeout: 120_000 },
  )
  return (await handle.jsonValue()) as number
}

async function timeOpen(browser: Browser, server: BenchTarget, room: BenchRoom, cards: number): Promise<number> {
  const page = await newPage(browser)
  try {
    await page.goto(boardLink(server, room))
    return await waitInteractive(page, cards)
  } finally {
    await page.context().close()
  }
}

/** Frame intervals (requestAnimationFrame deltas) while `during` runs. */
async function recordFrames(page: Page, during: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  await page.evaluate(`(() => {
    const id = (window.__benchRecording = (window.__benchRecording || 0) + 1)
    window.__benchFrames = []
    let last = performance.now()
    const tick = (t) => {
      // A loop from an earlier recording stops as soon as a newer one starts.
      if (window.__benchRecording !== id) return
      window.__benchFrames.push(t - last)
      last = t
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  await during()
  return page.evaluate(() => {
    window.__benchRecording = (window.__benchRecording ?? 0) + 1
    // The first delta spans the setup, not a frame.
    return (window.__benchFrames ?? []).slice(1)
  })
}

function frameTiming(label: string, cards: number, deltas: number[]): FrameTiming {
  const sorted = Float64Array.from(deltas).sort()
  return {
    label,
    cards,
    frames: sorted.length,
    medianMs: quantileSorted(sorted, 0.5),
    p95Ms: quantileSorted(sorted, 0.95),
  }
}

async function measureFrames(
  browser: Browser,
  server: BenchTarget,
  room: BenchRoom,
  seeder: BoardSeeder,
  cards: number,
  seconds: number,
  zoom: number | null,
): Promise<FrameTiming[]> {
  const page = await newPage(browser)
  try {
    await page.goto(boardLink(server, room))
    await waitInteractive(page, cards)
    // Fit everything first so panning moves through the whole board.
    await page.evaluate(() => window.editor?.zoomToFit({ animation: { duration: 0 } }))
    if (zoom !== null) {
      await page.evaluate((z) => {
        const editor = window.editor!
        const centre = editor.getCurrentPageBounds()!.center
        const view = editor.getViewportScreenBounds()
        editor.setCamera({ x: -centre.x + view.w / 2 / z, y: -centre.y + view.h / 2 / z, z })
      }, zoom)
    }
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2)
    const panning = await recordFrames(page, async () => {
      const until = performance.now() + seconds * 1000
      for (let i = 0; performance.now() < until; i++) {
        await page.mouse.wheel(i % 120 < 60 ? 24 : -24, 8)
        await page.waitForTimeout(16)
      }
    })
    const editing = await recordFrames(page, async () => {
      await seeder.editRandomly(cards, 20, seconds * 1000)
    })
    return [
      frameTiming('panning (wheel)', cards, panning),
      frameTiming('remote peer editing 20 cards/s', cards, editing),
    ]
  } finally {
    await page.context().close()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench:browser failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
