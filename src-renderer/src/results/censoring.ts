import type { CensoringInfo } from '../../../src-shared/contract'

/** "12 exact, 14 right-censored": the kinds of observation a censored fit used, those present only. */
export function censoredCounts(c: CensoringInfo): string {
  const kinds: [number, string][] = [
    [c.exact, 'exact'],
    [c.right, 'right-censored'],
    [c.left, 'left-censored'],
    [c.interval, 'interval-censored'],
  ]
  return kinds
    .filter(([k]) => k > 0)
    .map(([k, what]) => `${k.toLocaleString()} ${what}`)
    .join(', ')
}
