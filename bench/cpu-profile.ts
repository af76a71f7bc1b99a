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
  /** Inclusive time of each phase (a sample counts once per phase however deep the recursion). */
  phases: Record<string, { ms: number; share: number }>
}

/**
 * Phases of one CLI fit, by the function that runs each (a bundler may suffix a name with `$1`).
 * `Module._load` is module loading (the @stdlib dependencies are hundreds of small files).
 */
export const FIT_PHASES: Record<string, string[]> = {
  'module loading': ['Module._load'],
  'CSV import': ['importCsv'],
  'sort (finite values)': ['finiteSorted'],
  'estimate (optimizer)': ['estimate'],
  'standard errors': ['observedInformation'],
  'profile intervals': ['profileInterval'],
  'goodness of fit': ['gofStatistics', 'asymptoticGoodnessOfFit', 'bootstrapGoodnessOfFit'],
  'chart series': ['columnHistogram', 'densityCurve'],
  'garbage collection': ['(garbage collector)'],
}

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

/** Summarizes one profile: the `top` functions by self time and the inclusive time of each phase. */
export function summarizeCpuProfile(
  path: string,
  top = 12,
  phases: Record<string, string[]> = FIT_PHASES,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<string, { fn: string; source: string; us: number }>()
  const phaseUs: Record<string, number> = Object.fromEntries(Object.keys(phases).map((k) => [k, 0]))
  const bundles = new Map<string, string[]>()
  let total = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0
    total += dt
    const node = byId.get(profile.samples[i])!
    const { functionName, url, lineNumber } = node.callFrame
    const fn = functionName || '(anonymous)'
    const key = `${fn} ${url}:${lineNumber}`
    const entry = self.get(key) ?? { fn, source: sourceOf(url, lineNumber, bundles), us: 0 }
    entry.us += dt
    self.set(key, entry)
    const seen = new Set<string>()
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const name = baseName(byId.get(id)!.callFrame.functionName)
      for (const [phase, names] of Object.entries(phases)) {
        if (!seen.has(phase) && names.includes(name)) {
          seen.add(phase)
          phaseUs[phase] += dt
        }
      }
    }
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
      Object.entries(phaseUs).map(([phase, us]) => [phase, { ms: ms(us), share: share(us) }]),
    ),
  }
}
