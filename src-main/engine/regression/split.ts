import mt19937 from '@stdlib/random-base-mt19937'
import { compact, type Design } from './design'

/**
 * Seeded train/validation split: a Fisher-Yates shuffle by Mersenne Twister with `seed`; the first
 * round(fraction * n) shuffled rows validate, the rest train (each part keeps file order).
 */
export function splitDesign(
  design: Design,
  fraction: number,
  seed: number,
): { train: Design; validation: Design | null } {
  const n = design.n
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const rand = mt19937.factory({ seed })
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor((rand() / 4294967296) * (i + 1))
    const t = order[i]
    order[i] = order[k]
    order[k] = t
  }
  const nv = Math.round(fraction * n)
  const isValidation = new Uint8Array(n)
  for (let i = 0; i < nv; i++) isValidation[order[i]] = 1
  return {
    train: subsetDesign(design, isValidation, 0),
    validation: nv > 0 ? subsetDesign(design, isValidation, 1) : null,
  }
}

/** The rows whose mark equals `keep`, copied into a new design (each column a compact copy). */
export function subsetDesign(design: Design, mark: Uint8Array, keep: number): Design {
  let m = 0
  for (let i = 0; i < design.n; i++) if (mark[i] === keep) m++
  const rowNumbers = new Int32Array(m)
  for (let i = 0, k = 0; i < design.n; i++) {
    if (mark[i] === keep) rowNumbers[k++] = design.rowNumbers ? design.rowNumbers[i] : i + 1
  }
  const part = (values: Float64Array) => compact(values, mark, m, keep)
  return {
    ...design,
    columns: design.columns.map(part),
    y: part(design.y),
    offset: design.offset ? part(design.offset) : null,
    n: m,
    rowNumbers,
  }
}
