import { describe, expect, it } from 'vitest'
import { browserSession } from './session'

/**
 * The shared set-up itself (tests/browser/session.ts), with no server up front as
 * bigChange.test.ts uses it: a read before set-up says so instead of an undefined error,
 * `startServer` makes the newest server the current one, and `people` follow it (requests
 * to the earlier server count as foreign) — what the offline restart relies on.
 */

const session = browserSession({ server: false })

function errorOf(read: () => unknown): string {
  try {
    read()
    return 'no error'
  } catch (error) {
    return (error as Error).message
  }
}

// Read at load time, before any beforeAll ran.
const early = {
  server: errorOf(() => session.server),
  browser: errorOf(() => session.browser),
  people: errorOf(() => session.people),
}

describe('browserSession', () => {
  it('says what was read too early, and when it will be there', () => {
    expect(early.browser).toMatch(/^browserSession: browser is not there yet/)
    expect(early.people).toMatch(/^browserSession: people is not there yet/)
    expect(early.server).toMatch(/^browserSession: server is not there yet.*after session\.startServer\(\)$/)
    // Set up, but with no server started yet.
    expect(errorOf(() => session.server)).toMatch(/after session\.startServer\(\)$/)
    expect(errorOf(() => session.browser)).toBe('no error')
  })

  it('makes the newest server the current one, and people follow it', async () => {
    const first = await session.startServer()
    expect(session.server).toBe(first)
    const second = await session.startServer()
    expect(session.server).toBe(second)
    expect(second.url).not.toBe(first.url)

    const page = await session.people.newPage()
    await page.goto(`${second.url}/`)
    await page.getByRole('heading', { name: 'Créer un atelier' }).waitFor()
    expect(session.people.foreignRequests).toEqual([])
    await page.goto(`${first.url}/`)
    expect(session.people.foreignRequests).toContain(`${first.url}/`)
  })
})
