import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshop, startServer, type TestServer } from '../helpers/server'
import { connectionStatus, drawRectangle, joinBoard, People, shapeCount, waitForShapes } from './boardPage'
import { launchChromium } from './chromium'
import { ensureClientBuilt, TEST_DIST_DIR } from './clientBuild'

/**
 * Nothing typed is lost: the server is killed (`kill -9`) while two people keep drawing,
 * restarted on the same port and data, and everyone converges; a browser that cannot reach
 * the server opens its IndexedDB copy of the board.
 */

let first: TestServer
let current: TestServer
let browser: Browser
let people: People

beforeAll(async () => {
  ensureClientBuilt()
  first = await startServer({ env: { DIST_DIR: TEST_DIST_DIR } })
  current = first
  browser = await launchChromium()
  people = new People(browser, () => current.url)
})

afterAll(async () => {
  await people?.closeAll()
  await browser?.close()
  if (current !== first) await current?.stop()
  await first?.stop() // removes the data dir both servers used
})

describe('offline and restarts', () => {
  it('keeps drawing while the server is down and converges after a kill -9 restart', async () => {
    const workshop = await createWorkshop(current.url, { title: 'Redémarrage' })
    const a = await people.newPage()
    const b = await people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await joinBoard(b, workshop.links.participant, 'Bruno')
    await drawRectangle(a, 250, 250)
    await waitForShapes(b, 1)

    await current.kill()
    await expect.poll(() => connectionStatus(a), { timeout: 20_000 }).not.toBe('online')
    await drawRectangle(a, 500, 250)
    await drawRectangle(b, 250, 500)
    expect(await shapeCount(a)).toBe(2)
    expect(await shapeCount(b)).toBe(2)
    // After a few failed attempts the badge says offline, changes kept locally.
    await expect.poll(() => connectionStatus(b), { timeout: 20_000 }).toBe('offline')
    expect(await b.getByTestId('connection-status').innerText()).toBe('hors ligne (modifications gardées localement)')

    current = await startServer({ dataDir: first.dataDir, env: { DIST_DIR: TEST_DIST_DIR, PORT: String(first.port) } })
    await waitForShapes(a, 3, 30_000)
    await waitForShapes(b, 3, 30_000)
    await expect.poll(() => connectionStatus(a), { timeout: 20_000 }).toBe('online')

    // Everything reached the server: a newcomer sees all three shapes.
    const c = await people.newPage()
    await joinBoard(c, workshop.links.participant, 'Chloé')
    await waitForShapes(c, 3)
  })

  it('opens the offline copy when the server cannot be reached, and says so', async () => {
    const workshop = await createWorkshop(current.url, { title: 'Hors ligne' })
    const a = await people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await drawRectangle(a, 300, 300)
    await waitForShapes(a, 1)

    // A second tab of the same browser, for which the API and the sync endpoint are down.
    const tab = await people.sameBrowser(a)
    await tab.route('**/api/**', (route) => route.abort('connectionrefused'))
    await tab.routeWebSocket(/\/sync\//, (ws) => ws.close())
    await joinBoard(tab, workshop.links.participant, null)
    await waitForShapes(tab, 1)
    expect(await tab.locator('[data-testid="notice"][data-key="board.offlineCopy"]').count()).toBe(1)
    await expect.poll(() => connectionStatus(tab), { timeout: 20_000 }).toBe('offline')
  })

  it('says the server is unreachable when this browser has no offline copy', async () => {
    const workshop = await createWorkshop(current.url, { title: 'Injoignable' })
    const page = await people.newPage()
    await page.route('**/api/**', (route) => route.abort('connectionrefused'))
    await page.goto(workshop.links.participant)
    await expect.poll(() => page.getByTestId('server-unreachable').count(), { timeout: 15_000 }).toBe(1)
    expect(people.foreignRequests).toEqual([])
  })
})
