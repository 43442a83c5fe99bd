import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

/**
 * Brotli and gzip copies of the built client's text files, written beside them at build time
 * (`index-abc.js` → `index-abc.js.br`, `index-abc.js.gz`): the server sends one of them when
 * the browser accepts it (@fastify/static `preCompressed`, server/http/staticClient.ts), so no
 * request pays for compression and the best levels cost nothing at run time. A Vite plugin
 * so that every build gets them: `npm run build`, the browser tests', `npm run size:landing`.
 */

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|wasm)$/
/** Below this, a header and a round trip cost more than the bytes saved. */
const MIN_BYTES = 1024

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** @param {string} dir @returns {Promise<string[]>} */
async function filesUnder(dir) {
  /** @type {string[]} */
  const out = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(path)))
    else if (COMPRESSIBLE.test(entry.name)) out.push(path)
  }
  return out
}

/**
 * Writes `.br` and `.gz` beside each compressible file of `dir` that gains from it.
 * @param {string} dir
 * @returns {Promise<string[]>} the files compressed
 */
export async function precompressDir(dir) {
  /** @type {string[]} */
  const done = []
  for (const file of await filesUnder(dir)) {
    if ((await stat(file)).size < MIN_BYTES) continue
    const raw = await readFile(file)
    const [br, gzipped] = await Promise.all([
      brotli(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
      gz(raw, { level: constants.Z_BEST_COMPRESSION }),
    ])
    // A copy no smaller than the file is never sent (@fastify/static would still pick it).
    if (br.length < raw.length) await writeFile(`${file}.br`, br)
    if (gzipped.length < raw.length) await writeFile(`${file}.gz`, gzipped)
    done.push(file)
  }
  return done
}

/** @returns {import('vite').Plugin} */
export function precompress() {
  let outDir = ''
  return {
    name: 'coalition:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      await precompressDir(outDir)
    },
  }
}
