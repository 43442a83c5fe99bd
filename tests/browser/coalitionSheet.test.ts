import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * Issue 18 in real Chromium: the facilitator fills the « Fiche coalition » panel, a
 * participant's page shows it (read-only), and the sheet the facilitator exports opens with
 * the « Pour … » statement.
 */

const session = browserSession()

describe('« Fiche coalition » panel', () => {
  it('is filled by the facilitator, seen on a peer page and opens the exported sheet', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Atelier de cadrage', locale: 'fr' })
    const fac = await session.people.newPage()
    const peer = await session.people.newPage()
    await joinBoard(fac, w.links.facilitator, 'Awa')
    await joinBoard(peer, w.links.participant, 'Bruno')

    await fac.getByTestId('panel-toggle-sheet').click()
    const form = fac.getByTestId('sheet-form')
    await form.getByLabel('Pour …').fill('Pour une mobilité partagée et inclusive')
    await form.getByLabel('Problème et contexte').fill('Des bus vides, des routes pleines')
    await form.getByLabel('Co-porteurs').fill('Métropole\nAtmo')
    await form.getByRole('button', { name: 'Enregistrer la fiche' }).click()
    await form.getByRole('status').filter({ hasText: 'Fiche enregistrée.' }).waitFor({ timeout: 10_000 })

    // The participant reads it, without a form.
    await peer.getByTestId('panel-toggle-sheet').click()
    const reading = peer.getByTestId('sheet-reading')
    await expect
      .poll(async () => ((await reading.count()) > 0 ? (await reading.innerText()).replace(/\s+/g, ' ') : ''), {
        timeout: 15_000,
      })
      .toContain('Pour une mobilité partagée et inclusive')
    expect((await reading.innerText()).replace(/\s+/g, ' ')).toContain('Co-porteurs Métropole, Atmo')
    expect(await peer.getByTestId('sheet-form').count()).toBe(0)
    expect(await peer.getByTestId('sheet-changed').innerText()).toContain('Modifiée par Awa')

    const md = await (
      await fetch(`${session.server.url}/api/workshops/${w.id}/export?format=md`, {
        headers: { authorization: `Bearer ${w.tokens.facilitator}` },
      })
    ).text()
    expect(md.split('\n')[0]).toBe('# Pour une mobilité partagée et inclusive')
    expect(md).toContain('- **Co-porteurs\u00a0:** Métropole, Atmo')
  })
})
