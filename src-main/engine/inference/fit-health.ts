import type { FitHealth, HealthCode } from '../../../src-shared/contract'
import { limitsPassed, UNIT_EDGE } from '../distributions/limits'
import type { Params } from '../distributions/types'
import type { LikelihoodModel } from '../likelihood/likelihood-model'
import type { InformationSummary } from './standard-errors'

/** |score_j| * SE_j above this means the optimizer stopped short (the predicted gain is not negligible). */
const SCORE_TOLERANCE = 1e-3
/** A probability this close to 0 or 1 sits on the edge of its domain. */

/**
 * Checks at the optimum: the score is near zero (relative to each standard error), the observed
 * information is positive definite (Cholesky), and no parameter sits on the edge of its domain; each
 * finding comes with what to do.
 */
export function fitHealth(
  model: LikelihoodModel,
  params: Params,
  info: InformationSummary,
  converged: boolean,
  gradientMethod = false,
  /** Why the optimizer's end is not a confirmed maximum (its message), for the not-converged note. */
  reason?: string,
): FitHealth {
  const notes: string[] = []
  const codes: HealthCode[] = []
  const note = (code: HealthCode, message: string) => {
    codes.push(code)
    notes.push(message)
  }
  const atBound: string[] = []
  const gradientMaxAbs = info.score.reduce((m, g) => (Number.isFinite(g) ? Math.max(m, Math.abs(g)) : m), 0)
  if (!converged && !gradientMethod) {
    note(
      'not-converged',
      `The optimizer did not reach a confirmed maximum: the estimates and the log-likelihood are not the maximum-likelihood ones. ${reason ?? 'Raise the iteration limit or try another method.'}`,
    )
  }
  const worst = info.score.reduce((m, g, j) => {
    const se = info.standardErrors[j]
    return se === null ? m : Math.max(m, Math.abs(g) * se)
  }, 0)
  if (gradientMethod) {
    note(
      'gradient-method',
      'Gradient ascent estimates from the training part only and may stop short of its optimum, so the score on all the data is not zero; the gradient report gives the gap to the exact optimum.',
    )
  } else if (worst > SCORE_TOLERANCE) {
    note(
      'score-not-zero',
      `The score is not near zero at the estimate (|score| x SE up to ${worst.toPrecision(3)}): it is not yet the optimum. Run more iterations or use newton.`,
    )
  }
  if (!info.positiveDefinite) {
    note(
      'information-not-positive-definite',
      'The information matrix is not positive definite: the likelihood is flat or curved the wrong way in some direction, so standard errors are not available. Fix a parameter or choose a simpler family.',
    )
  }
  const passed = limitsPassed(model.dist, model.sample, params)
  for (const i of model.free) {
    const name = model.names[i]
    const v = params[name]
    if (model.domains[i] === 'unit-interval' && (v === 0 || v === 1)) {
      // Exactly on the edge: reported by the caller (an exact degenerate answer, not a warning).
    } else if (model.domains[i] === 'unit-interval' && (v < UNIT_EDGE || v > 1 - UNIT_EDGE)) {
      atBound.push(name)
      note(
        'unit-edge',
        `${name} is at the edge of (0, 1): the data sit at one end of the support; standard errors there are not meaningful.`,
      )
    } else {
      const advice = passed.find((a) => a.param === name)
      if (advice) {
        atBound.push(name)
        note('limit', advice.note)
      }
    }
  }
  return { gradientMaxAbs, informationPositiveDefinite: info.positiveDefinite, atBound, notes, codes }
}
