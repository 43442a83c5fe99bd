import { deflateRawSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { joinFrames } from '../../../shared/bundle'
import { MessageType } from '../../../shared/protocol'
import { bundleReading } from './bundleReading'

/**
 * The part of a WebSocket the provider and the mixin touch; `emit` plays the network.
 * (No `onmessage` field: a real socket's is an accessor of its prototype, which the mixin overrides.)
 */
class FakeSocket {
  readonly closed: number[] = []
  private listeners: ((event: { data: unknown }) => void)[] = []
  declare onmessage: unknown
  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
    this.listeners.push(listener)
  }
  close(code?: number): void {
    this.closed.push(code ?? 1000)
  }
  emit(bytes: Uint8Array): void {
    const data = bytes.slice().buffer
    for (const l of this.listeners) l({ data })
  }
}

const Socket = bundleReading(FakeSocket)

function bundle(frames: Uint8Array[]): Uint8Array {
  const compressed = deflateRawSync(joinFrames(frames))
  return new Uint8Array([MessageType.bundle, ...compressed])
}

const frame = (...bytes: number[]) => new Uint8Array(bytes)

function received(socket: InstanceType<typeof Socket>): number[][] {
  const seen: number[][] = []
  socket.onmessage = (event: { data: ArrayBuffer | ArrayBufferView }) => {
    const data = event.data
    seen.push([
      ...(data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    ])
  }
  return seen
}

describe('bundleReading', () => {
  it('hands on plain frames at once, unchanged', () => {
    const socket = new Socket()
    const seen = received(socket)
    socket.emit(frame(0, 2, 1, 7))
    expect(seen).toEqual([[0, 2, 1, 7]])
  })

  it("hands on a bundle's frames one by one, and what came after it only after them", async () => {
    const socket = new Socket()
    const seen = received(socket)
    socket.emit(frame(1, 1))
    socket.emit(bundle([frame(0, 2, 1, 1), frame(1, 9, 9), frame(10, 3, 97, 98, 99)]))
    socket.emit(frame(0, 2, 1, 2))
    socket.emit(bundle([frame(0, 2, 1, 3)]))
    socket.emit(frame(1, 4))
    await vi.waitFor(() => expect(seen).toHaveLength(7), { timeout: 10_000 })
    expect(seen).toEqual([
      [1, 1],
      [0, 2, 1, 1],
      [1, 9, 9],
      [10, 3, 97, 98, 99],
      [0, 2, 1, 2],
      [0, 2, 1, 3],
      [1, 4],
    ])
  })

  it('closes the socket on a bundle it cannot inflate (the provider reconnects and syncs again)', async () => {
    const socket = new Socket()
    const seen = received(socket)
    socket.emit(new Uint8Array([MessageType.bundle, 0xff, 0xff, 0xff]))
    socket.emit(frame(0, 2, 1, 1))
    await vi.waitFor(() => expect(socket.closed).toEqual([4400]), { timeout: 10_000 })
    // What came after it was handed on, in its turn (the provider is reconnecting anyway).
    expect(seen).toEqual([[0, 2, 1, 1]])
  })
})
