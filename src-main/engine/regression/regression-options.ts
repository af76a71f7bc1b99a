import type { FitOptions, RegressionRequest } from '../../../src-shared/contract'
import { GRADIENT_DEFAULTS as GRADIENT } from '../../../src-shared/shapes/fit'
import { RequestError } from '../errors'

/** FitOptions with every default filled in (see FitOptions in the contract for their meaning). */
export type ResolvedOptions = Required<Omit<FitOptions, 'start'>>

/**
 * Defaults: learning rate 0.1; at most 10,000 epochs (gradient) or 500 Newton iterations; tolerance
 * 1e-12 (gradient, relative log-likelihood gain) or 1e-10 (Newton decrement, relative); patience 100;
 * validation fraction 0.2; seed 42. Throws RequestError for an option out of its range.
 */
export function resolveOptions(request: RegressionRequest): ResolvedOptions {
  const gradient = request.method === 'gradient'
  const o = request.options ?? {}
  const resolved: ResolvedOptions = {
    learningRate: o.learningRate ?? GRADIENT.learningRate,
    maxIterations: o.maxIterations ?? (gradient ? GRADIENT.epochs : 500),
    tolerance: o.tolerance ?? (gradient ? GRADIENT.tolerance : 1e-10),
    patience: o.patience ?? GRADIENT.patience,
    validationFraction: o.validationFraction ?? GRADIENT.validationFraction,
    seed: o.seed ?? 42,
  }
  const bad = (what: string, value: number) => {
    throw new RequestError(`Option ${what} is ${value}; ${rangeText[what]}.`)
  }
  const r = resolved
  if (!(r.learningRate > 0 && Number.isFinite(r.learningRate))) bad('learningRate', r.learningRate)
  if (!(Number.isInteger(r.maxIterations) && r.maxIterations >= 1)) bad('maxIterations', r.maxIterations)
  if (!(r.tolerance >= 0 && Number.isFinite(r.tolerance))) bad('tolerance', r.tolerance)
  if (!(Number.isInteger(r.patience) && r.patience >= 0)) bad('patience', r.patience)
  if (!(r.validationFraction >= 0 && r.validationFraction < 1))
    bad('validationFraction', r.validationFraction)
  if (!(Number.isInteger(r.seed) && r.seed >= 1 && r.seed <= 4294967295)) bad('seed', r.seed)
  return resolved
}

const rangeText: Record<string, string> = {
  learningRate: 'use a positive number such as 0.1',
  maxIterations: 'use a whole number of at least 1',
  tolerance: 'use a number >= 0 such as 1e-10',
  patience: 'use a whole number >= 0 (0 never stops early)',
  validationFraction: 'use a fraction in [0, 1) such as 0.2',
  seed: 'use a whole number from 1 to 4294967295',
}
