import { mkdirSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { pdfOutline, pdfPageSizes } from '../helpers/pdf'
import { browserSession } from './session'

/**
 * The printed report is readable: the board is not shrunk onto one portrait A4 sheet, each
 * top-level frame of the board gets a landscape page of its own under its name. Checked in
 * the PDF Chromium prints (`page.pdf` with the page's own CSS page sizes): the page sizes,
 * and the bookmarks Chromium makes from the headings, which name each frame's page.
 */

const session = browserSession()

/** A4 in PDF points, within a point. */
const isA4Portrait = ({ w, h }: { w: number; h: number }) => Math.abs(w - 595) < 2 && Math.abs(h - 842) < 2
const isA4Landscape = ({ w, h }: { w: number; h: number }) => Math.abs(w - 842) < 2 && Math.abs(h - 595) < 2

describe('printed report', () => {
  it('prints each frame of « Atelier complet » on a landscape page of its own, under its name', async () => {
    const workshop = await createWorkshop(session.server.url, {
      title: 'Atelier imprimé',
      coalition: 'Coalition papier',
      template: 'full-workshop',
    })
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })
    try {
      const report = await context.newPage()
      await report.goto(`${session.server.url}/w/${workshop.id}/report#token=${workshop.tokens.facilitator}`)
      await report.getByTestId('report-sheet').waitFor({ timeout: 30_000 })
      const frames = report.getByTestId('report-frame')
      await frames.first().waitFor({ timeout: 30_000 })
      const names = await report.locator('[data-testid="report-frame"] h3').allInnerTexts()
      // « Atelier complet » lays its phases out as frames: each one is a page.
      expect(names.length).toBeGreaterThanOrEqual(5)
      expect(names.some((name) => name.includes('Priorisation'))).toBe(true)
      // Every frame's image drawn before printing.
      await report.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="report-frame-image"] img').length === count,
        names.length,
        { timeout: 60_000 },
      )
      await report.locator('[data-testid="report-board"] img').waitFor({ timeout: 30_000 })

      await report.emulateMedia({ media: 'print' })
      const pdf = await report.pdf({ preferCSSPageSize: true, outline: true, tagged: true })
      mkdirSync('.tmp', { recursive: true })
      writeFileSync('.tmp/report-pages.pdf', pdf) // to look at by hand (`.tmp/` is ignored by git)
      const sizes = pdfPageSizes(pdf)
      const landscape = sizes.filter(isA4Landscape)
      // The whole board plus one page per frame, landscape; the sheet before them stays portrait.
      expect(landscape.length).toBe(names.length + 1)
      expect(isA4Portrait(sizes[0])).toBe(true)
      expect(sizes.every((size) => isA4Portrait(size) || isA4Landscape(size))).toBe(true)

      // Each frame's name is a bookmark pointing at a landscape page, in the board's order.
      const outline = pdfOutline(pdf)
      const framePages = names.map((name) => {
        const entry = outline.find((item) => item.title === name)
        expect(entry, `bookmark « ${name} »`).toBeDefined()
        return entry!.page
      })
      for (const page of framePages) expect(isA4Landscape(sizes[page])).toBe(true)
      expect(new Set(framePages).size).toBe(names.length)
      expect([...framePages].sort((a, b) => a - b)).toEqual(framePages)
    } finally {
      await context.close()
    }
  })
})
