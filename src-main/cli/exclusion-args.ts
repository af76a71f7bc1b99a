import type { ExclusionRule } from '../../src-shared/contract'
import { UsageError } from './cli-args'

/** `3,7-9` (1-based data rows, as the app's preview numbers them) as spans [[3, 3], [7, 9]]. */
export function parseRowSpans(flag: string, text: string): ExclusionRule {
  const rows = text.split(',').map((part): [number, number] => {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part)
    if (!m) throw new UsageError(`${flag} needs row numbers and spans such as 3,7-9 (got "${part}")`)
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (from < 1 || to < from)
      throw new UsageError(`${flag} needs rows >= 1 and spans written low-high (got "${part}")`)
    return [from, to]
  })
  return { kind: 'rows', rows }
}

/** `COLUMN=VALUE`: exclude the rows where COLUMN holds VALUE (the first "=" splits, so values may hold one). */
export function parseCategoryRule(flag: string, text: string): ExclusionRule {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new UsageError(`${flag} needs COLUMN=VALUE (got "${text}")`)
  return { kind: 'category', column: text.slice(0, eq), value: text.slice(eq + 1) }
}
