import { describe, expect, it } from 'vitest'
import { ROLES } from '../protocol'
import { CONTROL_SECTIONS, sectionForCommand, type AnyControlSection, type ControlState } from './index'

/** The command types a section's schema accepts (read from its zod definition). */
function commandTypes(section: AnyControlSection): string[] {
  type Shape = { shape: { type: { value: string } } }
  const schema = section.commandSchema as unknown as Partial<Shape> & { options?: Shape[] }
  const objects = schema.options ?? (schema.shape ? [schema as Shape] : [])
  return objects.map((o) => o.shape.type.value)
}

describe('CONTROL_SECTIONS', () => {
  it('lists every section once, under the keys of ControlState', () => {
    const keys = CONTROL_SECTIONS.map((s) => s.key)
    const expected: (keyof ControlState)[] = [
      'meta',
      'agenda',
      'timer',
      'lock',
      'facilitation',
      'compass',
      'votes',
      'sheet',
    ]
    expect(keys).toEqual(expected)
  })

  it('prefixes every command type with its section key, and routes it back there', () => {
    for (const section of CONTROL_SECTIONS) {
      const types = commandTypes(section)
      expect(types.length).toBeGreaterThan(0)
      for (const type of types) {
        expect(type.startsWith(`${section.key}.`)).toBe(true)
        expect(sectionForCommand(type)).toBe(section)
      }
    }
    expect(sectionForCommand('nothing.here')).toBeUndefined()
    expect(sectionForCommand('timer')).toBeUndefined()
    expect(sectionForCommand('.start')).toBeUndefined()
  })

  it('never lets a viewer send any command', () => {
    for (const section of CONTROL_SECTIONS) {
      for (const type of commandTypes(section)) expect(section.allowedRoles(type), type).not.toContain('viewer')
    }
  })

  it('lets participants send only their own scores and dots', () => {
    const forParticipants = CONTROL_SECTIONS.flatMap((section) =>
      commandTypes(section).filter((type) => section.allowedRoles(type).includes('participant')),
    )
    expect(forParticipants.sort()).toEqual(['compass.clearScore', 'compass.score', 'votes.place', 'votes.remove'])
  })

  it('starts every section from plain JSON and gives JSON views for every role', () => {
    for (const section of CONTROL_SECTIONS) {
      for (const init of [
        undefined,
        { locale: 'en' as const, template: 'full-workshop' as const, title: 'T', coalition: 'C' },
      ]) {
        const state = section.initial(init)
        expect(JSON.parse(JSON.stringify(state)), section.key).toEqual(state)
        for (const role of ROLES) {
          const view = section.publicView(state, role)
          expect(JSON.parse(JSON.stringify(view)), section.key).toEqual(view)
        }
        const own = section.memberView(state, 'm1')
        expect(JSON.parse(JSON.stringify(own)), section.key).toEqual(own)
      }
    }
  })
})
