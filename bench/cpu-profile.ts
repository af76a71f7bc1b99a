/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) into what the next speed-up needs: the functions with the
 * most self time (named by the source file the bundle says they came from) and the inclusive time of the
 * pipeline's phases (import, sort, optimizer, standard errors, profile intervals, goodness of fit, ...).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** One function's self time. */
export interface Hotspot {
  function: string
  /** Source file (from the bundle's module comments), or the dependency's path under node_modules. */
  source: string
  selfMs: number
  /** Share of the profile's total time. */
  share: number
}

export interface ProfileSummary {
  totalMs: number
  hotspots: Hotspot[]
  /** Time of each phase, largest first; every sample is in exactly one (see FIT_PHASES). */
  phases: Record<string, { ms: number; share: number }>
}

/**
 * Pipeline phases of one fit, by the function that runs each (a bundler may suffix a name with `$1`),
 * matched outermost first: a profile interval's inner fits count as profile intervals, a bootstrap's as
 * goodness of fit. Samples outside them are classed by where they run (`FALLBACK_PHASES`).
 */
export const FIT_PHASES: Record<string, string[]> = {
  'sort (finite values)': ['finiteSorted'],
  'profile intervals': ['profileInterval'],
  'goodness of fit': ['gofStatistics', 'asymptoticGoodnessOfFit', 'bootstrapGoodnessOfFit'],
  'estimate (optimizer)': ['estimate'],
  'standard errors': ['observedInformation'],
  'chart series': ['columnHistogram', 'densityCurve'],
  'JSON output': ['cliDocument', 'stringify'],
}

/** Classes for samples in no pipeline phase, by a frame's source or name; the first that matches wins. */
const FALLBACK_PHASES: [string, (source: string, fn: string) => boolean][] = [
  ['garbage collection', (_s, fn) => fn === '(garbage collector)'],
  ['module loading', (s, fn) => fn === 'Module._load' || s.startsWith('node:internal/modules')],
  ['CSV import', (s) => s.startsWith('src-main/engine/import/') || s.startsWith('papaparse/')],
]

/** Source file of a bundle line: the last `// src-main/...` module comment above it. */
function sourceOf(url: string, line: number, bundles: Map<string, string[]>): string {
  if (!url) return '(native)'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length)
  if (!url.startsWith('file://')) return url
  let lines = bundles.get(url)
  if (!lines) {
    try {
      lines = readFileSync(fileURLToPath(url), 'utf8').split('\n')
    } catch {
      lines = []
    }
    bundles.set(url, lines)
  }
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = /^\/\/ ((?:src-main|src-shared)\/\S+\.ts)$/.exec(lines[i])
    if (m) return m[1]
  }
  return url.slice(url.lastIndexOf('/') + 1)
}

const baseName = (name: string) => name.replace(/\$\d+$/, '')

/** The phase of one sample, from its stack (root first). */
function phaseOf(stack: ProfileNode[], source: (n: ProfileNode) => string, phases: Record<string, string[]>) {
  for (const node of stack) {
    const name = baseName(node.callFrame.functionName)
    for (const [phase, names] of Object.entries(phases)) if (names.includes(name)) return phase
  }
  for (const [phase, test] of FALLBACK_PHASES) {
    if (stack.some((n) => test(source(n), n.callFrame.functionName))) return phase
  }
  return 'other'
}

/** Summarizes one profile: the `top` functions by self time and the time of each phase (they sum to the total). */
export function summarizeCpuProfile(
  path: string,
  top = 12,
  phases: Record<string, string[]> = FIT_PHASES,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const bundles = new Map<string, string[]>()
  const sources = new Map<ProfileNode, string>()
  const source = (n: ProfileNode) => {
    let s = sources.get(n)
    if (s === undefined) {
      s = sourceOf(n.callFrame.url, n.callFrame.lineNumber, bundles)
      sources.set(n, s)
    }
    return s
  }
  const self = new Map<string, { fn: string; source: string; us: number }>()
  const phaseUs: Record<string, number> = {}
  let total = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    const node = byId.get(profile.samples[i])!
    const fn = node.callFrame.functionName || '(anonymous)'
    const key = `${fn} ${node.callFrame.url}:${node.callFrame.lineNumber}`
    const entry = self.get(key) ?? { fn, source: source(node), us: 0 }
    entry.us += dt
    self.set(key, entry)
    const stack: ProfileNode[] = []
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id))
      stack.unshift(byId.get(id)!)
    const phase = phaseOf(stack, source, phases)
    phaseUs[phase] = (phaseUs[phase] ?? 0) + dt
  }
  const share = (us: number) => Number((us / Math.max(total, 1)).toFixed(3))
  const ms = (us: number) => Number((us / 1000).toFixed(1))
  return {
    totalMs: ms(total),
    hotspots: [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((h) => ({ function: h.fn, source: h.source, selfMs: ms(h.us), share: share(h.us) })),
    phases: Object.fromEntries(
      Object.entries(phaseUs)
        .sort((a, b) => b[1] - a[1])
        .map(([phase, us]) => [phase, { ms: ms(us), share: share(us) }]),
    ),
  }
}
