/**
 * The coalition sheet's Markdown (as `shared/export/markdown.ts` writes it) read into
 * plain blocks the report renders as React elements — never as HTML strings, so nothing
 * anyone typed can become markup. Only what the sheet uses: headings, paragraphs, block
 * quotes, bullet lists (nested by two spaces), GFM tables, `**strong**`, `*emphasis*`,
 * backslash escapes and a few entities.
 */

export type Inline = { kind: 'text'; text: string } | { kind: 'strong' | 'em'; children: Inline[] }

export interface ListItem {
  inline: Inline[]
  children: ListItem[]
}

export type Block =
  | { kind: 'heading'; level: number; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'quote'; inline: Inline[] }
  | { kind: 'list'; items: ListItem[] }
  | { kind: 'table'; header: Inline[][]; align: ('left' | 'right')[]; rows: Inline[][][] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** Index of the closing delimiter at or after `from`, skipping escaped characters; -1 if none. */
function closing(text: string, from: number, delimiter: '**' | '*'): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++
      continue
    }
    if (delimiter === '**' && text.startsWith('**', i)) return i
    if (delimiter === '*' && text[i] === '*') {
      if (text[i + 1] === '*') {
        // A strong run inside emphasis: jump over it.
        const end = closing(text, i + 2, '**')
        if (end === -1) return -1
        i = end + 1
        continue
      }
      return i
    }
  }
  return -1
}

/** Inline Markdown → text, strong and emphasis runs. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = []
  // Text already final, and text still to decode: an escaped character is taken as is,
  // and also ends any entity (`&\#65;` reads `&#65;`, as CommonMark has it).
  let done = ''
  let buffer = ''
  const flush = () => {
    const run = done + decodeEntities(buffer)
    if (run) out.push({ kind: 'text', text: run })
    done = ''
    buffer = ''
  }
  for (let i = 0; i < text.length;) {
    const char = text[i]
    if (char === '\\' && i + 1 < text.length) {
      done += decodeEntities(buffer) + text[i + 1]
      buffer = ''
      i += 2
      continue
    }
    if (char === '*') {
      const delimiter = text.startsWith('**', i) ? '**' : '*'
      const end = closing(text, i + delimiter.length, delimiter)
      if (end > i + delimiter.length) {
        flush()
        out.push({
          kind: delimiter === '**' ? 'strong' : 'em',
          children: parseInline(text.slice(i + delimiter.length, end)),
        })
        i = end + delimiter.length
        continue
      }
    }
    buffer += char
    i += 1
  }
  flush()
  return out
}

/** `| a | b \| c |` → the cells' raw text (escaped pipes stay inside their cell). */
export function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  const cells: string[] = []
  let cell = ''
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && i + 1 < inner.length) {
      cell += inner[i] + inner[i + 1]
      i++
    } else if (inner[i] === '|') {
      cells.push(cell.trim())
      cell = ''
    } else {
      cell += inner[i]
    }
  }
  cells.push(cell.trim())
  return cells
}

const RULE_CELL = /^:?-{3,}:?$/

function listTree(lines: { depth: number; text: string }[]): ListItem[] {
  const root: ListItem[] = []
  const stack: { depth: number; items: ListItem[] }[] = [{ depth: -1, items: root }]
  for (const { depth, text } of lines) {
    while (stack.length > 1 && stack[stack.length - 1].depth >= depth) stack.pop()
    const item: ListItem = { inline: parseInline(text), children: [] }
    stack[stack.length - 1].items.push(item)
    stack.push({ depth, items: item.children })
  }
  return root
}

/** The sheet's Markdown → blocks. */
export function parseSheet(markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (line.trim() === '') {
      i++
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, inline: parseInline(heading[2].trim()) })
      i++
      continue
    }
    if (/^\s*- /.test(line)) {
      const items: { depth: number; text: string }[] = []
      for (; i < lines.length && /^\s*- /.test(lines[i]); i++) {
        const indent = /^\s*/.exec(lines[i])![0].length
        items.push({ depth: Math.floor(indent / 2), text: lines[i].trim().slice(2) })
      }
      blocks.push({ kind: 'list', items: listTree(items) })
      continue
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[][] = []
      for (; i < lines.length && lines[i].trimStart().startsWith('|'); i++) rows.push(tableCells(lines[i]))
      const [header, rule, ...body] = rows
      if (rule && rule.every((cell) => RULE_CELL.test(cell))) {
        blocks.push({
          kind: 'table',
          header: header.map(parseInline),
          align: rule.map((cell) => (cell.endsWith(':') ? 'right' : 'left')),
          rows: body.map((row) => row.map(parseInline)),
        })
      } else {
        for (const row of rows) blocks.push({ kind: 'paragraph', inline: parseInline(row.join(' | ')) })
      }
      continue
    }
    if (line.startsWith('>')) {
      const parts: string[] = []
      for (; i < lines.length && lines[i].startsWith('>'); i++) parts.push(lines[i].replace(/^>\s?/, ''))
      blocks.push({ kind: 'quote', inline: parseInline(parts.join(' ')) })
      continue
    }
    const parts: string[] = []
    for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|\s*- |\s*\||>)/.test(lines[i]); i++)
      parts.push(lines[i].trim())
    blocks.push({ kind: 'paragraph', inline: parseInline(parts.join(' ')) })
  }
  return blocks
}

/** The plain text of inline runs (for tests and accessible labels). */
export function inlineText(inline: readonly Inline[]): string {
  return inline.map((run) => (run.kind === 'text' ? run.text : inlineText(run.children))).join('')
}
