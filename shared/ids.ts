import { z } from 'zod'

/**
 * Workshop ids are 22 URL-safe base64 characters (128 random bits). The strict pattern
 * also rejects path tricks (`..`, `/`, `%2F`) before any lookup.
 */
export const workshopIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'invalid workshop id')

/** Capability tokens: 43 URL-safe base64 characters (256 random bits). */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'invalid token')

/**
 * A participant's member key: a random secret the browser keeps in localStorage and sends
 * when it connects. The server derives the member's public id from it, so nobody can act
 * (score, vote) as somebody else without their key.
 */
export const memberKeySchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'invalid member key')
