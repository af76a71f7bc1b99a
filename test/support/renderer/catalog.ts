import type { CullenFreyShape, DistributionInfo, SupportRange } from '../../../src-shared/contract'

/**
 * A family catalog as the engine describes it (DistributionInfo with the SPEC-phase1 fields), for tests
 * of the renderer: a few continuous families with each kind of Cullen-Frey shape, and discrete ones with
 * and without trials. Shapes are exact where the families have closed forms (normal, exponential, gamma).
 */

/** A support range with open ends, real values and no estimated ends unless `extra` says otherwise. */
export const range = (lower: number, upper: number, extra: Partial<SupportRange> = {}): SupportRange => ({
  lower,
  upper,
  lowerClosed: false,
  upperClosed: false,
  integer: false,
  upperIsTrials: false,
  estimatedEnds: false,
  ...extra,
})

type Param = DistributionInfo['params'][number]
const param = (name: string, symbol: string, domain: Param['domain']): Param => ({ name, symbol, domain })

function family(
  id: string,
  label: string,
  params: Param[],
  support: string,
  supportRange: SupportRange,
  cullenFrey: CullenFreyShape | null = null,
): DistributionInfo {
  const discrete = supportRange.integer
  return {
    id,
    label,
    discrete,
    params,
    support,
    supportRange,
    needsTrials: supportRange.upperIsTrials,
    cullenFrey,
  }
}

/** Gamma(shape k): β1 = 4 / k, β2 = 3 + 6 / k, the line β2 = 3 + 1.5 β1, drawn to skewness² 100. */
const GAMMA_LINE: [number, number][] = [
  [0, 3],
  [100, 153],
]
const COUNTS = range(0, Infinity, { lowerClosed: true, integer: true })

export const CATALOG: DistributionInfo[] = [
  family(
    'normal',
    'Normal',
    [param('mu', 'μ', 'real'), param('sigma', 'σ', 'positive')],
    'any real x',
    range(-Infinity, Infinity),
    {
      kind: 'point',
      skewness2: 0,
      kurtosis: 3,
    },
  ),
  family(
    'exponential',
    'Exponential',
    [param('rate', 'λ', 'positive')],
    'x ≥ 0',
    range(0, Infinity, { lowerClosed: true }),
    {
      kind: 'point',
      skewness2: 4,
      kurtosis: 9,
    },
  ),
  family(
    'gamma',
    'Gamma',
    [param('shape', 'k', 'positive'), param('rate', 'β', 'positive')],
    'x > 0',
    range(0, Infinity),
    {
      kind: 'curve',
      points: GAMMA_LINE,
    },
  ),
  family(
    'beta',
    'Beta',
    [param('alpha', 'α', 'positive'), param('beta', 'β', 'positive')],
    '0 < x < 1',
    range(0, 1),
    {
      kind: 'region',
      polygon: [[0, 1], [100, 101], ...GAMMA_LINE.slice().reverse()],
    },
  ),
  family(
    'cauchy',
    'Cauchy',
    [param('x0', 'x₀', 'real'), param('gamma', 'γ', 'positive')],
    'any real x',
    range(-Infinity, Infinity),
  ),
  family('poisson', 'Poisson', [param('lambda', 'λ', 'positive')], 'x = 0, 1, 2, …', COUNTS),
  family('binomial', 'Binomial', [param('p', 'p', 'unit-interval')], 'x = 0, 1, …, trials', {
    ...COUNTS,
    upperIsTrials: true,
  }),
]

/** The catalog as it arrives over HTTP in browser mode: JSON has no Infinity, so unbounded ends are null. */
export const CATALOG_FROM_JSON = JSON.parse(JSON.stringify(CATALOG)) as DistributionInfo[]
