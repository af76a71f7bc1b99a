import mt19937 from '@stdlib/random-base-mt19937'
import type { UniformRandom } from '../distributions/types'

/** 2^-32: maps a 32-bit Mersenne Twister draw to [0, 1). */
const TWO_POW_MINUS_32 = 1 / 4294967296

/**
 * Uniform draws in [0, 1) from a seeded 32-bit Mersenne Twister (stdlib's mt19937), with 53 random bits
 * (two words per draw, as numpy's random_sample does) so tail quantiles are not quantized at 2^-32.
 */
export function seededUniform(seed: number): UniformRandom {
  const next = mt19937.factory({ seed: seed >>> 0 || 1 })
  return () => {
    const a = next() >>> 5 // 27 bits
    const b = next() >>> 6 // 26 bits
    return (a * 67108864 + b) / 9007199254740992
  }
}

/** One 32-bit draw scaled to [0, 1): the plain form used by the train/validation shuffle. */
export function seededUint32(seed: number): () => number {
  const next = mt19937.factory({ seed: seed >>> 0 || 1 })
  return () => next() * TWO_POW_MINUS_32
}

/**
 * Fisher-Yates shuffle of the indices 0..n-1 with a seeded mt19937: for i from n-1 down, swap i with
 * floor(u * (i + 1)). With `steps` < n - 1 it stops early: the last `steps` positions already hold a
 * uniform random sample (without replacement) of the indices, the rest keep the leftover ones. The same
 * seed always gives the same permutation.
 */
export function seededPermutation(n: number, seed: number, steps = n - 1): Uint32Array {
  const random = seededUint32(seed)
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const stop = Math.max(0, n - 1 - steps)
  for (let i = n - 1; i > stop; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return order
}
