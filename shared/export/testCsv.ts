/**
 * A strict RFC 4180 reader: CRLF between records, quoted fields may hold the separator, CR,
 * LF and doubled quotes; anything else (a bare LF, a quote inside an unquoted field) throws.
 */
export function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  const field = (): string => {
    if (text[i] === '"') {
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"'
            i += 2
            continue
          }
          i++
          return value
        }
        value += text[i++]
      }
    }
    const start = i
    while (i < text.length && text[i] !== separator && text[i] !== '\r') {
      if (text[i] === '"' || text[i] === '\n') throw new Error(`bad character at ${i}`)
      i++
    }
    return text.slice(start, i)
  }
  while (i < text.length) {
    row.push(field())
    if (text[i] === separator) {
      i++
      continue
    }
    if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`)
    i += 2
    rows.push(row)
    row = []
  }
  if (row.length > 0) throw new Error('last record has no line end')
  return rows
}
