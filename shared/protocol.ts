/**
 * The wire contract between browser and server: WebSocket message types, close codes and
 * their reasons, and the default limits. Both sides import this file; nothing else may
 * invent a code or a message type.
 */

/** y-websocket message types (y-protocols) plus our control channel. */
export const MessageType = {
  /** y-protocols sync (step 1, step 2, update). */
  sync: 0,
  /** y-protocols awareness update. */
  awareness: 1,
  /** y-websocket "auth" (permission denied) message. */
  auth: 2,
  /** y-websocket "query awareness". */
  queryAwareness: 3,
  /**
   * Control channel: a JSON string (lib0 varString) follows the type. Server → client it
   * carries the connection's own view of the workshop's control state or a command result;
   * client → server it carries a facilitator or participant command. See `shared/control/`.
   */
  control: 10,
  /**
   * Server → client only, and only to a client that opened its socket with
   * `?bundle=deflate-raw` (`BUNDLE_PARAM`): several of the frames above, deflated once for
   * the whole room (see `shared/bundle.ts`). Stock y-websocket clients never receive it.
   */
  bundle: 11,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/**
 * WebSocket close codes. 4000–4999 are free for applications; we mirror HTTP statuses
 * where one fits so a reader recognises them. Each has one reason string, sent as the
 * close reason (≤ 123 bytes) and shown by the client in the UI language.
 */
export const CloseCode = {
  /** A frame could not be decoded, or it broke the protocol. */
  malformedMessage: 4400,
  /** No token, or a token that opens nothing. */
  invalidToken: 4401,
  /** The token is valid but this action is not allowed for its role (e.g. origin refused). */
  forbidden: 4403,
  /** No workshop has this id (never created, or deleted). */
  workshopNotFound: 4404,
  /** Idle for too long, or failed to answer pings. */
  idleTimeout: 4408,
  /** The workshop was deleted while connected. */
  workshopDeleted: 4410,
  /** The facilitator replaced the participant and viewer links (« Nouveaux liens »): this link no longer opens the workshop. */
  linkReplaced: 4411,
  /** One message was larger than the limit. */
  messageTooLarge: 4413,
  /** The workshop's document reached its maximum size. */
  documentTooLarge: 4414,
  /**
   * The update is outside the board's layout (a root type the board does not declare in
   * `shared/board.ts`, `tl_meta` written by a client, malformed entries): refused whole,
   * nothing of it applied, stored or relayed. Reconnecting would send it again.
   */
  updateRefused: 4422,
  /** Too many messages per second from this connection. */
  rateLimited: 4429,
  /** Too many connections to this workshop, or from this address. */
  tooManyConnections: 4430,
  /** Storage failed; the client should retry later. */
  serverError: 4500,
  /** The server is shutting down or restarting; clients reconnect by themselves. */
  serverRestarting: 4503,
  /** This member's share of the document is used up (facilitators have none): 507 Insufficient Storage. */
  memberShareFull: 4507,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close reasons, one per code (English, stable: clients map codes, not reasons, to UI text). */
export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.malformedMessage]: 'malformed message',
  [CloseCode.invalidToken]: 'invalid token',
  [CloseCode.forbidden]: 'forbidden',
  [CloseCode.workshopNotFound]: 'workshop not found',
  [CloseCode.idleTimeout]: 'idle timeout',
  [CloseCode.workshopDeleted]: 'workshop deleted',
  [CloseCode.linkReplaced]: 'link replaced by the facilitator',
  [CloseCode.messageTooLarge]: 'message too large',
  [CloseCode.documentTooLarge]: 'document too large',
  [CloseCode.updateRefused]: 'update refused',
  [CloseCode.rateLimited]: 'rate limited',
  [CloseCode.tooManyConnections]: 'too many connections',
  [CloseCode.serverError]: 'server error',
  [CloseCode.serverRestarting]: 'server restarting',
  [CloseCode.memberShareFull]: 'member share full',
}

/**
 * Close codes after which reconnecting with the same link is pointless: the client stops
 * retrying and shows a page explaining why.
 */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.invalidToken,
  CloseCode.forbidden,
  CloseCode.workshopNotFound,
  CloseCode.workshopDeleted,
  CloseCode.linkReplaced,
])

/** The three capability roles. Several people may hold each link. */
export const ROLES = ['facilitator', 'participant', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** Whether a role may change the board document. Viewers never may (enforced by the server). */
export function canEditBoard(role: Role): boolean {
  return role !== 'viewer'
}

/** Default limits; each is overridable by an environment variable (see server/config.ts). */
export const DEFAULT_LIMITS = {
  /** Largest WebSocket message accepted, in bytes (awareness, control, anything from a viewer). */
  maxMessageBytes: 1_048_576,
  /**
   * Largest sync step 2 or update from a writer (participant, facilitator), in bytes. Larger
   * than other messages because one change may be big: a paste of thousands of cards (the
   * client splits those, see client/board/binding/docWriteChunks.ts) or the whole diff of a
   * long offline session on reconnect (one step 2, which cannot be split). At most
   * `maxDocumentBytes`; unset, it is 8 MiB within [maxMessageBytes, maxDocumentBytes].
   */
  maxUpdateBytes: 8 * 1_048_576,
  /** Largest board document (encoded state), in bytes. */
  maxDocumentBytes: 32 * 1_048_576,
  /** Connections to one workshop. */
  maxConnectionsPerWorkshop: 2_000,
  /** Concurrent connections from one IP address. */
  maxConnectionsPerIp: 2_000,
  /** Messages per second per connection, averaged over a few seconds (token bucket). */
  messagesPerSecond: 100,
  /** Burst allowance of the token bucket. */
  messageBurst: 400,
  /** A connection that sends nothing (not even a pong) for this long is closed. */
  idleTimeoutMs: 60_000,
  /** How often the server pings each connection. */
  pingIntervalMs: 20_000,
  /** How long a room stays loaded after its last connection left. */
  roomGraceMs: 30_000,
  /** Largest HTTP JSON body (workshop creation). */
  maxBodyBytes: 65_536,
  /** Largest import body. */
  maxImportBytes: 16 * 1_048_576,
  /** Control commands per second per connection (token bucket); more are refused. */
  commandsPerSecond: 10,
  /** Burst allowance of the command token bucket. */
  commandBurst: 30,
  /**
   * Awareness states (cursors, selections) a room forwards per second, all clients
   * together: in a 1,000-person plenary each cursor moves about every 1,000 / 3,000 s.
   */
  awarenessStatesPerSecond: 3_000,
  /**
   * From this many recipients up, a room deflates each flush's frames once and sends the
   * same compressed bundle to every client that announced support (`BUNDLE_PARAM`); the
   * others get the plain frames. Below it compressing costs more than it saves.
   */
  bundleFromRecipients: 100,
  /**
   * Workshops and spaces one address may create or import per minute, on average (token
   * bucket shared by every creation route); more → 429.
   */
  creationsPerMinute: 60,
  /** Burst allowance of the creation bucket (a programme preparing its workshops at once). */
  creationBurst: 300,
  /** Import workers: imports are parsed and checked off the event loop, this many at once. */
  importWorkers: 1,
  /** Imports that may wait for a worker; beyond → 503 with `Retry-After`. */
  importsWaiting: 4,
  /** Imports one address may have in flight at once (being sent, waiting or parsed); beyond → 429. */
  importsPerAddress: 1,
  /** An import whose parsing and checks take longer is stopped (its worker ended) → 413. */
  importTimeoutMs: 30_000,
  /**
   * Wrong tokens one address may present per minute, on average (token bucket over HTTP and
   * `/sync`); past the burst every token check from it is refused with 429 until it refills.
   */
  tokenFailuresPerMinute: 60,
  /** Burst allowance of the wrong-token bucket. */
  tokenFailureBurst: 30,
  /**
   * Plain HTTP connections open at once from one socket peer (sockets upgraded to /sync
   * leave this count for `maxConnectionsPerIp`); beyond, a new connection is closed at once.
   * Not applied behind TRUST_PROXY: every socket then comes from the proxies.
   */
  httpConnectionsPerAddress: 512,
  /** A connection must have sent its request headers within this long, else it is closed. */
  httpHeadersTimeoutMs: 10_000,
  /** A whole request (headers and body: a 16 MiB import included) must arrive within this long. */
  httpRequestTimeoutMs: 120_000,
} as const

/** Query parameter names of the sync endpoint `/sync/<workshopId>?token=…&member=…`. */
export const SYNC_PATH_PREFIX = '/sync/'
/** Query parameter carrying the capability token on the sync endpoint. */
export const SYNC_TOKEN_PARAM = 'token'
/** Query parameter carrying the member key on the sync endpoint (optional). */
export const SYNC_MEMBER_PARAM = 'member'
