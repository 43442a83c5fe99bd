import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { RECORDS_ARRAY } from '../../shared/board'
import { buildTemplateRecords, defaultPageRecord, isPowerInterestGridFrame } from '../../shared/templates'
import { TEMPLATE_IDS } from '../../shared/workshop'
import { templateBoardState } from './templateBoard'

function recordsOf(state: Uint8Array): Map<string, unknown> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const kv = new YKeyValue<unknown>(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  return new Map([...kv.map.entries()].map(([key, entry]) => [key, entry.val]))
}

describe('templateBoardState', () => {
  it('starts a blank board with an empty document', () => {
    expect(templateBoardState('blank', 'fr')).toBeNull()
  })

  it('holds tldraw’s default page and every record of the template, under its id', () => {
    for (const id of TEMPLATE_IDS.filter((t) => t !== 'blank')) {
      const records = recordsOf(templateBoardState(id, 'fr')!)
      const expected = buildTemplateRecords(id, 'fr')
      expect(records.get('page:page')).toEqual(defaultPageRecord())
      expect(records.size).toBe(expected.length + 1)
      for (const record of expected) expect(records.get(record.id)).toEqual(record)
    }
  })

  it('writes the template in the workshop’s language', () => {
    const fr = [...recordsOf(templateBoardState('actors-map', 'fr')!).values()].find(isPowerInterestGridFrame) as {
      props: { name: string }
    }
    const en = [...recordsOf(templateBoardState('actors-map', 'en')!).values()].find(isPowerInterestGridFrame) as {
      props: { name: string }
    }
    expect(fr.props.name).toBe('Grille pouvoir / intérêt')
    expect(en.props.name).toBe('Power / interest grid')
  })
})
