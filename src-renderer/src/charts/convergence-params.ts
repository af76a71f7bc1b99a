import type { DistributionInfo } from '../../../src-shared/contract'

export interface NamedParam {
  name: string
  symbol: string
}

/** `mu2` → [`mu`, 2]; null for a name without a trailing index. */
function indexed(name: string): [string, number] | null {
  const m = /^(.*?)(\d+)$/.exec(name)
  return m ? [m[1], Number(m[2])] : null
}

/**
 * The parameters the optimizer moves for `info` fitted with `names` (a trace point's or the fit's): the
 * registry's own, except for a mixture fitted with another number of components than the default its
 * `params` describe. Then each indexed parameter (w1, mu1, sigma1) is repeated for the fitted K, with its
 * symbol's index changed, and the derived one (the default's last weight) becomes the fitted K's last.
 */
export function movedParams(info: DistributionInfo, names: readonly string[]): NamedParam[] {
  const free = info.params.filter((p) => !p.derived).map(({ name, symbol }) => ({ name, symbol }))
  const k = Math.max(0, ...names.map((n) => indexed(n)?.[1] ?? 0))
  const byDefault = info.components?.default
  if (!byDefault || k === 0 || k === byDefault) return free
  const out: NamedParam[] = []
  for (const p of info.params) {
    const at = indexed(p.name)
    if (!at) {
      if (!p.derived) out.push({ name: p.name, symbol: p.symbol })
      continue
    }
    if (at[1] !== 1) continue // each indexed family of parameters is expanded from its first
    const [base] = at
    const lastDerived = info.params.some((q) => q.derived && q.name === `${base}${byDefault}`)
    const symbolBase = p.symbol.replace(/1$/, '')
    for (let c = 1; c <= (lastDerived ? k - 1 : k); c++)
      out.push({ name: `${base}${c}`, symbol: `${symbolBase}${c}` })
  }
  return out
}
