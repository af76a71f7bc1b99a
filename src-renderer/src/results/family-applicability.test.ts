import { describe, expect, it } from 'vitest'
import type { ColumnSummary, DistributionInfo, SupportRange } from '../../../src-shared/contract'
import { range } from '../../../test/support/renderer/catalog'
import { familyApplicability } from './family-applicability'

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
const dist = (support: string, supportRange: SupportRange, label = 'D'): DistributionInfo => ({
  id: 'd',
  label,
  params: [],
  discrete: supportRange.integer,
  support,
  supportRange,
  needsTrials: supportRange.upperIsTrials,
  cullenFrey: null,
})

const REAL = dist('any real x', range(-Infinity, Infinity))
const POSITIVE = dist('x > 0', range(0, Infinity))
const NON_NEGATIVE = dist('x ≥ 0', range(0, Infinity, { lowerClosed: true }))
const UNIT = dist('0 < x < 1', range(0, 1))
const COUNTS = dist('x = 0, 1, 2, …', range(0, Infinity, { lowerClosed: true, integer: true }))
const ZERO_ONE = dist('x = 0 or 1', range(0, 1, { lowerClosed: true, upperClosed: true, integer: true }))
const TRIALS = dist(
  'x = 0, 1, …, trials',
  range(0, Infinity, { lowerClosed: true, integer: true, upperIsTrials: true }),
)
const THRESHOLD = dist('x ≥ xm', range(0, Infinity, { estimatedEnds: true }), 'Pareto')

describe('familyApplicability', () => {
  it.each<[string, DistributionInfo, ColumnSummary, boolean]>([
    ['x > 0 holds 0.5..3', POSITIVE, summary(0.5, 3, false), true],
    ['x > 0 excludes 0', POSITIVE, summary(0, 3, false), false],
    ['x ≥ 0 holds 0', NON_NEGATIVE, summary(0, 3, false), true],
    ['x ≥ 0 excludes -1', NON_NEGATIVE, summary(-1, 3, false), false],
    ['0 < x < 1 holds 0.1..0.9', UNIT, summary(0.1, 0.9, false), true],
    ['0 < x < 1 excludes 1', UNIT, summary(0.1, 1, false), false],
    ['counts hold 0..9', COUNTS, summary(0, 9, true), true],
    ['counts exclude fractions', COUNTS, summary(0, 9.5, false), false],
    ['0/1 holds 0..1', ZERO_ONE, summary(0, 1, true), true],
    ['0/1 excludes 2', ZERO_ONE, summary(0, 2, true), false],
    ['trials leave the upper end to the engine', TRIALS, summary(0, 50, true), true],
    ['any real x', REAL, summary(-5, 5, false), true],
    ['an estimated end checks its fixed end only', THRESHOLD, summary(0.5, 5, false), true],
    ['an estimated end still has its fixed end', THRESHOLD, summary(-5, 5, false), false],
  ])('%s', (_what, d, s, ok) => {
    expect(familyApplicability(d, s).ok).toBe(ok)
  })

  it('says what was wrong and where', () => {
    expect(familyApplicability({ ...POSITIVE, label: 'Gamma' }, summary(-2, 3, false)).reason).toBe(
      'Gamma needs x > 0; the smallest value of x is -2.',
    )
    expect(familyApplicability({ ...UNIT, label: 'Beta' }, summary(0.2, 5.1, false)).reason).toBe(
      'Beta needs 0 < x < 1; the largest value of x is 5.1.',
    )
    expect(familyApplicability({ ...COUNTS, label: 'Poisson' }, summary(0, 3, false)).reason).toBe(
      'Poisson needs whole numbers (counts); x has fractions.',
    )
    expect(familyApplicability(THRESHOLD, summary(-5, 5, false)).reason).toBe(
      'Pareto needs x > 0 (support x ≥ xm); the smallest value of x is -5.',
    )
    expect(familyApplicability(REAL, { ...summary(0, 0, false), n: 0 }).reason).toBe(
      'x has no numeric values.',
    )
  })

  it('reads unbounded ends whether they arrive as ±Infinity or as null (JSON has no Infinity)', () => {
    const fromJson = JSON.parse(JSON.stringify(NON_NEGATIVE)) as DistributionInfo
    expect(fromJson.supportRange.upper).toBeNull()
    expect(familyApplicability(fromJson, summary(0, 1e300, false)).ok).toBe(true)
    expect(familyApplicability(fromJson, summary(-1, 3, false)).ok).toBe(false)
  })

  it('applies everything while no column is summarized', () => {
    expect(familyApplicability(UNIT, null)).toEqual({ ok: true, reason: null })
  })
})

describe('familyApplicability with censored data', () => {
  it('rules out what the engine says censoring rules out, with its reason; nothing else changes', () => {
    const reason = 'D is discrete: censored counts are not supported.'
    const counts = { ...POSITIVE, censoredProblem: reason }
    expect(familyApplicability(counts, summary(1, 5, false), true)).toEqual({ ok: false, reason })
    expect(familyApplicability(counts, summary(1, 5, false), false)).toEqual({ ok: true, reason: null })
    expect(familyApplicability(POSITIVE, summary(1, 5, false), true)).toEqual({ ok: true, reason: null })
  })
})
