import mt19937 from '@stdlib/random-base-mt19937'
import gammaFactory from '@stdlib/random-base-gamma'
import normalFactory from '@stdlib/random-base-normal'
import poissonFactory from '@stdlib/random-base-poisson'
import { binomialVariate } from './binomial-variate'

/** 2^-32: maps one 32-bit Mersenne Twister word to [0, 1). */
const TWO_POW_MINUS_32 = 1 / 4294967296

/**
 * Seeded random draws of every kind the engine needs (bootstrap replicates, recovery tests, shuffles), all
 * from one 32-bit Mersenne Twister (stdlib's mt19937) and stdlib's variate generators driven by it (the
 * binomial excepted, see binomial-variate.ts), so one seed fixes every draw: the same seed always gives the
 * same answer.
 */
export interface Random {
  /** Uniform on [0, 1) with 53 random bits (two 32-bit words, as numpy's random_sample). */
  uniform(): number
  /** Uniform on (0, 1): the rare exact 0 is drawn again, so logs and inverse CDFs stay finite. */
  openUniform(): number
  /** A whole number in [0, bound) from one 32-bit word: floor(word 2^-32 bound) (shuffles). */
  index(bound: number): number
  /** Standard normal (stdlib's improved ziggurat). */
  normal(): number
  /** Gamma(shape > 0, rate 1) (stdlib's Marsaglia-Tsang). */
  gamma(shape: number): number
  /** log of a Gamma(shape, rate 1) draw, without underflow for tiny shapes (beta draws need the log). */
  logGamma(shape: number): number
  /** Poisson(lambda >= 0) (stdlib: inversion below 30, Hörmann's transformed rejection above). */
  poisson(lambda: number): number
  /** Binomial(trials, p in [0, 1]) by inversion (see binomial-variate.ts for why not stdlib's). */
  binomial(trials: number, p: number): number
}

/** Seeds are taken as unsigned 32-bit integers; 0 (which the twister refuses) becomes 1. */
function twister(seed: number): (() => number) & { normalized: () => number } {
  // The factory's result has `normalized` (53-bit floats in [0, 1)) at run time; its typings omit it.
  return mt19937.factory({ seed: seed >>> 0 || 1 }) as unknown as (() => number) & {
    normalized: () => number
  }
}

/** A Random for `seed`. The variate generators start on first use, so pure uniform users draw the same words. */
export function seededRandom(seed: number): Random {
  const words = twister(seed)
  const uniform = words.normalized
  const openUniform = () => {
    let u = uniform()
    while (!(u > 0)) u = uniform()
    return u
  }
  let normal: (() => number) | null = null
  let gamma: ((shape: number, rate: number) => number) | null = null
  let poisson: ((lambda: number) => number) | null = null
  const gammaDraw = (shape: number) => {
    gamma ??= gammaFactory.factory({ prng: uniform })
    return gamma(shape, 1)
  }
  return {
    uniform,
    openUniform,
    index: (bound) => Math.floor(words() * TWO_POW_MINUS_32 * bound),
    normal() {
      normal ??= normalFactory.factory(0, 1, { prng: uniform })
      return normal()
    },
    gamma: gammaDraw,
    // Below shape 1 a Gamma(shape) draw is G(shape + 1) U^(1/shape), kept in logs: for tiny shapes the draw
    // itself underflows to 0.
    logGamma: (shape) =>
      shape >= 1
        ? Math.log(gammaDraw(shape))
        : Math.log(gammaDraw(shape + 1)) + Math.log(openUniform()) / shape,
    poisson(lambda) {
      if (!(lambda > 0)) return 0
      poisson ??= poissonFactory.factory({ prng: uniform })
      return poisson(lambda)
    },
    binomial: (trials, p) => binomialVariate(trials, p, uniform),
  }
}

/**
 * Fisher-Yates shuffle of the indices 0..n-1 with a seeded mt19937: for i from n-1 down, swap i with
 * random.index(i + 1). With `steps` < n - 1 it stops early: the last `steps` positions already hold a
 * uniform random sample (without replacement) of the indices, the rest keep the leftover ones. The same
 * seed always gives the same permutation.
 */
export function seededPermutation(n: number, seed: number, steps = n - 1): Uint32Array {
  const random = seededRandom(seed)
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const stop = Math.max(0, n - 1 - steps)
  for (let i = n - 1; i > stop; i--) {
    const j = random.index(i + 1)
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return order
}
