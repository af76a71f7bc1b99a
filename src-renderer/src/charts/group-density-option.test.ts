import { describe, expect, it } from 'vitest'
import type { GroupFitResult } from '../../../src-shared/contract'
import { renderSvg } from '../../../test/support/renderer/render-svg'
import { syntheticNormalFit } from '../../../test/support/renderer/synthetic-fits'
import { LIGHT_COLORS } from './chart-theme'
import { buildGroupDensityOption } from './group-density-option'

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
})
