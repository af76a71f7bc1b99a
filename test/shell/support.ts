import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FitResult, SessionSnapshot } from '../../src-shared/contract'
import { ROOT } from './driver'

export const FAITHFUL = join(ROOT, 'e2e/data/faithful.csv')
export const SAMPLE = join(ROOT, 'resources/samples/process-measurements.csv')

/** The normal's maximum-likelihood estimates of a CSV column, computed here independently of the engine. */
export function normalMle(path: string, column: string): { mu: number; sigma: number } {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/)
  const index = header
    .split(',')
    .map((h) => h.replace(/"/g, ''))
    .indexOf(column)
  const xs = rows.map((r) => Number(r.split(',')[index])).filter((x) => Number.isFinite(x))
  const mu = xs.reduce((a, b) => a + b, 0) / xs.length
  const sigma = Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / xs.length)
  return { mu, sigma }
}

/** A session snapshot holding one fit, as the renderer sends it for autosave and export. */
export function snapshotWith(fit: FitResult, column: string): SessionSnapshot {
  return {
    column,
    family: fit.dist,
    method: 'auto',
    options: {},
    fixed: {},
    trials: null,
    results: [fit],
    regressionResults: [],
    ui: {},
  }
}

/** A 1 x 1 PNG as a data URL, as the renderer's chart export sends it. */
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
