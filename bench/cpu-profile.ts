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
  /** Time of each phase, largest first; every sample is in exactly one (see summarizeCpuProfile). */
  phases: Record<string, { ms: number; share: number }>
}

/** How to recognise a phase on a stack: a function it runs, or a source file (prefix) its code lives in. */
export interface PhaseRule {
  functions?: string[]
  sources?: string[]
}

/**
 * Pipeline phases of one fit, in the order they run; a stack shows a phase by one of its functions (a
 * bundler may suffix a name with `$1`) or by code from one of its source files (which also catches an async
 * function resumed after an `await`, whose stack no longer shows its caller).
 */
export const FIT_PHASES: Record<string, PhaseRule> = {
  'sort (finite values)': { functions: ['finiteSorted'] },
  'profile intervals': {
    functions: ['profileInterval'],
    sources: [
      'src-main/engine/inference/profile-likelihood.ts',
      'src-main/engine/inference/profile-shortcuts.ts',
    ],
  },
  'goodness of fit': {
    functions: ['gofStatistics', 'asymptoticGoodnessOfFit', 'bootstrapGoodnessOfFit'],
    sources: ['src-main/engine/gof/'],
  },
  'estimate (optimizer)': {
    functions: ['estimate'],
    sources: [
      'src-main/engine/fit/estimate.ts',
      'src-main/engine/fit/newton.ts',
      'src-main/engine/fit/lbfgs.ts',
    ],
  },
  'standard errors': {
    functions: ['observedInformation'],
    sources: ['src-main/engine/inference/standard-errors.ts'],
  },
  'chart series': {
    functions: ['columnHistogram', 'densityCurve'],
    sources: ['src-main/engine/fit/curves.ts', 'src-main/engine/stats/column-histogram.ts'],
  },
  'JSON output': { functions: ['cliDocument', 'stringify'] },
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

/** The pipeline phase a stack (root first) shows, outermost first, or null. */
function pipelinePhase(
  stack: ProfileNode[],
  source: (n: ProfileNode) => string,
  phases: Record<string, PhaseRule>,
) {
  for (const node of stack) {
    const name = baseName(node.callFrame.functionName)
    const file = source(node)
    for (const [phase, rule] of Object.entries(phases)) {
      if (rule.functions?.includes(name) || rule.sources?.some((s) => file.startsWith(s))) return phase
    }
  }
  return null
}

/** The class of a sample outside the pipeline (module loading, CSV import, GC, other). */
function fallbackPhase(stack: ProfileNode[], source: (n: ProfileNode) => string): string {
  for (const [phase, test] of FALLBACK_PHASES) {
    if (stack.some((n) => test(source(n), n.callFrame.functionName))) return phase
  }
  return 'other'
}

/**
 * Summarizes one profile of a single fit: the `top` functions by self time, and the time of each phase
 * (they sum to the total). The fit's phases run one after another (sort, estimate, standard errors,
 * profile intervals, goodness of fit, chart series, output), so each phase owns the time from the first
 * sample that shows it to the next phase's first sample, garbage collection and async continuations
 * included; samples before the first phase are classed by FALLBACK_PHASES.
 */
export function summarizeCpuProfile(
  path: string,
  top = 12,
  phases: Record<string, PhaseRule> = FIT_PHASES,
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
  const samples: { dt: number; fallback: string }[] = []
  const starts = new Map<string, number>()
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
    const phase = pipelinePhase(stack, source, phases)
    if (phase !== null && !starts.has(phase)) starts.set(phase, i)
    samples.push({ dt, fallback: fallbackPhase(stack, source) })
  }
  const windows = [...starts].sort((a, b) => a[1] - b[1])
  const phaseUs: Record<string, number> = {}
  let w = -1
  samples.forEach(({ dt, fallback }, i) => {
    while (w + 1 < windows.length && windows[w + 1][1] <= i) w++
    const phase = w >= 0 ? windows[w][0] : fallback
    phaseUs[phase] = (phaseUs[phase] ?? 0) + dt
  })
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
