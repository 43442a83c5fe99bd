// `npm start`: build the client and the server bundle if either is missing or older than its
// sources (so there is no build step to forget), then run the bundled server.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { buildServer, newestMtime, serverBundleStale, SERVER_BUNDLE } from './build-server.mjs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

const index = join(root, 'dist', 'index.html')
const sources = Math.max(newestMtime(join(root, 'client')), newestMtime(join(root, 'shared')))
if (!existsSync(index) || statSync(index).mtimeMs < sources) {
  console.log('Building the client…')
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

if (serverBundleStale()) {
  console.log('Building the server…')
  await buildServer()
}

const server = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
