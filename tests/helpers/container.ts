import { spawnSync } from 'node:child_process'
import type { TestServer } from './server'
import { waitFor } from './server'

/**
 * The server as the container image runs it, behind the same `TestServer` interface as
 * `startServer`, so the smoke test can run against an image (`SMOKE_IMAGE`, set by
 * `scripts/container-smoke.sh`). The engine is `CONTAINER_ENGINE` (default `podman`; may carry
 * global flags, e.g. `podman --runtime runc`), extra `run` flags are `CONTAINER_RUN_ARGS`.
 * `dataDir` is a named volume on `/data`: a restart is a new container on the same volume.
 */

const START_TIMEOUT_MS = 60_000
const engine = (process.env.CONTAINER_ENGINE ?? 'podman').split(/\s+/).filter(Boolean)
const runArgs = (process.env.CONTAINER_RUN_ARGS ?? '').split(/\s+/).filter(Boolean)
let started = 0

function container(args: string[], allowFailure = false): string {
  const result = spawnSync(engine[0], [...engine.slice(1), ...args], { encoding: 'utf8' })
  if (result.status !== 0 && !allowFailure)
    throw new Error(`${engine.join(' ')} ${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdout
}

/** Removes a volume `startContainer` made (after its containers are gone). */
export function removeVolume(volume: string): void {
  container(['volume', 'rm', '--force', volume], true)
}

/** `<engine> run` of `image` with `/data` on `volume` and 8080 on a free port of 127.0.0.1; resolves once `/api/health` answers. */
export async function startContainer(options: { image: string; volume?: string }): Promise<TestServer> {
  const volume = options.volume ?? `coalition-smoke-${process.pid}`
  const name = `coalition-smoke-${process.pid}-${++started}`
  container([
    'run',
    '--detach',
    '--name',
    name,
    ...runArgs,
    '--volume',
    `${volume}:/data`,
    '--publish',
    '127.0.0.1::8080',
    options.image,
  ])
  const remove = () => container(['rm', '--force', name], true)
  let port = 0
  try {
    await waitFor(
      async () => {
        port = Number(container(['port', name, '8080'], true).trim().split(':').at(-1))
        if (!port) return false
        return fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      },
      START_TIMEOUT_MS,
      `the container ${name} to answer on /api/health`,
    )
  } catch (err) {
    const logs = container(['logs', name], true)
    remove()
    throw new Error(`${(err as Error).message}\n${logs}`, { cause: err })
  }
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    publicUrl: url,
    port,
    dataDir: volume,
    output: () => container(['logs', name], true),
    async stop() {
      container(['stop', '--time', '20', name], true) // SIGTERM, as `docker stop` sends it
      remove()
    },
    async kill() {
      container(['kill', '--signal', 'KILL', name], true)
      remove()
    },
  }
}
