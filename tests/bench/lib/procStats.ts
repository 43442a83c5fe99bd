import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

/**
 * CPU time and resident memory of other processes (the server under test, the load
 * workers), read from Linux's /proc so nothing has to be added to the server itself.
 * The parsing is pure and kept apart from the reading.
 */

/** `utime + stime` in clock ticks, from the text of /proc/<pid>/stat. */
export function parseCpuTicks(statText: string): number {
  // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
  const rest = statText.slice(statText.lastIndexOf(')') + 2).split(' ')
  // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(rest[11])
  const stime = Number(rest[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error(`unexpected /proc stat: ${statText.slice(0, 80)}`)
  return utime + stime
}

/** VmRSS in bytes, from the text of /proc/<pid>/status. */
export function parseRssBytes(statusText: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(statusText)
  if (!match) throw new Error('no VmRSS in /proc status')
  return Number(match[1]) * 1024
}

let ticksPerSecond: number | null = null

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) / clockTicks()
}

/** The parent process id, from the text of /proc/<pid>/stat (field 4). */
export function parseParentPid(statText: string): number {
  return Number(statText.slice(statText.lastIndexOf(')') + 2).split(' ')[1])
}

/** A process and every process below it (PostgreSQL's postmaster and its backends), read from /proc now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const parent = parseParentPid(readFileSync(`/proc/${name}/stat`, 'utf8'))
      children.set(parent, [...(children.get(parent) ?? []), Number(name)])
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root]
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []))
  return tree
}

/** Resident set size of a process, in bytes. */
export function rssBytes(pid: number): number {
  return parseRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'))
}

/** CPU use of a set of processes between two instants, as % of one core. */
export class CpuMeter {
  private startCpu: number
  private startAt: number

  constructor(private readonly pids: () => readonly number[]) {
    this.startCpu = this.total()
    this.startAt = performance.now()
  }

  private total(): number {
    let sum = 0
    for (const pid of this.pids()) {
      try {
        sum += pid === process.pid ? processCpuSeconds() : cpuSeconds(pid)
      } catch {
        // A process that exited meanwhile no longer counts.
      }
    }
    return sum
  }

  /** Restarts the measurement now. */
  reset(): void {
    this.startCpu = this.total()
    this.startAt = performance.now()
  }

  /** CPU seconds used and % of one core since the start (or last reset). */
  read(): { cpuSeconds: number; percent: number } {
    const cpu = this.total() - this.startCpu
    const wall = (performance.now() - this.startAt) / 1000
    return { cpuSeconds: cpu, percent: wall > 0 ? (100 * cpu) / wall : 0 }
  }
}

function processCpuSeconds(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** Samples a process's RSS periodically and keeps the peak. */
export class RssSampler {
  private peak = 0
  private timer: NodeJS.Timeout

  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
    this.timer.unref()
  }

  private sample(): number {
    try {
      const rss = rssBytes(this.pid)
      this.peak = Math.max(this.peak, rss)
      return rss
    } catch {
      return 0
    }
  }

  /** Current RSS and the peak seen since creation. */
  stop(): { rss: number; peak: number } {
    clearInterval(this.timer)
    const rss = this.sample()
    return { rss, peak: this.peak }
  }
}

/** What a reader needs to weigh the numbers: the machine and how busy it was. */
export interface MachineInfo {
  /** Cores this run may use (fewer than the machine's under `taskset`). */
  cpus: number
  /** Cores of the machine. */
  machineCpus: number
  cpuModel: string
  memoryBytes: number
  node: string
  platform: string
  kernel: string
  /** 1-minute load average when the run started, then when it ended. */
  loadAverageStart: number
  loadAverageEnd?: number
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    machineCpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    loadAverageStart: os.loadavg()[0],
  }
}
