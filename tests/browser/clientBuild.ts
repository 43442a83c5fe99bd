import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Where browser tests build the client: apart from `dist/`, which `npm start` may be serving. */
export const TEST_DIST_DIR = join(ROOT, '.tmp', 'browser-dist')

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/**
 * Builds the client into `TEST_DIST_DIR` unless a build newer than every source is there
 * already (client, shared, Vite config and its precompress plugin, lockfile). Returns the directory.
 */
export function ensureClientBuilt(): string {
  const index = join(TEST_DIST_DIR, 'index.html')
  const sources = Math.max(
    newestMtime(join(ROOT, 'client')),
    newestMtime(join(ROOT, 'shared')),
    newestMtime(join(ROOT, 'vite.config.ts')),
    newestMtime(join(ROOT, 'scripts', 'precompress.mjs')),
    newestMtime(join(ROOT, 'package-lock.json')),
  )
  if (existsSync(index) && statSync(index).mtimeMs > sources) return TEST_DIST_DIR
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      TEST_DIST_DIR,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  )
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`)
  return TEST_DIST_DIR
}
