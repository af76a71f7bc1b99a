import { describe, expect, it } from 'vitest'
import type { ColumnSummary } from '../../../src-shared/contract'
import { CATALOG, CATALOG_FROM_JSON } from '../../../test/support/renderer/catalog'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { buildCullenFreyOption, clipCurve, clipPolygon, cullenFreyPoint } from './cullen-frey-option'

const summary: ColumnSummary = {
  column: 'hours',
  n: 500,
  mean: 5,
  sd: 5,
  min: 0.01,
  max: 40,
  skewness: 2,
  kurtosis: 6,
  integer: false,
}

type Series = { id: string; type: string; data: unknown[]; encode?: { x: number[]; y: number[] } }
const seriesOf = (option: unknown) => (option as { series: Series[] }).series
const axisMax = (option: unknown, axis: 'xAxis' | 'yAxis') =>
  (option as Record<string, { max: number }>)[axis].max

describe('Cullen-Frey geometry', () => {
  it('places the observation at (skewness², excess kurtosis + 3)', () => {
    expect(cullenFreyPoint(summary)).toEqual([4, 9])
    expect(cullenFreyPoint({ ...summary, skewness: NaN })).toBeNull()
  })

  it('cuts curves at the edge, and starts a new piece where one comes back into view', () => {
    expect(
      clipCurve(
        [
          [0, 3],
          [100, 153],
        ],
        4,
      ),
    ).toEqual([
      [0, 3],
      [4, 9],
    ])
    expect(
      clipCurve(
        [
          [0, 0],
          [10, 10],
          [0, 20],
        ],
        5,
      ),
    ).toEqual([[0, 0], [5, 5], null, [5, 15], [0, 20]])
  })

  it('cuts a region to the visible skewness² (the beta region between β2 = β1 + 1 and the gamma line)', () => {
    expect(
      clipPolygon(
        [
          [0, 1],
          [100, 101],
          [100, 153],
          [0, 3],
        ],
        4.5,
      ),
    ).toEqual([
      [0, 1],
      [4.5, 5.5],
      [4.5, 9.75],
      [0, 3],
    ])
  })
})

describe('buildCullenFreyOption', () => {
  it('draws each family the engine places on the plane, by its id, and none it leaves off', () => {
    const option = buildCullenFreyOption(summary, CATALOG)
    expect((option as { yAxis: { inverse: boolean } }).yAxis.inverse).toBe(true)
    expect(seriesOf(option).map((s) => s.id)).toEqual([
      'beta-region',
      'impossible',
      'gamma',
      'normal',
      'exponential',
      'observation',
    ])
    expect(renderSvg(option, 400, 360)).toContain('Observed (hours)')
  })

  it('spans the family points and the observation, with kurtosis down to the regions at that skewness²', () => {
    // The exponential (4, 9) sets skewness² 4 × 1.125 = 4.5; the region then reaches kurtosis 3 + 1.5 × 4.5.
    const quiet = buildCullenFreyOption({ ...summary, skewness: 0.5, kurtosis: 0 }, CATALOG)
    expect(axisMax(quiet, 'xAxis')).toBe(5)
    expect(axisMax(quiet, 'yAxis')).toBe(10)
    const region = seriesOf(quiet).find((s) => s.id === 'beta-region')!
    expect(region.data[0]).toEqual([0, 1, 4.5, 5.5, 4.5, 9.75, 0, 3])
    expect(region.encode).toEqual({ x: [0, 2, 4, 6], y: [1, 3, 5, 7] })
    // A skewed column widens the view: skewness² 36 × 1.15, kurtosis capped at 60.
    const skewed = buildCullenFreyOption({ ...summary, skewness: 6, kurtosis: 50 }, CATALOG)
    expect(axisMax(skewed, 'xAxis')).toBe(Math.ceil(36 * 1.15))
    expect(axisMax(skewed, 'yAxis')).toBe(60)
    const gamma = seriesOf(skewed).find((s) => s.id === 'gamma')!
    expect(gamma.data.at(-1)).toEqual([36 * 1.15, 3 + 1.5 * 36 * 1.15])
  })

  it('draws the plane and the observation alone when no family has a place on it', () => {
    const option = buildCullenFreyOption(
      summary,
      CATALOG.map((d) => ({ ...d, cullenFrey: null })),
    )
    expect(seriesOf(option).map((s) => s.id)).toEqual(['impossible', 'observation'])
    expect(renderSvg(option, 400, 360)).toContain('Skewness')
    // JSON drops the render functions: what is compared is every series' data and style.
    const json = (o: unknown) => JSON.stringify(o)
    expect(json(buildCullenFreyOption(summary, CATALOG_FROM_JSON))).toBe(
      json(buildCullenFreyOption(summary, CATALOG)),
    )
  })
})
