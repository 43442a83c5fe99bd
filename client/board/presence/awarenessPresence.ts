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
  type TLUserId,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../../shared/protocol'
import type { Locale } from '../../../shared/workshop'
import { translate } from '../../i18n/translate'
import { useUiStore } from '../../state/uiStore'
import { isActivity, parsePresence, presenceUserKey, type AwarenessPresence, type PresenceUser } from './presenceState'

/**
 * Instance-state meta flag (never synced: instance scope) set while the facilitator hides
 * names: this client then publishes no name, and shows everyone else under a neutral label.
 */
export const ANONYMOUS_META_KEY = 'cbAnonymous'

/**
 * The label of someone while names are hidden: « Participant·e 3 », « Observation 1 »; the
 * first facilitator is just « Animation » (there is usually one), the next « Animation 2 ».
 */
export function anonymousLabel(locale: Locale, role: Role, n: number): string {
  const roleName = translate(locale, `role.${role}`)
  return role === 'facilitator' && n === 1 ? roleName : translate(locale, 'facil.anonymousName', { role: roleName, n })
}

/** Whether names are hidden on this board right now (reactive inside tldraw signals). */
export function isAnonymousBoard(editor: Editor): boolean {
  return editor.getInstanceState().meta[ANONYMOUS_META_KEY] === true
}

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
    const user = getUser()
    const camera = editor.getCamera()
    const screen = editor.getViewportScreenBounds()
    pending = {
      // While names are hidden, ours does not even leave this browser.
      user: isAnonymousBoard(editor) ? { ...user, name: '' } : user,
      cursor: pointer
        ? { x: pointer.x, y: pointer.y, type: instance.cursor.type, rotation: instance.cursor.rotation }
        : null,
      selection: editor.getSelectedShapeIds(),
      pageId: editor.getCurrentPageId(),
      view: {
        camera: { x: camera.x, y: camera.y, z: camera.z },
        screenBounds: { x: screen.x, y: screen.y, w: screen.w, h: screen.h },
      },
      ...(instance.followingUserId ? { followingUserId: instance.followingUserId } : {}),
    }
    if (timer !== null) return
    const wait = Math.max(0, lastPublished + intervalMs - Date.now())
    timer = setTimeout(publish, wait)
  })

  // Awareness → presence records. While names are hidden, everyone shows under their role and
  // the number the server gave them (the same on every screen); a presence from a server that
  // gives none is numbered in order of arrival here.
  const localNumbers = new Map<number, number>()
  const labelOf = (clientId: number, presence: AwarenessPresence): string => {
    if (!isAnonymousBoard(editor)) return presence.user.name
    let n = presence.user.roleNumber ?? localNumbers.get(clientId)
    if (n === undefined) {
      n = localNumbers.size + 1
      localNumbers.set(clientId, n)
    }
    return anonymousLabel(useUiStore.getState().locale, presence.user.role, n)
  }
  const toRecord = (clientId: number, entry: RemoteEntry): TLInstancePresence => {
    const { presence } = entry
    const cursor = presence.cursor
    return InstancePresenceRecordType.create({
      id: InstancePresenceRecordType.createId(String(clientId)),
      userId: createUserId(presenceUserKey(clientId, presence)),
      userName: labelOf(clientId, presence),
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
      camera: presence.view?.camera ?? null,
      screenBounds: presence.view?.screenBounds ?? null,
      followingUserId: (presence.followingUserId as TLUserId | undefined) ?? null,
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

  // Names hidden or shown again: relabel everyone at once, not at their next move.
  let wasAnonymous = isAnonymousBoard(editor)
  const stopRelabel = react('relabel presence', () => {
    const anonymous = isAnonymousBoard(editor)
    if (anonymous === wasAnonymous) return
    wasAnonymous = anonymous
    const records = [...remotes].map(([clientId, entry]) => toRecord(clientId, entry))
    if (records.length > 0) editor.store.mergeRemoteChanges(() => editor.store.put(records))
  })

  return () => {
    stopReacting()
    stopRelabel()
    if (timer !== null) clearTimeout(timer)
    awareness.off('change', onChange)
    const ids = [...remotes.keys()].map((id) => InstancePresenceRecordType.createId(String(id)))
    remotes.clear()
    editor.store.mergeRemoteChanges(() => editor.store.remove(ids.filter((id) => editor.store.has(id))))
  }
}
