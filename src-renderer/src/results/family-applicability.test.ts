import { describe, expect, it } from 'vitest'
import type { ColumnSummary, DistributionInfo } from '../../../src-shared/contract'
import { familyApplicability, parseSupport } from './family-applicability'

const summary = (min: number, max: number, integer: boolean): ColumnSummary => ({
  column: 'x',
  n: 10,
  mean: (min + max) / 2,
  sd: 1,
  min,
  max,
  skewness: 0,
  kurtosis: 0,
  integer,
})
const dist = (support: string, discrete = false): DistributionInfo => ({
  id: 'd',
  label: 'D',
  params: [],
  discrete,
  support,
  // Not read by parseSupport (which works from the text); the engine derives both from one range.
  supportRange: {
    lower: -Infinity,
    upper: Infinity,
    lowerClosed: false,
    upperClosed: false,
    integer: discrete,
    upperIsTrials: false,
    estimatedEnds: false,
  },
  needsTrials: false,
  cullenFrey: null,
})

describe('parseSupport', () => {
  it.each([
    ['any real x', null, null],
    ['x ≥ 0', 0, null],
    ['x > 0', 0, null],
    ['x >= 0', 0, null],
    ['0 < x < 1', 0, 1],
    ['0 ≤ x ≤ 1', 0, 1],
    ['x = 0, 1, 2, …', 0, null],
  ])('%s', (text, lower, upper) => {
    const s = parseSupport(text)
    expect(s.unknown).toBe(false)
    expect(s.lower?.value ?? null).toBe(lower)
    expect(s.upper?.value ?? null).toBe(upper)
  })

  it('reads sets and gives up on parameter-dependent supports', () => {
    expect(parseSupport('x in {0, 1}').set).toEqual([0, 1])
    expect(parseSupport('x ≥ xm').unknown).toBe(true)
  })
})

describe('familyApplicability', () => {
  it.each<[string, boolean, ColumnSummary, boolean]>([
    ['x > 0', false, summary(0.5, 3, false), true],
    ['x > 0', false, summary(0, 3, false), false],
    ['x ≥ 0', false, summary(0, 3, false), true],
    ['x ≥ 0', false, summary(-1, 3, false), false],
    ['0 < x < 1', false, summary(0.1, 0.9, false), true],
    ['0 < x < 1', false, summary(0.1, 1, false), false],
    ['x = 0, 1, 2, …', true, summary(0, 9, true), true],
    ['x = 0, 1, 2, …', true, summary(0, 9.5, false), false],
    ['x in {0, 1}', true, summary(0, 1, true), true],
    ['x in {0, 1}', true, summary(0, 2, true), false],
    ['any real x', false, summary(-5, 5, false), true],
    ['x ≥ xm', false, summary(-5, 5, false), true],
  ])('%s (discrete %s)', (support, discrete, s, ok) => {
    expect(familyApplicability(dist(support, discrete), s).ok).toBe(ok)
  })

  it('says what was wrong and where', () => {
    expect(familyApplicability({ ...dist('x > 0'), label: 'Gamma' }, summary(-2, 3, false)).reason).toBe(
      'Gamma needs x > 0; the smallest value of x is -2.',
    )
    expect(
      familyApplicability({ ...dist('x = 0, 1, 2, …', true), label: 'Poisson' }, summary(0, 3, false)).reason,
    ).toBe('Poisson needs whole numbers (counts); x has fractions.')
  })
})
