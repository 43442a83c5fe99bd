import { describe, expect, it } from 'vitest'
import { parseRoute } from './routes'

describe('parseRoute', () => {
  it('recognises the landing page', () => {
    expect(parseRoute('/', '')).toEqual({ name: 'landing' })
  })
  it('reads the workshop id from the path and the token from the fragment', () => {
    expect(parseRoute('/w/abcDEF_-123', '#token=tok_en-1')).toEqual({
      name: 'board',
      workshopId: 'abcDEF_-123',
      token: 'tok_en-1',
    })
    expect(parseRoute('/w/abc/', '')).toEqual({ name: 'board', workshopId: 'abc', token: null })
    expect(parseRoute('/w/abc', '#token=')).toEqual({ name: 'board', workshopId: 'abc', token: null })
  })
  it('reads the report route of a workshop', () => {
    expect(parseRoute('/w/abc/report', '#token=tok')).toEqual({ name: 'report', workshopId: 'abc', token: 'tok' })
    expect(parseRoute('/w/abc/report/', '')).toEqual({ name: 'report', workshopId: 'abc', token: null })
  })
  it('reads the programme space route', () => {
    expect(parseRoute('/s/spaceId_-1', '#token=tok')).toEqual({ name: 'space', spaceId: 'spaceId_-1', token: 'tok' })
    expect(parseRoute('/s/abc/', '')).toEqual({ name: 'space', spaceId: 'abc', token: null })
    expect(parseRoute('/s/abc/more', '#token=tok')).toEqual({ name: 'not-found' })
  })
  it('sends anything else to the not-found page', () => {
    expect(parseRoute('/w/abc/extra', '')).toEqual({ name: 'not-found' })
    expect(parseRoute('/admin', '')).toEqual({ name: 'not-found' })
  })
})
