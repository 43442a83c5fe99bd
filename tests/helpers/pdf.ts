/**
 * Just enough of a PDF reader for the report tests: the page sizes and the bookmarks
 * (outline) of a PDF printed by Chromium, whose objects are plain dictionaries (no object
 * streams; only content streams are compressed, and they are skipped). Not a general PDF
 * parser: it throws on what it does not understand rather than guess.
 */

interface PdfObjects {
  get(ref: number): string
  root: string
}

function objects(pdf: Buffer): PdfObjects {
  // Streams hold binary data that may contain anything: drop them before reading text.
  const text = pdf.toString('latin1').replace(/stream\r?\n[\s\S]*?endstream/g, 'stream endstream')
  const byNumber = new Map<number, string>()
  for (const match of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) byNumber.set(Number(match[1]), match[2])
  const catalog = [...byNumber.values()].find((body) => /\/Type\s*\/Catalog\b/.test(body))
  if (!catalog) throw new Error('PDF has no catalog')
  return {
    get(ref) {
      const body = byNumber.get(ref)
      if (body === undefined) throw new Error(`PDF object ${ref} not found`)
      return body
    },
    root: catalog,
  }
}

function ref(body: string, key: string): number | undefined {
  const match = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(body)
  return match ? Number(match[1]) : undefined
}

/** Page object numbers in reading order, walking the page tree. */
function pageRefs(pdf: PdfObjects): number[] {
  const pages: number[] = []
  const walk = (node: number) => {
    const body = pdf.get(node)
    if (/\/Type\s*\/Page\b/.test(body)) {
      pages.push(node)
      return
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)
    if (!kids) throw new Error(`page tree node ${node} has no kids`)
    for (const kid of kids[1].matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]))
  }
  const root = ref(pdf.root, 'Pages')
  if (root === undefined) throw new Error('PDF catalog has no pages')
  walk(root)
  return pages
}

/** Width and height in points of every page, in order (MediaBox, inherited if need be). */
export function pdfPageSizes(pdf: Buffer): { w: number; h: number }[] {
  const doc = objects(pdf)
  return pageRefs(doc).map((page) => {
    let body: string | undefined = doc.get(page)
    for (let depth = 0; body !== undefined && depth < 32; depth++) {
      const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(body)
      if (box) {
        const [x0, y0, x1, y1] = box.slice(1).map(Number)
        return { w: x1 - x0, h: y1 - y0 }
      }
      const parent = ref(body, 'Parent')
      body = parent === undefined ? undefined : doc.get(parent)
    }
    throw new Error(`page ${page} has no MediaBox`)
  })
}

/** A PDF text string: `<FEFF…>` (UTF-16BE) or `(…)` with its escapes. */
function decodeString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '')
    const bytes = Buffer.from(hex, 'hex')
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le')
    return bytes.toString('latin1')
  }
  return raw
    .slice(1, -1)
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, code: string) =>
      /^[0-7]/.test(code)
        ? String.fromCharCode(parseInt(code, 8))
        : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[code] ?? code),
    )
}

/** Every bookmark, depth first, with the index of the page it points at. */
export function pdfOutline(pdf: Buffer): { title: string; page: number }[] {
  const doc = objects(pdf)
  const pages = pageRefs(doc)
  const items: { title: string; page: number }[] = []
  const visit = (first: number | undefined) => {
    for (let node = first, guard = 0; node !== undefined && guard < 10_000; guard++) {
      const body = doc.get(node)
      const title = /\/Title\s*(<[^>]*>|\((?:\\.|[^\\)])*\))/.exec(body)
      const dest = /\/Dest\s*\[\s*(\d+) 0 R/.exec(body)
      if (title && dest) items.push({ title: decodeString(title[1]), page: pages.indexOf(Number(dest[1])) })
      visit(ref(body, 'First'))
      node = ref(body, 'Next')
    }
  }
  const outlines = ref(doc.root, 'Outlines')
  if (outlines !== undefined) visit(ref(doc.get(outlines), 'First'))
  return items
}
