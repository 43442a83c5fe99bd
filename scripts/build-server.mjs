// The server as it ships: `server/main.ts` and what it imports from `shared/`, bundled by
// esbuild into `dist-server/main.mjs` plus `chunk-*.mjs` beside it for what the server
// imports only on first use (`await import(…)`: PostgreSQL's modules, the export builders…),
// and its import worker, one file, `dist-server/importWorker.mjs` (npm packages stay in
// node_modules).
// Running that instead of TypeScript through tsx starts faster and leaves tsx's loader
// thread and its compile caches out of the process (idle RSS about 100 MiB against 110–160;
// see PERFORMANCE.md). Tests keep running the sources.
//
//   node scripts/build-server.mjs                  # always builds
//   node scripts/build-server.mjs --if-stale       # only when a source is newer than the bundle
//   node scripts/build-server.mjs --outfile <file> # elsewhere (tests)
import { build } from 'esbuild'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'

const root = new URL('..', import.meta.url).pathname
export const SERVER_BUNDLE = join(root, 'dist-server', 'main.mjs')

/** The newest modification time of any file under `dir` (start.mjs uses it for the client too). */
export function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Whether the bundle is missing or older than the server's and shared sources (or the lockfile). */
export function serverBundleStale() {
  if (!existsSync(SERVER_BUNDLE)) return true
  const sources = Math.max(
    newestMtime(join(root, 'server')),
    newestMtime(join(root, 'shared')),
    statSync(join(root, 'package-lock.json')).mtimeMs,
  )
  return statSync(SERVER_BUNDLE).mtimeMs < sources
}

export async function buildServer(outfile = SERVER_BUNDLE) {
  const outdir = dirname(outfile)
  // The chunks of an earlier build (their names carry a hash of their content).
  if (existsSync(outdir))
    for (const name of readdirSync(outdir)) if (name.startsWith(CHUNK_PREFIX)) rmSync(join(outdir, name))
  // The server, with what only some requests or backends need in chunks beside it, loaded
  // on first use (`await import(…)`: PostgreSQL's modules without DATABASE_URL, the export
  // builders before an export): an idle server does not hold them.
  await build({
    ...COMMON,
    entryPoints: { [basename(outfile, '.mjs')]: join(root, 'server', 'main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
  })
  // The import worker is its own file beside the bundle (server/export/importPool.ts loads
  // `importWorker.mjs` from the bundle's folder).
  await build({
    ...COMMON,
    entryPoints: [join(root, 'server', 'export', 'importWorker.ts')],
    outfile: join(outdir, 'importWorker.mjs'),
  })
}

/** Chunk files start with this, in the bundle's folder (so `import.meta.url` is the bundle's folder everywhere). */
const CHUNK_PREFIX = 'chunk-'

const COMMON = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22.12',
  // Dependencies load from node_modules as they are (better-sqlite3 is native).
  packages: 'external',
  // Stack traces in the logs point at the TypeScript (node --enable-source-maps).
  sourcemap: 'linked',
  logLevel: 'warning',
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const at = process.argv.indexOf('--outfile')
  if (at > 0) await buildServer(resolve(process.argv[at + 1]))
  else if (!process.argv.includes('--if-stale') || serverBundleStale()) await buildServer()
}
