import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { connectionStatus, drawRectangle, joinBoard, shapeCount, waitForShapes } from './boardPage'
import { browserSession } from './session'

/**
 * Nothing typed is lost: the server is killed (`kill -9`) while two people keep drawing,
 * restarted on the same port and data, and everyone converges; a browser that cannot reach
 * the server opens its IndexedDB copy of the board.
 */

// `session.server` is the current server: the restarted one once the first test restarts
// it; the session stops it before the first one, which removes the data dir both used.
const session = browserSession()

describe('offline and restarts', () => {
  it('keeps drawing while the server is down and converges after a kill -9 restart', async () => {
    const first = session.server
    const workshop = await createWorkshop(first.url, { title: 'Redémarrage' })
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await joinBoard(b, workshop.links.participant, 'Bruno')
    await drawRectangle(a, 250, 250)
    await waitForShapes(b, 1)

    await first.kill()
    await expect.poll(() => connectionStatus(a), { timeout: 20_000 }).not.toBe('online')
    await drawRectangle(a, 500, 250)
    await drawRectangle(b, 250, 500)
    expect(await shapeCount(a)).toBe(2)
    expect(await shapeCount(b)).toBe(2)
    // After a few failed attempts the badge says offline, changes kept locally.
    await expect.poll(() => connectionStatus(b), { timeout: 20_000 }).toBe('offline')
    expect(await b.getByTestId('connection-status').innerText()).toBe('hors ligne (modifications gardées localement)')

    await session.startServer({ dataDir: first.dataDir, env: { PORT: String(first.port) } })
    await waitForShapes(a, 3, 30_000)
    await waitForShapes(b, 3, 30_000)
    await expect.poll(() => connectionStatus(a), { timeout: 20_000 }).toBe('online')

    // Everything reached the server: a newcomer sees all three shapes.
    const c = await session.people.newPage()
    await joinBoard(c, workshop.links.participant, 'Chloé')
    await waitForShapes(c, 3)
  })

  it('opens the offline copy when the server cannot be reached, and says so', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Hors ligne' })
    const a = await session.people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await drawRectangle(a, 300, 300)
    await waitForShapes(a, 1)

    // A second tab of the same browser, for which the API and the sync endpoint are down.
    const tab = await session.people.sameBrowser(a)
    await tab.route('**/api/**', (route) => route.abort('connectionrefused'))
    await tab.routeWebSocket(/\/sync\//, (ws) => ws.close())
    await joinBoard(tab, workshop.links.participant, null)
    await waitForShapes(tab, 1)
    expect(await tab.locator('[data-testid="notice"][data-key="board.offlineCopy"]').count()).toBe(1)
    await expect.poll(() => connectionStatus(tab), { timeout: 20_000 }).toBe('offline')
  })

  it('says the server is unreachable when this browser has no offline copy', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Injoignable' })
    const page = await session.people.newPage()
    await page.route('**/api/**', (route) => route.abort('connectionrefused'))
    await page.goto(workshop.links.participant)
    await expect.poll(() => page.getByTestId('server-unreachable').count(), { timeout: 15_000 }).toBe(1)
    expect(session.people.foreignRequests).toEqual([])
  })
})
