import { describe, expect, it } from 'vitest'
import type { GroupFitResult } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { LIGHT_COLORS } from './chart-theme'
import { buildGroupCdfOption, buildGroupDensityOption } from './group-density-option'

const fit = syntheticNormalFit('weight')
const data = { rows: 10, used: 10 }
const result: GroupFitResult = {
  column: 'weight',
  by: 'site',
  groups: [
    { group: 'north', data, fits: [fit], notApplicable: [] },
    { group: 'south', data, fits: [], notApplicable: [{ dist: 'normal', reason: 'too small' }] },
    { group: 'west', data, fits: [fit], notApplicable: [] },
  ],
  pooled: { data, fits: [fit], notApplicable: [] },
  tests: [],
  skipped: [],
  exclusions: [],
}

describe('buildGroupDensityOption', () => {
  it('draws one line per group that has the family, named by group, and the pooled fit dashed', () => {
    const option = buildGroupDensityOption(result, 'normal', { colors: LIGHT_COLORS, title: 'By site' })
    const series = option.series as {
      id: string
      name: string
      lineStyle: { type: string }
      data: unknown[]
    }[]
    expect(series.map((s) => s.name)).toEqual(['north', 'west', 'pooled'])
    expect(series.map((s) => s.lineStyle.type)).toEqual(['solid', 'solid', 'dashed'])
    expect(series[0].data).toHaveLength(fit.density.x.length)
    const svg = renderSvg(option)
    expect(svg).toContain('north')
    expect(svg).toContain('By site')
  })

  it('overlays the fitted CDFs the same way, on a 0-1 axis; fits without a CDF (older sessions) draw nothing', () => {
    const withCdf = { ...fit, cdf: fit.density.x.map((_, i, all) => i / (all.length - 1)) }
    const r = {
      ...result,
      groups: [{ ...result.groups[0], fits: [withCdf] }, result.groups[1], result.groups[2]],
      pooled: { ...result.pooled, fits: [withCdf] },
    }
    const option = buildGroupCdfOption(r, 'normal', { colors: LIGHT_COLORS })
    const series = option.series as { name: string; step: unknown; data: [number, number][] }[]
    expect(series.map((s) => s.name)).toEqual(['north', 'pooled'])
    expect(series[0].data[0]).toEqual([fit.density.x[0], 0])
    expect(series[0].data.at(-1)).toEqual([fit.density.x.at(-1), 1])
    expect(series[0].step).toBe(false)
    expect(option.yAxis).toMatchObject({ min: 0, max: 1, name: `${fit.distLabel} CDF by site` })
    const discrete = buildGroupCdfOption(
      { ...r, groups: [{ ...r.groups[0], fits: [{ ...withCdf, discrete: true }] }] },
      'normal',
      { colors: LIGHT_COLORS },
    )
    expect((discrete.series as { step: unknown }[])[0].step).toBe('end')
    expect(renderSvg(option)).toContain('north')
  })
})
