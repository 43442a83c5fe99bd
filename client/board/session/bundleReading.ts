import { splitFrames } from '../../../shared/bundle'
import { CloseCode, MessageType } from '../../../shared/protocol'

/**
 * Lets y-websocket read bundles (`shared/bundle.ts`): a big room deflates each flush once
 * for everyone and sends it as one message, to the clients that opened their socket with
 * `?bundle=deflate-raw`. The provider is given this WebSocket class (its
 * `WebSocketPolyfill` option); it sees every frame of a bundle as a message of its own,
 * exactly as if the server had sent them plain.
 *
 * Order is kept: inflating is asynchronous (`DecompressionStream`), so while a bundle is
 * being inflated the messages after it wait their turn behind it; when nothing is pending
 * a plain message is handed on at once, as without this class.
 */

type MessageHandler = (event: { data: ArrayBuffer | ArrayBufferView }) => void

interface MessageSource {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  close(code?: number, reason?: string): void
}

// A mixin's constructor must take `any[]` (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SocketClass = new (...args: any[]) => MessageSource

export function bundleReading<T extends SocketClass>(Base: T): T {
  return class BundleReadingSocket extends Base {
    private handler: MessageHandler | null = null
    /** The delivery of the last bundle still inflating (and of what queued behind it). */
    private pending: Promise<void> | null = null

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      super(...args)
      this.addEventListener('message', (event) => this.receive(event.data as ArrayBuffer))
    }

    get onmessage(): MessageHandler | null {
      return this.handler
    }

    /** y-websocket sets its handler here, and null once the socket closed (nothing is delivered after). */
    set onmessage(handler: MessageHandler | null) {
      this.handler = handler
    }

    private receive(data: ArrayBuffer): void {
      const bytes = new Uint8Array(data)
      if (bytes[0] !== MessageType.bundle) {
        if (this.pending) this.queue(this.pending.then(() => this.deliver(bytes)))
        else this.deliver(bytes)
        return
      }
      // Inflating starts now, delivering waits for what came before.
      const body = inflateRaw(bytes.subarray(1))
      const before = this.pending ?? Promise.resolve()
      this.queue(
        before
          .then(() => body)
          .then(
            (inflated) => {
              for (const frame of splitFrames(inflated)) this.deliver(frame)
            },
            (error: unknown) => {
              // A bundle we cannot read: its updates are lost to this socket, so start over
              // (the provider reconnects and syncs the whole document again).
              console.warn('[sync] unreadable bundle', error)
              this.close(CloseCode.malformedMessage, 'unreadable bundle')
            },
          ),
      )
    }

    private queue(delivery: Promise<void>): void {
      this.pending = delivery
      void delivery.finally(() => {
        if (this.pending === delivery) this.pending = null
      })
    }

    private deliver(frame: Uint8Array): void {
      this.handler?.({ data: frame })
    }
  }
}

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}
