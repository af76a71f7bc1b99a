import type { Params } from '../distributions/types'
import { estimate, usable, type Estimate } from '../optimize/estimate'
import { freeValues } from '../optimize/optimizer-types'
import type { FitSetup } from './prepare'

/** Whether `auto` starts from the family's own search (a mixture's EM) rather than its start values. */
export function searchesStart(setup: FitSetup): boolean {
  return setup.method === 'auto' && !!setup.dist.searchStart && Object.keys(setup.fixed).length === 0
}

/**
 * `auto` for a family with its own start search: the search (EM from several starts, each iteration in
 * the live trace), then Newton from where it ended, L-BFGS when Newton does not confirm a maximum. The
 * answer is called converged only when the final check confirms the polished point; otherwise the
 * search's point is reported with the reason.
 */
export async function searchedEstimate(setup: FitSetup): Promise<Estimate & { methodDetail: string }> {
  const { dist, sample, ctx, model, settings } = setup
  const { recorder, control } = settings
  const n = sample.n
  let iteration = 0
  const found = await dist.searchStart!(sample, ctx, async (p: Params, ll: number) => {
    recorder?.add(iteration++, ll / n, NaN, freeValues(p, model.freeNames))
    await control.checkpoint()
  })
  let polished: Estimate | null = null
  for (const method of ['newton', 'lbfgs'] as const) {
    const r = await estimate(model, found.params, method, { ...settings, firstIteration: iteration })
    if (usable(r) && (!polished || r.logLikelihood > polished.logLikelihood)) polished = r
    if (r.converged && usable(r)) break
  }
  const iterations = found.iterations + (polished?.iterations ?? 0)
  if (
    polished &&
    polished.converged &&
    polished.logLikelihood >= found.logLikelihood - 1e-9 * Math.abs(found.logLikelihood)
  ) {
    const polish = polished.method === 'lbfgs' ? 'L-BFGS' : 'Newton'
    return {
      ...polished,
      iterations,
      message: `${found.note} ${polished.message}`,
      methodDetail: `${found.label} + ${polish} polish`,
    }
  }
  const why =
    polished && !polished.converged ? polished.message : 'the polish did not reach a confirmed maximum.'
  return {
    params: found.params,
    logLikelihood: model.logLikelihood(found.params),
    iterations,
    converged: false,
    message: `${found.note} Not confirmed as a maximum: ${why}`,
    method: 'newton',
    // The estimate is the search's own: the polish did not confirm (or improve on) it.
    methodDetail: `${found.label}, polish not confirmed`,
  }
}
