import { describe, expect, it } from 'vitest'
import { buildTemplateRecords } from './templates'
import { TEMPLATE_ROLE_KEY } from './records'
import { sphereOfRole } from './sphereOfRole'

describe('sphereOfRole', () => {
  it('reads the sphere of lever lanes and actor holding areas', () => {
    expect(sphereOfRole('lane:levers:commande')).toBe('commande')
    expect(sphereOfRole('sphere:usages')).toBe('usages')
  })

  it('is null for other roles, unknown spheres and non-strings', () => {
    for (const role of ['lane:impacts', 'power-interest-grid', 'sphere:supply', 'lane:levers:', '', undefined, 3])
      expect(sphereOfRole(role)).toBeNull()
  })

  it('finds a sphere on the full workshop’s « Leviers — Commande » lane', () => {
    const frames = buildTemplateRecords('full-workshop', 'fr').filter(
      (r) => (r as { type?: string }).type === 'frame',
    ) as { props: { name: string }; meta: Record<string, unknown> }[]
    const lane = frames.find((frame) => frame.props.name.startsWith('Leviers — Commande'))
    expect(lane && sphereOfRole(lane.meta[TEMPLATE_ROLE_KEY])).toBe('commande')
  })
})
