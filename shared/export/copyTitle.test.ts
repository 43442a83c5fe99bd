import { describe, expect, it } from 'vitest'
import { copyTitle } from './copyTitle'

describe('copyTitle', () => {
  it('dates the copy by its export, in the workshop language and the workshops’ time zone', () => {
    expect(copyTitle('Atelier #1', '2026-12-07T10:00:00.000Z', 'fr')).toBe('Atelier #1 (copie du 7 décembre 2026)')
    expect(copyTitle('Workshop', '2026-12-07T10:00:00.000Z', 'en')).toBe('Workshop (copy of 7 December 2026)')
    // 23:30 UTC is already the next day in Paris.
    expect(copyTitle('Atelier', '2026-12-07T23:30:00.000Z', 'fr')).toBe('Atelier (copie du 8 décembre 2026)')
  })

  it('does not stack suffixes, and stays within the title limit', () => {
    expect(copyTitle('Atelier (copie du 1 mars 2026)', '2026-12-07T10:00:00.000Z', 'fr')).toBe(
      'Atelier (copie du 7 décembre 2026)',
    )
    const long = copyTitle('x'.repeat(200), '2026-12-07T10:00:00.000Z', 'fr')
    expect(long.length).toBeLessThanOrEqual(200)
    expect(long.endsWith(' (copie du 7 décembre 2026)')).toBe(true)
  })
})
