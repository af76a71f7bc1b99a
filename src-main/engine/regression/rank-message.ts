import type { DeficientColumn } from '../linear-algebra/householder-qr'

/** Smallest |coefficient| * (column norm ratio) for an earlier column to be named in a combination. */
const NAMED = 1e-6

/**
 * Plain-words rank-deficiency message naming the collinear columns, e.g. `"x2" is (numerically) a linear
 * combination of "(Intercept)" and "x1"`, with what to do.
 */
export function rankDeficiencyMessage(deficient: DeficientColumn[], names: string[]): string {
  const parts = deficient.map((d) => {
    const others = d.combination
      .filter((c) => Math.abs(c.coefficient) > NAMED)
      .map((c) => `"${names[c.column]}"`)
    const who = `"${names[d.column]}"`
    if (others.length === 0) return `${who} is (numerically) all zeros`
    if (others.length === 1 && others[0] === '"(Intercept)"')
      return `${who} is constant, so it duplicates the intercept`
    return `${who} is (numerically) a linear combination of ${joinNames(others)}`
  })
  return (
    `The design is rank deficient: ${parts.join('; ')}. Their coefficients cannot be told apart; ` +
    `remove ${deficient.length === 1 ? 'that column' : 'those columns'} (or rescale/center the predictors) and fit again.`
  )
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
