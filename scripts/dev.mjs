// `npm run dev`: the Node server on PORT (default 8080) and Vite's dev server on VITE_PORT
// (default 5173, proxying /api and /sync to it) side by side. Ctrl+C stops both; if either exits, the other is stopped.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const port = process.env.PORT ?? '8080'
const vitePort = process.env.VITE_PORT ?? '5173'
// Links created in development must open the dev client (Vite), not the built one.
const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${vitePort}`

const children = [
  spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: port, PUBLIC_URL: publicUrl },
  }),
  spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: port, VITE_PORT: vitePort },
  }),
]

let stopping = false
function stopAll(code) {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  process.exitCode = code
}
for (const child of children) child.on('exit', (code) => stopAll(code ?? 1))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0))
