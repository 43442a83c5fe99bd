import { describe, expect, it } from 'vitest'
import { createManualClock } from '../clock'
import { noCluster, type Cluster } from './Cluster'
import { ClusterConnections, COUNT_HEARTBEAT_MS, COUNT_STALE_MS, COUNT_TICK_MS } from './connectionCounts'

function harness() {
  const clock = createManualClock()
  const published: Record<string, number>[] = []
  const cluster: Cluster = { ...noCluster, enabled: true, publishConnections: (c) => void published.push({ ...c }) }
  const local = new Map<string, number>()
  const counts = new ClusterConnections(
    cluster,
    clock,
    (id) => local.get(id) ?? 0,
    () => local.keys(),
  )
  return { clock, published, local, counts }
}

describe('ClusterConnections', () => {
  it('adds what other servers announced, forgets a count of 0 and one not repeated for a while', () => {
    const { clock, counts } = harness()
    counts.heard('b', { w1: 3, w2: 1 })
    counts.heard('c', { w1: 2 })
    expect(counts.elsewhere('w1')).toBe(5)
    counts.heard('c', { w1: 0 })
    expect(counts.elsewhere('w1')).toBe(3)
    clock.advance(COUNT_STALE_MS - 1)
    counts.heard('c', { w1: 4 })
    clock.advance(2)
    // b went silent (killed): its counts no longer hold people out; c's is fresh.
    expect(counts.elsewhere('w1')).toBe(4)
    expect(counts.elsewhere('w2')).toBe(0)
  })

  it("announces this server's changed counts once per tick, all of them at each heartbeat, zeros when it stops", () => {
    const { clock, published, local, counts } = harness()
    local.set('w1', 1)
    counts.localChanged('w1')
    local.set('w1', 2)
    counts.localChanged('w1')
    local.set('w2', 1)
    counts.localChanged('w2')
    expect(published).toEqual([])
    clock.advance(COUNT_TICK_MS)
    expect(published).toEqual([{ w1: 2, w2: 1 }])
    local.set('w2', 0)
    clock.advance(COUNT_HEARTBEAT_MS - COUNT_TICK_MS)
    expect(published.at(-1)).toEqual({ w1: 2 })
    counts.stop()
    expect(published.at(-1)).toEqual({ w1: 0, w2: 0 })
    const before = published.length
    clock.advance(10 * COUNT_HEARTBEAT_MS)
    expect(published.length).toBe(before)
  })
})
