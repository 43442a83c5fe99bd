// `npm start`: build the client and the server bundle if either is missing or older than its
// sources (so there is no build step to forget), then run the bundled server.
//
// Signals: npm passes SIGINT/SIGTERM to its script's process, which is this one (the npm
// script execs `sh scripts/with-node.sh`, which execs node: no shell in between to swallow
// them); this script passes them to the Node it runs. The server stops once however many
// copies of a signal reach it (Ctrl-C sends one to every process of the terminal's group).
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { buildServer, newestMtime, serverBundleStale, SERVER_BUNDLE } from './build-server.mjs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

/** Runs `command`, passing it SIGINT and SIGTERM, and exits as it exits. */
function runAndForwardSignals(command, args, options) {
  const child = spawn(command, args, { stdio: 'inherit', ...options })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

// The server needs Node >= 22.12 (better-sqlite3 13). On an older system Node, fetch the pinned
// one into .tools/node (scripts/install-node.sh) and run this script again under it.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.log(`Node ${process.versions.node} is too old for the server; using the project's pinned Node.`)
  const install = spawnSync('sh', [join(root, 'scripts', 'install-node.sh')], { stdio: 'inherit' })
  if (install.status !== 0) process.exit(install.status ?? 1)
  runAndForwardSignals(join(root, '.tools', 'node', 'bin', 'node'), process.argv.slice(1))
} else {
  await buildWhatIsStale()
  runAndForwardSignals(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], { cwd: root, env: process.env })
}

async function buildWhatIsStale() {
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
}
