import { parseImport, type ImportedWorkshop } from '../../shared/export'
import { encodeBoard } from './boardDoc'

/**
 * An import body → what the route stores, or the reason it refuses: the whole CPU-heavy
 * part of an import (decode, JSON, validation, the board as one Yjs state), run in an
 * import worker (`importPool.ts`) so that no body, however hostile, holds the event loop.
 */

/**
 * Deepest nesting of arrays and objects an import may have. A real export is about ten
 * levels deep (record → props → rich text → paragraph → marks); 16 MiB of `[` is eight
 * million, which costs a JSON parser seconds and its stack. Checked before parsing.
 */
export const MAX_IMPORT_DEPTH = 256

/**
 * Most arrays and objects an import may hold. JSON.parse needs ~60 bytes of heap per one:
 * 16 MiB of `[[[[1]]]],` is seven million, ~450 MiB, and a worker that runs out of heap
 * inside JSON.parse takes the whole process down with it (V8's fatal OOM, not the worker's
 * resource limit). A real export holds about 15 per record (props, meta, rich text),
 * 50,000 records at most (`MAX_IMPORT_RECORDS`): under a million. Counted before parsing.
 */
export const MAX_IMPORT_CONTAINERS = 2_000_000

export type PreparedImport =
  | {
      ok: true
      workshop: ImportedWorkshop['workshop']
      control: ImportedWorkshop['control']
      participantCount: number
      exportedAt: number
      /** The board as one Yjs update, ready to store. */
      docState: Uint8Array
      records: number
    }
  | { ok: false; status: 400 | 413; error: string; details: string[] }

/** ` (line 3, column 7)` for a position in `text`. */
function lineAndColumn(text: string, at: number): string {
  const before = text.slice(0, at)
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return ` (line ${line}, column ${column})`
}

/** `Unexpected token } in JSON at position 12` → add the line and column people can find. */
export function jsonErrorDetail(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  const position = /position (\d+)/.exec(message)
  // "Unexpected end of JSON input" has no position: the problem is at the end.
  const at = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null
  if (at === null) return message
  if (text.length === 0) return 'the body is empty'
  return message + lineAndColumn(text, at)
}

/**
 * Where `text` first opens an array or object deeper than `maxDepth` (`tooDeepAt`, else
 * -1), and how many it opens (`containers`, counting stops past `maxContainers`). Brackets
 * inside strings do not count; the text need not be valid JSON (the parser says what else
 * is wrong).
 */
export function scanJson(
  text: string,
  maxDepth: number,
  maxContainers: number,
): { tooDeepAt: number; containers: number } {
  let depth = 0
  let containers = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return { tooDeepAt: i, containers }
      if (++containers > maxContainers) return { tooDeepAt: -1, containers }
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return { tooDeepAt: -1, containers }
}

export function prepareImport(bytes: Uint8Array): PreparedImport {
  const text = new TextDecoder().decode(bytes)
  const { tooDeepAt, containers } = scanJson(text, MAX_IMPORT_DEPTH, MAX_IMPORT_CONTAINERS)
  if (tooDeepAt !== -1) {
    return {
      ok: false,
      status: 400,
      error: 'import is not valid JSON',
      details: [`nested deeper than ${MAX_IMPORT_DEPTH} levels${lineAndColumn(text, tooDeepAt)}`],
    }
  }
  if (containers > MAX_IMPORT_CONTAINERS) {
    return {
      ok: false,
      status: 413,
      error: 'import too large to read',
      details: [`more than ${MAX_IMPORT_CONTAINERS} lists and objects`],
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    return { ok: false, status: 400, error: 'import is not valid JSON', details: [jsonErrorDetail(text, err)] }
  }
  const parsed = parseImport(json)
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.error, details: parsed.details }
  const { workshop, board, control, participantCount, exportedAt } = parsed.value
  return {
    ok: true,
    workshop,
    control,
    participantCount,
    exportedAt,
    docState: encodeBoard(board),
    records: board.records.length,
  }
}
