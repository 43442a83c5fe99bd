import { SPHERES, type Sphere } from '../cards/fields'

/**
 * The sphere a template frame stands for, read from its role (`meta.cbRole`): the lever
 * lanes (`lane:levers:commande`, « Leviers — Commande ») and the actors' holding areas
 * (`sphere:commande`). A card placed in one starts with that sphere instead of none.
 */
export function sphereOfRole(role: unknown): Sphere | null {
  if (typeof role !== 'string') return null
  const match = /^(?:lane:levers|sphere):(.+)$/.exec(role)
  const sphere = match?.[1]
  return sphere !== undefined && (SPHERES as readonly string[]).includes(sphere) ? (sphere as Sphere) : null
}
