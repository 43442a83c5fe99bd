import { createUserId, react, type Editor, type TLPageId, type TLUserId } from 'tldraw'
import type { FacilitationPublicView } from '../../../shared/control/facilitation'
import type { ControlClient } from '../control/controlClient'
import { controlSignal } from './controlSignal'
import { zoomToZone } from './zone'

/** The tldraw user id under which everyone's presence shows a member (see presenceUserKey). */
export function userIdOfMember(memberId: string): TLUserId {
  return createUserId(`member-${memberId}`)
}

/**
 * Follow-me and summon on a participant's screen, driven by the server's `facilitation`
 * section:
 * - follow-me: everyone but the leader follows the leader's viewport (tldraw's own
 *   following, fed by presence) until the leader stops it or the person moves away; moving
 *   away dismisses this follow-me only, the next one applies again;
 * - summon: each new `summonSeq` moves the camera once to the summoner's viewport. The
 *   sequence seen first (on connect) is history, not a summon.
 */
export function bindFollowAndSummon(editor: Editor, control: ControlClient): () => void {
  const { signal: facilitation, dispose } = controlSignal(control, 'facilitation')
  const me = () => control.getSelf()?.memberId ?? ''

  let target: string | null = null
  let dismissed = false
  let following = false
  const stopFollow = react('follow-me', () => {
    const next = facilitation.get()?.followTarget ?? null
    const followingId = editor.getInstanceState().followingUserId
    const collaborators = editor.getCollaborators()
    if (next !== target) {
      const previous = target
      if (previous !== null && followingId === userIdOfMember(previous)) {
        // Outside the reaction: following writes to the instance state this effect reads.
        queueMicrotask(() => {
          if (editor.getInstanceState().followingUserId === userIdOfMember(previous)) editor.stopFollowingUser()
        })
      }
      target = next
      dismissed = false
      following = false
    }
    if (target === null || target === me()) return
    const leader = userIdOfMember(target)
    const present = collaborators.some((c) => c.userId === leader)
    if (followingId === leader) {
      following = true
      return
    }
    // We were following and no longer are while the leader is still here: the person
    // moved their view (or chose someone else). Respect that until the next follow-me.
    if (following && present) dismissed = true
    following = false
    if (dismissed || !present) return
    queueMicrotask(() => {
      if (
        target !== null &&
        userIdOfMember(target) === leader &&
        editor.getInstanceState().followingUserId !== leader
      ) {
        editor.startFollowingUser(leader)
      }
    })
  })

  let seenSeq: number | null = null
  const stopSummon = react('summon', () => {
    const view: FacilitationPublicView | undefined = facilitation.get()
    if (!view) return
    if (seenSeq === null || view.summonSeq <= seenSeq || !view.summon) {
      seenSeq = Math.max(seenSeq ?? 0, view.summonSeq)
      return
    }
    seenSeq = view.summonSeq
    const { summon } = view
    if (summon.by === me()) return
    // Outside the reaction: moving the camera writes to the store this effect reads.
    queueMicrotask(() => moveTo(editor, summon.pageId as TLPageId, summon.bounds, userIdOfMember(summon.by)))
  })

  return () => {
    stopFollow()
    stopSummon()
    dispose()
  }
}

function moveTo(
  editor: Editor,
  pageId: TLPageId,
  bounds: { x: number; y: number; w: number; h: number },
  summoner: TLUserId,
): void {
  const followingId = editor.getInstanceState().followingUserId
  if (followingId !== null && followingId !== summoner) editor.stopFollowingUser()
  if (pageId !== editor.getCurrentPageId() && editor.getPage(pageId)) editor.setCurrentPage(pageId)
  zoomToZone(editor, bounds)
}
