import { describe, expect, it } from 'vitest'
import { createWorkshopSchema, isTimeZone } from './workshop'

describe('a workshop’s time zone', () => {
  it('is an IANA name the runtime knows', () => {
    for (const name of ['Europe/Paris', 'America/Montreal', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5'])
      expect(isTimeZone(name), name).toBe(true)
    for (const name of ['Mars/Olympus', '+01:00', '', 'Europe/Paris ', '../etc/passwd', 'x'.repeat(80)])
      expect(isTimeZone(name), name).toBe(false)
  })

  it('is optional at creation, and refused with a clear message when bad', () => {
    expect(createWorkshopSchema.safeParse({ title: 'A' }).success).toBe(true)
    expect(createWorkshopSchema.safeParse({ title: 'A', timeZone: 'Asia/Tokyo' }).success).toBe(true)
    const bad = createWorkshopSchema.safeParse({ title: 'A', timeZone: 'Paris' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].message).toBe('timeZone must be an IANA time zone name such as Europe/Paris')
  })
})
