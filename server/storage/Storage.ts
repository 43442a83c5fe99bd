import type { CheckpointStore } from './checkpoints/port'
import type { ControlStore } from './controlState/port'
import type { DocumentLog, StoredDoc } from './documentLog/port'
import type { SpaceStore } from './spaces/port'
import type { WorkshopStore } from './workshops/port'

export type { CheckpointInfo, StoredCheckpoint } from './checkpoints/port'
export type { StoredDoc } from './documentLog/port'
export { UnknownWorkshopError, type StoredToken, type WorkshopContent } from './workshops/port'

/**
 * Everything the server keeps: one port per kind of data, each with its memory, SQLite and
 * PostgreSQL implementation and its contract suite in its own folder. A backend opens them
 * all on one database: SQLite is the embedded default (`sqliteStorage.ts`), the in-memory
 * one serves tests (`memoryStorage.ts`), PostgreSQL serves several servers
 * (`postgres/postgresStorage.ts`); all pass `storage.contract.ts`. Methods are async so a
 * networked database can implement them.
 *
 * Only the composition root (`server.ts`, `http/app.ts`) holds a whole `Storage`: every
 * other module names the ports it uses (a room: `RoomStorage` in `sync/Room.ts`; a route
 * module: `AppDeps<…>`).
 */
export interface Storage extends DocumentLog, WorkshopStore, CheckpointStore, SpaceStore, ControlStore, StateReader {
  close(): Promise<void>
}

/** The board and the control state read together, as of one moment (exports): it spans two ports, so each backend answers it. */
export interface StateReader {
  loadState(workshopId: string): Promise<{ doc: StoredDoc; control: Record<string, unknown> }>
}
