import { describe, expect, it } from 'vitest'
import { chartTitle } from '../../../src-shared/present/charts/chart-render'
import { chartFileName, PNG_SIZES } from './chart-export'

describe('chart export names', () => {
  it('carries the size of a PNG, so sizes do not overwrite each other', () => {
    const base = { file: 'danish.csv', column: 'loss', dist: 'gamma', chart: 'density' } as const
    expect(chartFileName({ ...base, size: PNG_SIZES.small, format: 'png' })).toBe(
      'danish-loss-gamma-density-800x500.png',
    )
    expect(chartFileName({ ...base, size: PNG_SIZES.large, format: 'png' })).toBe(
      'danish-loss-gamma-density-1600x900.png',
    )
    expect(chartFileName({ ...base, size: PNG_SIZES.medium, format: 'svg' })).toBe(
      'danish-loss-gamma-density.svg',
    )
  })

  it('leaves missing parts out instead of writing "undefined"', () => {
    const name = chartFileName({
      file: 'big200k.csv',
      column: undefined,
      dist: null,
      chart: 'convergence',
      format: 'pdf',
    })
    expect(name).toBe('big200k-convergence.pdf')
    const title = chartTitle({ file: 'big200k.csv', column: undefined, fit: '', chart: 'Convergence' })
    expect(title).toBe('big200k.csv — Convergence')
    expect(name + title).not.toMatch(/undefined|null/)
  })

  it('keeps file names portable', () => {
    expect(chartFileName({ file: 'a/b:c.csv', column: 'x y?', chart: 'qq', format: 'svg' })).toBe(
      'a-b-c-x-y-qq.svg',
    )
  })
})
