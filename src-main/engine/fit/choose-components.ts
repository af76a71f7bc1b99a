import type { ComponentChoice, FitResult } from '../../../src-shared/contract'
import type { WorkControl } from '../control/work-control'
import { FitError } from '../errors'
import type { FitInput } from './prepare'

/** The numbers of components `auto` tries. */
const AUTO_COMPONENTS = [1, 2, 3, 4, 5]

/**
 * `components: auto`: fits K = 1..5 (lean: no goodness of fit, no profiles), keeps the lowest BIC among
 * the fits at a confirmed maximum (any fit when none is confirmed), then fits that K in full. The result
 * lists every K with its log-likelihood and BIC, or why it has no fit.
 */
export async function chooseComponents(
  input: FitInput,
  fit: (input: FitInput, control: WorkControl) => Promise<FitResult>,
  control: WorkControl,
): Promise<FitResult> {
  // The trial fits yield and cancel with the request but stream no trace (only the chosen fit's shows).
  const quiet: WorkControl = { ...control, live: false, trace: () => undefined, flush: () => undefined }
  const family = input.dist.components!
  const choice: ComponentChoice[] = []
  for (const k of AUTO_COMPONENTS.filter((j) => j <= family.max)) {
    control.report({
      task: 'fit',
      fraction: (k - 1) / AUTO_COMPONENTS.length,
      message: `Fitting ${k} component${k === 1 ? '' : 's'}`,
    })
    await control.checkpoint()
    try {
      const r = await fit({ ...input, components: k, lean: true }, quiet)
      choice.push({ components: k, logLikelihood: r.logLikelihood, bic: r.bic, converged: r.converged })
    } catch (e) {
      if (!(e instanceof FitError)) throw e
      choice.push({ components: k, logLikelihood: NaN, bic: NaN, converged: false, failed: e.message })
    }
  }
  const usable = choice.filter((c) => Number.isFinite(c.bic))
  const confirmed = usable.filter((c) => c.converged)
  const best = (confirmed.length > 0 ? confirmed : usable).sort((a, b) => a.bic - b.bic)[0]
  if (!best)
    throw new FitError(
      `No number of components from 1 to ${AUTO_COMPONENTS.length} could be fitted: ${choice[0]?.failed ?? ''}`,
    )
  const result = await fit({ ...input, components: best.components }, control)
  return { ...result, componentChoice: choice }
}
