import { describe, expect, it } from 'vitest'
import {
  isWorkshopLink,
  MAX_MY_WORKSHOPS,
  parseMyWorkshops,
  recordOpened,
  removeEntry,
  type MyWorkshop,
} from './MyWorkshopsList'

const ID = 'AbCdEfGhIjKlMnOpQrStUv'
const OTHER = 'ZyXwVuTsRqPoNmLkJiHgFe'
const token = (c: string) => c.repeat(43)
const link = (id: string, t = token('a'), origin = 'https://atelier.example.org') => `${origin}/w/${id}#token=${t}`

function entry(over: Partial<MyWorkshop> = {}): Omit<MyWorkshop, 'lastOpened'> {
  return { id: ID, title: 'Pour des territoires inclusifs', role: 'participant', link: link(ID), ...over }
}

describe('workshop links kept in « Mes ateliers »', () => {
  it('accepts only this app’s board links for the right workshop', () => {
    expect(isWorkshopLink(link(ID), ID)).toBe(true)
    expect(isWorkshopLink(link(ID, token('b'), 'http://127.0.0.1:8080'), ID)).toBe(true)
    expect(isWorkshopLink(link(OTHER), ID)).toBe(false)
    expect(isWorkshopLink(`javascript:alert(1)//w/${ID}#token=${token('a')}`, ID)).toBe(false)
    expect(isWorkshopLink(`https://x.org/w/${ID}#token=short`, ID)).toBe(false)
    expect(isWorkshopLink(`https://x.org/w/${ID}/../admin#token=${token('a')}`, ID)).toBe(false)
    expect(isWorkshopLink('not a url', ID)).toBe(false)
  })
})

describe('recordOpened', () => {
  it('adds an entry dated now, most recent first', () => {
    let list = recordOpened([], entry(), 1000)
    list = recordOpened(list, entry({ id: OTHER, link: link(OTHER), title: 'Autre' }), 2000)
    expect(list.map((e) => [e.id, e.lastOpened])).toEqual([
      [OTHER, 2000],
      [ID, 1000],
    ])
  })

  it('keeps one entry per workshop and role, refreshing its title, link and date', () => {
    let list = recordOpened([], entry(), 1000)
    list = recordOpened(list, entry({ role: 'viewer', link: link(ID, token('v')) }), 1500)
    list = recordOpened(list, entry({ title: 'Nouveau titre' }), 3000)
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({ role: 'participant', title: 'Nouveau titre', lastOpened: 3000 })
    expect(list[1]).toMatchObject({ role: 'viewer', lastOpened: 1500 })
  })

  it('keeps the three links of a creation when the board is opened later', () => {
    const links = { facilitator: link(ID, token('f')), participant: link(ID, token('p')), viewer: link(ID, token('v')) }
    let list = recordOpened([], entry({ role: 'facilitator', link: links.facilitator, links }), 1000)
    list = recordOpened(list, entry({ role: 'facilitator', link: links.facilitator }), 2000)
    expect(list).toEqual([{ ...entry({ role: 'facilitator', link: links.facilitator }), links, lastOpened: 2000 }])
  })

  it(`keeps the ${MAX_MY_WORKSHOPS} most recent`, () => {
    let list: MyWorkshop[] = []
    for (let i = 0; i < MAX_MY_WORKSHOPS + 5; i++) {
      const id = `w${String(i).padStart(21, '0')}`
      list = recordOpened(list, entry({ id, link: link(id) }), i)
    }
    expect(list).toHaveLength(MAX_MY_WORKSHOPS)
    expect(list.at(-1)?.lastOpened).toBe(5)
  })
})

describe('removeEntry', () => {
  const list = [
    { ...entry(), lastOpened: 3 },
    { ...entry({ role: 'viewer' }), lastOpened: 2 },
    { ...entry({ id: OTHER, link: link(OTHER) }), lastOpened: 1 },
  ]
  it('removes one workshop and role', () => {
    expect(removeEntry(list, ID, 'viewer').map((e) => `${e.id}/${e.role}`)).toEqual([
      `${ID}/participant`,
      `${OTHER}/participant`,
    ])
  })
  it('removes every entry of a workshop without a role', () => {
    expect(removeEntry(list, ID).map((e) => e.id)).toEqual([OTHER])
  })
})

describe('parseMyWorkshops', () => {
  it('round-trips what was stored, sorted most recent first', () => {
    const list = [
      { ...entry(), lastOpened: 1 },
      { ...entry({ id: OTHER, link: link(OTHER) }), lastOpened: 9 },
    ]
    expect(parseMyWorkshops(JSON.stringify(list)).map((e) => e.lastOpened)).toEqual([9, 1])
  })

  it('skips corrupt values and bad entries without losing the good ones', () => {
    expect(parseMyWorkshops(null)).toEqual([])
    expect(parseMyWorkshops('{not json')).toEqual([])
    expect(parseMyWorkshops('{"a":1}')).toEqual([])
    const good = { ...entry(), lastOpened: 5 }
    const stored = [
      good,
      { ...good, id: '../../etc' },
      { ...good, role: 'admin' },
      { ...good, link: 'javascript:alert(1)' },
      { ...good, id: OTHER, links: { viewer: 'https://evil.example/phish' } },
      { ...good, lastOpened: 'yesterday' },
      { ...good, title: '' },
      null,
      42,
    ]
    expect(parseMyWorkshops(JSON.stringify(stored))).toEqual([good])
  })
})
