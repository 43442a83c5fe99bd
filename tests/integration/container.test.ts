import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * What the container image must do, read from the Dockerfile, .dockerignore and compose.yaml.
 * CI cannot pull a base image, so this is what runs everywhere; `scripts/container-smoke.sh`
 * builds the image and runs the smoke test against it where an engine and a base image are
 * at hand (README « Container » says what was verified).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

interface Instruction {
  keyword: string
  args: string
}

/** The Dockerfile's instructions: comments dropped, continuation lines joined. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/)
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') }
    })
}

/** Instructions grouped by stage (each FROM starts one). */
function stages(all: Instruction[]): Instruction[][] {
  const out: Instruction[][] = []
  for (const i of all) {
    if (i.keyword === 'FROM') out.push([])
    out.at(-1)?.push(i)
  }
  return out
}

const dockerfile = instructions(read('Dockerfile'))
const [build, runtime] = stages(dockerfile)
const args = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args)

describe('Dockerfile', () => {
  it('builds in one stage and runs from a second, both on Node 24 slim', () => {
    expect(stages(dockerfile)).toHaveLength(2)
    expect(args(dockerfile, 'ARG')).toContain('NODE_IMAGE=node:24-slim')
    expect(build[0].args).toBe('${NODE_IMAGE} AS build')
    expect(runtime[0].args).toBe('${NODE_IMAGE}')
    const run = args(build, 'RUN').join(' && ')
    expect(run).toMatch(/npm ci\b/)
    expect(run).toMatch(/npm run build\b/)
    // Only production dependencies reach the runtime stage.
    expect(run).toMatch(/npm prune --omit=dev/)
    expect(args(runtime, 'COPY')).toContain('--from=build /app/node_modules ./node_modules')
    expect(args(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)/)
  })

  it('runs as a non-root user with its data in the /data volume, listening on every address', () => {
    const user = args(runtime, 'USER').at(-1)
    expect(user).toBeDefined()
    expect(user).not.toMatch(/^(root|0)(:|$)/)
    expect(args(runtime, 'VOLUME').join(' ')).toContain('/data')
    const env = args(runtime, 'ENV').join(' ')
    expect(env).toMatch(/\bDATA_DIR=\/data\b/)
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/)
    // The volume's mount point belongs to that user, or SQLite cannot create its files.
    expect(args(runtime, 'RUN').join(' ')).toMatch(new RegExp(`chown ${user}(:\\S+)? /data`))
  })

  it('checks its health on /api/health with Node itself (no curl in slim images)', () => {
    const [health] = args(runtime, 'HEALTHCHECK')
    expect(health).toContain('/api/health')
    expect(health).toMatch(/CMD \["node", "-e",/)
    expect(health).not.toMatch(/\b(curl|wget)\b/)
  })

  it('makes node PID 1 running the bundle, so SIGTERM reaches the server', () => {
    const [cmd] = args(runtime, 'CMD')
    const argv = JSON.parse(cmd) as string[] // exec form: no shell in between
    expect(argv[0]).toBe('node')
    expect(argv).toContain('dist-server/main.mjs')
    expect(args(runtime, 'ENTRYPOINT')).toEqual([])
    expect(args(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM'])
  })

  it('ships the licence with the image', () => {
    expect(args(runtime, 'COPY').join(' ')).toContain('/app/LICENSE')
  })
})

describe('.dockerignore', () => {
  it('keeps installed, built, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
    for (const entry of ['node_modules', 'dist', 'dist-server', 'data', '.env', '.git', '.tools', '.tmp'])
      expect(ignored).toContain(entry)
  })
})

describe('compose.yaml', () => {
  const compose = read('compose.yaml')
  const service = (name: string) => compose.match(new RegExp(`\\n  ${name}:\\n((?:    .*\\n|\\s*\\n)+)`))?.[1] ?? ''

  it('runs the app from this Dockerfile with a named volume on /data and time to save on stop', () => {
    const app = service('app')
    expect(app).toMatch(/build: \./)
    expect(app).toMatch(/- data:\/data/)
    expect(app).toMatch(/DATABASE_URL:/)
    expect(app).toMatch(/TLDRAW_LICENSE_KEY:/)
    const grace = Number(app.match(/stop_grace_period: (\d+)s/)?.[1])
    expect(grace).toBeGreaterThan(10) // the server's own forced exit
  })

  it('adds PostgreSQL 16 only under the postgres profile', () => {
    const postgres = service('postgres')
    expect(postgres).toMatch(/image: postgres:16\b/)
    expect(postgres).toMatch(/profiles: \[["']postgres["']\]/)
    expect(service('app')).toMatch(/required: false/)
  })
})
