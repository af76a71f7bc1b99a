import { ref, type Ref, type ShallowRef } from 'vue'
import type { BootstrapMethod, FitRequest, FitResult, RendererApi } from '../../../src-shared/contract'
import { MAX_BOOTSTRAP_CI } from '../../../src-shared/shapes/bootstrap'
import { ALWAYS_OPEN, dataReplacedNotice, type StillOpen } from './use-dataset'
import type { FitInputs } from './use-fits'
import type { Status } from './use-status'

export interface UseBootstrapCiOptions {
  api: RendererApi
  status: Status
  /** The column's fits (the result is attached to its fit, so sessions and the report keep it). */
  fits: ShallowRef<FitResult[]>
  /** What each fit was made with: the bootstrap re-makes exactly that fit. */
  inputs: Ref<Record<string, FitInputs>>
  /** Whether the data it started on is still open when it ends (default: always; `Dataset.stillOpen`). */
  stillOpen?: StillOpen
}

/** The request a fit was made with, by family (a fit-all's request with the family added). */
function requestOf(made: FitInputs | undefined, dist: string): FitRequest | null {
  if (!made) return null
  return made.all ? { ...made.request, dist } : made.request
}

/**
 * Bootstrap confidence intervals of a fit's parameters (`model:bootstrap-ci`): the replicates B and the
 * method the user chose, run through `status.run` (progress and cancel in the status bar), the answer kept
 * on the fit as `bootstrapCi`. A fit whose inputs are unknown (opened from an old session) or that did not
 * converge is refused with the reason.
 */
export function useBootstrapCi({
  api,
  status,
  fits,
  inputs,
  stillOpen = ALWAYS_OPEN,
}: UseBootstrapCiOptions) {
  /** Replicates B: 999 resolves a 95% interval's ends to about ±0.7 points of coverage (10 to 10,000). */
  const replicates = ref(999)
  const method = ref<BootstrapMethod>('nonparametric')

  async function runBootstrapCi(fit: FitResult): Promise<void> {
    const request = requestOf(inputs.value[fit.dist], fit.dist)
    if (!request)
      return status.fail(`${fit.distLabel}: fit it again first (the inputs of this fit are not known).`)
    if (!fit.converged)
      return status.fail(`${fit.distLabel} did not converge: there is no estimate to bootstrap.`)
    const b = Math.round(replicates.value)
    if (!(b >= 10 && b <= MAX_BOOTSTRAP_CI))
      return status.fail(
        `Interval replicates must be a whole number from 10 to ${MAX_BOOTSTRAP_CI.toLocaleString()}.`,
      )
    const label = `Bootstrapping ${fit.distLabel} (${b.toLocaleString()} replicates)`
    const still = stillOpen()
    const result = await status.run(label, () =>
      api.call('model:bootstrap-ci', { fit: request, replicates: b, method: method.value }),
    )
    if (!result) return
    if (!still()) return status.warn(dataReplacedNotice(label))
    // The fit may have been replaced meanwhile: the intervals belong to the one they were made for.
    if (!fits.value.includes(fit)) return
    fits.value = fits.value.map((f) => (f === fit ? { ...f, bootstrapCi: result } : f))
    if (result.failed > 0)
      status.warn(
        `${result.failed} of ${result.replicates} bootstrap replicates did not converge; see the note.`,
      )
  }

  return { bootstrapReplicates: replicates, bootstrapMethod: method, runBootstrapCi }
}
