import {
  createUserId,
  InstancePresenceRecordType,
  react,
  TL_CURSOR_TYPES,
  TLPOINTER_ID,
  type Editor,
  type TLCursorType,
  type TLInstancePresence,
  type TLPageId,
  type TLShapeId,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { isActivity, parsePresence, presenceUserKey, type AwarenessPresence, type PresenceUser } from './presenceState'

export interface PresenceBindingOptions {
  editor: Editor
  awareness: Awareness
  /** Read at every publish: the name and member id may change during a session. */
  getUser(): PresenceUser
  /** Minimum delay between two awareness updates from this client. */
  intervalMs?: number
}

interface RemoteEntry {
  presence: AwarenessPresence
  /** Local clock, when we last saw them act: remote clocks cannot be trusted to agree. */
  lastActivity: number
}

/**
 * Presence over Yjs awareness only. This client's cursor, selection and page are published
 * (throttled) as its awareness state; every other client's state becomes a tldraw
 * `instance_presence` record, which tldraw draws as a collaborator cursor with a name. Those
 * records live in the store's presence scope, so the board binding never copies them to
 * the Y.Doc.
 */
export function bindPresence({ editor, awareness, getUser, intervalMs = 60 }: PresenceBindingOptions): () => void {
  const ownId = awareness.clientID
  const remotes = new Map<number, RemoteEntry>()

  // Local → awareness, at most once per interval (leading and trailing edge).
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastPublished = 0
  let pending: AwarenessPresence | null = null
  const publish = () => {
    timer = null
    if (!pending) return
    lastPublished = Date.now()
    awareness.setLocalState(pending)
    pending = null
  }
  const stopReacting = react('publish presence', () => {
    const pointer = editor.store.get(TLPOINTER_ID)
    const instance = editor.getInstanceState()
    pending = {
      user: getUser(),
      cursor: pointer ? { x: pointer.x, y: pointer.y, type: instance.cursor.type, rotation: instance.cursor.rotation } : null,
      selection: editor.getSelectedShapeIds(),
      pageId: editor.getCurrentPageId(),
    }
    if (timer !== null) return
    const wait = Math.max(0, lastPublished + intervalMs - Date.now())
    timer = setTimeout(publish, wait)
  })

  // Awareness → presence records.
  const toRecord = (clientId: number, entry: RemoteEntry): TLInstancePresence => {
    const { presence } = entry
    const cursor = presence.cursor
    return InstancePresenceRecordType.create({
      id: InstancePresenceRecordType.createId(String(clientId)),
      userId: createUserId(presenceUserKey(clientId, presence)),
      userName: presence.user.name,
      color: presence.user.color,
      currentPageId: (presence.pageId ?? editor.getCurrentPageId()) as TLPageId,
      cursor: cursor
        ? {
            x: cursor.x,
            y: cursor.y,
            rotation: cursor.rotation,
            type: (TL_CURSOR_TYPES.has(cursor.type) ? cursor.type : 'default') as TLCursorType,
          }
        : null,
      selectedShapeIds: presence.selection as TLShapeId[],
      lastActivityTimestamp: entry.lastActivity,
      meta: { role: presence.user.role, memberId: presence.user.memberId },
    })
  }

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const puts: TLInstancePresence[] = []
    const removes: TLInstancePresence['id'][] = []
    const states = awareness.getStates()
    for (const clientId of [...added, ...updated]) {
      if (clientId === ownId) continue
      const presence = parsePresence(states.get(clientId))
      if (!presence) {
        if (remotes.delete(clientId)) removes.push(InstancePresenceRecordType.createId(String(clientId)))
        continue
      }
      const before = remotes.get(clientId)
      const entry = {
        presence,
        lastActivity: !before || isActivity(before.presence, presence) ? Date.now() : before.lastActivity,
      }
      remotes.set(clientId, entry)
      puts.push(toRecord(clientId, entry))
    }
    for (const clientId of removed) {
      if (remotes.delete(clientId)) removes.push(InstancePresenceRecordType.createId(String(clientId)))
    }
    if (puts.length === 0 && removes.length === 0) return
    editor.store.mergeRemoteChanges(() => {
      if (removes.length > 0) editor.store.remove(removes.filter((id) => editor.store.has(id)))
      for (const record of puts) {
        // One malformed presence must not stop the others from showing.
        try {
          editor.store.put([record])
        } catch (error) {
          console.warn('[presence] ignored an invalid presence', error)
        }
      }
    })
  }
  awareness.on('change', onChange)
  // Clients already present when we bind.
  onChange({ added: [...awareness.getStates().keys()], updated: [], removed: [] })

  return () => {
    stopReacting()
    if (timer !== null) clearTimeout(timer)
    awareness.off('change', onChange)
    const ids = [...remotes.keys()].map((id) => InstancePresenceRecordType.createId(String(id)))
    remotes.clear()
    editor.store.mergeRemoteChanges(() => editor.store.remove(ids.filter((id) => editor.store.has(id))))
  }
}
