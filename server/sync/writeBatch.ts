/**
 * One system call per socket per task, however many frames the task sends it.
 *
 * `ws` writes each message with its own `writev` (header + payload). A room's flush sends
 * every recipient the tick's update frame, then its awareness frame, then perhaps a control
 * view: at 1,000 recipients that was up to 3,000 system calls per tick, and the profile of
 * the 1,000-client bench showed `writev` at 48 % of the server's CPU (PERFORMANCE.md § 0c).
 * A socket is therefore corked at the first frame a task writes to it and uncorked once
 * the task's synchronous work is done (a microtask): Node then hands everything queued to
 * the kernel in a single `writev`. Order is the socket's own, unchanged; the delay is
 * nil (the microtask runs before the event loop moves on).
 */

export interface Corkable {
  cork(): void
  uncork(): void
  readonly writableCorked: number
  readonly destroyed: boolean
}

export class WriteBatch {
  private corked: Corkable[] = []

  /** Call before writing to `socket`: corks it until the current task's microtasks run. */
  hold(socket: Corkable): void {
    if (socket.writableCorked > 0) return
    socket.cork()
    if (this.corked.push(socket) === 1) queueMicrotask(this.release)
  }

  private readonly release = (): void => {
    const sockets = this.corked
    this.corked = []
    for (const s of sockets) if (!s.destroyed) s.uncork()
  }
}
