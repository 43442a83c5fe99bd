import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogOutput } from './log'

/** A stdout whose reader never reads: every write stays pending. */
function stuckOut(): Writable {
  return new Writable({ write() {} })
}

describe('createLogOutput', () => {
  it('keeps a bounded amount for a reader that stopped reading, and never blocks', async () => {
    const out = stuckOut()
    const output = createLogOutput(out)
    const line = `${'x'.repeat(64 * 1024)}\n`
    for (let i = 0; i < 1000; i++) output.write(line) // 64 MiB offered
    expect(out.writableLength).toBeGreaterThan(0)
    expect(out.writableLength).toBeLessThanOrEqual(8 * 1024 * 1024 + line.length)
    await output.flushed(10) // gives up instead of waiting for a reader that never comes
  })

  it('waits for what is pending, then resolves', async () => {
    const written: string[] = []
    let reading = false
    let pending: (() => void) | undefined
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString())
        if (reading) callback()
        else pending = callback
      },
    })
    const release = () => {
      reading = true
      pending?.()
    }
    const output = createLogOutput(out)
    output.write('{"msg":"stopped"}\n')
    let resolved = false
    const flushed = output.flushed(60_000).then(() => (resolved = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(resolved).toBe(false)
    release()
    await flushed
    expect(written[0]).toBe('{"msg":"stopped"}\n')
  })

  it('goes quiet once the reader is gone, without throwing', async () => {
    const out = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      },
    })
    const output = createLogOutput(out)
    output.write('first\n')
    await new Promise((resolve) => setImmediate(resolve))
    expect(() => output.write('second\n')).not.toThrow()
    await output.flushed(60_000) // resolves at once: nothing more will ever be written
  })
})
