// `npm start`: build the client and the server bundle if either is missing or older than its
// sources (so there is no build step to forget), then run the bundled server.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { buildServer, newestMtime, serverBundleStale, SERVER_BUNDLE } from './build-server.mjs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

// The server needs Node >= 22.12 (better-sqlite3 13). On an older system Node, fetch the pinned
// one into .tools/node (scripts/install-node.sh) and run this script again under it.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.log(`Node ${process.versions.node} is too old for the server; using the project's pinned Node.`)
  const install = spawnSync('sh', [join(root, 'scripts', 'install-node.sh')], { stdio: 'inherit' })
  if (install.status !== 0) process.exit(install.status ?? 1)
  const again = spawnSync(join(root, '.tools', 'node', 'bin', 'node'), process.argv.slice(1), { stdio: 'inherit' })
  process.exit(again.status ?? 1)
}

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
