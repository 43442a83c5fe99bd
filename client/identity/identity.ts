import { memberKeySchema } from '../../shared/ids'
import { localPrefs, PrefKey } from './localStore'

/**
 * Cursor colours: twelve distinct hues (fewer collisions among a group), each with contrast
 * ≥ 5:1 against the white name label it carries and against the light canvas.
 */
export const USER_COLORS = [
  '#B3261E',
  '#C2185B',
  '#8E24AA',
  '#5E35B1',
  '#1E56C8',
  '#0D47A1',
  '#00796B',
  '#2E7D32',
  '#7A6C00',
  '#AD4E00',
  '#6D4C41',
  '#37474F',
] as const

/** 32 base64url characters (192 random bits). */
export function generateMemberKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * This browser's member key: a secret generated once and kept, sent when connecting so the
 * server can tell one person from another across reloads (it derives the public id).
 */
export function loadMemberKey(): string {
  const stored = localPrefs.get(PrefKey.memberKey)
  if (stored && memberKeySchema.safeParse(stored).success) return stored
  const key = generateMemberKey()
  localPrefs.set(PrefKey.memberKey, key)
  return key
}

/** The colour of this browser's cursor, picked once. */
export function loadUserColor(): string {
  const stored = localPrefs.get(PrefKey.userColor)
  if (stored && (USER_COLORS as readonly string[]).includes(stored)) return stored
  const color = USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)]
  localPrefs.set(PrefKey.userColor, color)
  return color
}

/** Display names are trimmed and capped so a pasted paragraph does not become a cursor label. */
export function normalizeDisplayName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, 40)
}
