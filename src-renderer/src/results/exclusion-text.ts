import type { Exclusion, ExclusionRule } from '../../../src-shared/contract'

/** "3, 7-9" (1-based data rows) as row spans, or a message saying what is wrong. */
export function parseRowList(text: string): { rule: ExclusionRule } | { problem: string } {
  const parts = text.split(/[,\s]+/).filter((p) => p !== '')
  if (parts.length === 0) return { problem: 'Give row numbers, e.g. 3, 7-9.' }
  const rows: [number, number][] = []
  for (const part of parts) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part)
    const from = m ? Number(m[1]) : NaN
    const to = m?.[2] === undefined ? from : Number(m[2])
    if (!m || from < 1 || to < from) return { problem: `“${part}” is not a row or a span such as 7-9.` }
    rows.push([from, to])
  }
  return { rule: { kind: 'rows', rows } }
}

/** A rule in plain words, as the engine writes it in results. */
export function describeRule(rule: ExclusionRule): string {
  if (rule.kind === 'category') return `rows where “${rule.column}” is “${rule.value}”`
  const spans = rule.rows.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')
  return `${rule.rows.length === 1 && rule.rows[0][0] === rule.rows[0][1] ? 'row' : 'rows'} ${spans}`
}

/** The rows a rule removed in the last result that used it, or null when no result applied it yet. */
export function removedBy(rule: ExclusionRule, exclusions: readonly Exclusion[] | undefined): number | null {
  const key = JSON.stringify(rule)
  return exclusions?.find((e) => e.exclude && JSON.stringify(e.exclude) === key)?.rows ?? null
}
