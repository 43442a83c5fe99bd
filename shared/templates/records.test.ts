import { createTLSchema } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PAGE_ID, TEMPLATE_ROLE_KEY, TemplateWriter, indexKeyAt } from './records'

const schema = createTLSchema()

describe('indexKeyAt', () => {
  it('gives keys tldraw accepts, in increasing order, beyond the first 62', () => {
    const keys = Array.from({ length: 300 }, (_, i) => indexKeyAt(i))
    expect(keys.slice(0, 3)).toEqual(['a0', 'a1', 'a2'])
    expect([...keys].sort()).toEqual(keys)
    expect(new Set(keys).size).toBe(keys.length)
    for (const index of [keys[0], keys[61], keys[62], keys[299]]) {
      expect(() =>
        schema.types.page.validate({ id: 'page:p', typeName: 'page', name: 'P', index, meta: {} }),
      ).not.toThrow()
    }
  })

  it('refuses what it cannot encode', () => {
    expect(() => indexKeyAt(-1)).toThrow()
    expect(() => indexKeyAt(1.5)).toThrow()
    expect(() => indexKeyAt(62 + 62 * 62)).toThrow()
  })
})

describe('TemplateWriter', () => {
  it('prefixes ids, counts indexes per parent and stores the role in meta', () => {
    const writer = new TemplateWriter('t-')
    const frame = writer.frame('f', { parentId: DEFAULT_PAGE_ID, x: 0, y: 0 }, { w: 100, h: 100 }, 'F', { role: 'r' })
    writer.text('a', { parentId: frame, x: 1, y: 1 }, 50, 'A')
    writer.area('b', { parentId: frame, x: 1, y: 1 }, { w: 10, h: 10 }, 'B', { isLocked: true })
    writer.text('c', { parentId: DEFAULT_PAGE_ID, x: 0, y: 200 }, 50, 'C')
    expect(writer.records.map((r) => [r.id, r.parentId, r.index])).toEqual([
      ['shape:t-f', DEFAULT_PAGE_ID, 'a0'],
      ['shape:t-a', 'shape:t-f', 'a0'],
      ['shape:t-b', 'shape:t-f', 'a1'],
      ['shape:t-c', DEFAULT_PAGE_ID, 'a1'],
    ])
    expect(writer.records[0].meta).toEqual({ [TEMPLATE_ROLE_KEY]: 'r' })
    expect(writer.records[2].isLocked).toBe(true)
  })

  it('builds records the tldraw schema checks for real (a broken one is refused)', () => {
    const writer = new TemplateWriter('t-')
    writer.frame('f', { parentId: DEFAULT_PAGE_ID, x: 0, y: 0 }, { w: 100, h: 100 }, 'F')
    const [frame] = writer.records
    expect(() => schema.types.shape.validate(frame)).not.toThrow()
    expect(() => schema.types.shape.validate({ ...frame, props: { ...frame.props, w: 0 } })).toThrow()
    expect(() => schema.types.shape.validate({ ...frame, props: { ...frame.props, colour: 'red' } })).toThrow()
  })
})
