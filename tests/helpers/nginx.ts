import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * nginx in front of test servers, as the README's § 8 configures it: the two ```nginx
 * blocks of that section (the `http`-level map and upstream, the `location` blocks) are
 * read from README.md, the example addresses replaced by the test servers', and run by
 * Debian's nginx as a non-daemon child with its own prefix in a temp dir, on a free port.
 * Binary: `NGINX_BIN`, else `/usr/sbin/nginx`; missing → the test fails saying how to
 * install it (scripts/test-deps.sh does).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const README_ADDRESSES = ['10.0.0.11:8080', '10.0.0.12:8080']

export interface TestNginx {
  url: string
  port: number
  /** What nginx wrote to its error log. */
  output(): string
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function findNginx(): string {
  const bin = process.env.NGINX_BIN ?? '/usr/sbin/nginx'
  if (existsSync(bin)) return bin
  throw new Error(
    `nginx not found at ${bin}: install it (Debian: apt-get install -y nginx; scripts/test-deps.sh does) or set NGINX_BIN`,
  )
}

/** The two nginx blocks of README § 8: [http level, location blocks]. */
export function readmeClusterBlocks(): [string, string] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('### 8. Several servers on PostgreSQL')
  const end = readme.indexOf('\n## ', start)
  const section = readme.slice(start, end)
  const blocks = [...section.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1])
  if (blocks.length !== 2) throw new Error(`README § 8 should hold two nginx blocks, found ${blocks.length}`)
  return [blocks[0], blocks[1]]
}

/** Starts nginx on a free port in front of `upstreams` (host:port), with README § 8's configuration. */
export async function startNginx(
  upstreams: readonly string[],
  options: { roundRobin?: boolean } = {},
): Promise<TestNginx> {
  const bin = findNginx()
  const [readmeHttp, locations] = readmeClusterBlocks()
  let httpLevel = readmeHttp
  if (upstreams.length !== README_ADDRESSES.length) throw new Error('two upstreams, as in the README')
  README_ADDRESSES.forEach((address, i) => {
    if (!httpLevel.includes(address)) throw new Error(`README § 8 no longer names ${address}`)
    httpLevel = httpLevel.replace(address, upstreams[i])
  })
  if (options.roundRobin) httpLevel = httpLevel.replace(/^\s*hash .*$/m, '')
  const dir = mkdtempSync(join(tmpdir(), 'coalition-nginx-'))
  for (const sub of ['logs', 'tmp']) mkdirSync(join(dir, sub))
  const port = await freePort()
  const conf = `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
${httpLevel}
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 16m;
${locations}
  }
}
`
  writeFileSync(join(dir, 'nginx.conf'), conf)
  const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  const killOnExit = (): void => {
    child.kill('SIGKILL')
  }
  process.once('exit', killOnExit)
  const log = (): string => {
    try {
      return output + readFileSync(join(dir, 'logs', 'error.log'), 'utf8')
    } catch {
      return output
    }
  }
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${log()}\n${conf}`)
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`)
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer:\n${log()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  let stopped: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    output: log,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit)
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }).then(() => rmSync(dir, { recursive: true, force: true }))
      return stopped
    },
  }
}
