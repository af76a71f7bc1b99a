import type { EngineRequestBody, EngineResults, FitResult } from '../../src-shared/contract'
import type { CliArgs } from './cli-args'
import { cliFitRequest } from './cli-requests'

/** The CLI's way to ask its in-process engine for bootstrap intervals. */
type AskBootstrap = (
  body: EngineRequestBody & { kind: 'bootstrap-ci' },
) => Promise<EngineResults['bootstrap-ci']>

/**
 * `--bootstrap-ci N`: bootstrap confidence intervals for every converged fit, attached to it as
 * `bootstrapCi` (a fit that did not converge has no estimate to bootstrap). Returns the fits, and the
 * families whose bootstrap failed with the reason (the run then exits 1, as for a missing fit).
 */
export async function withBootstrapIntervals(
  fits: FitResult[],
  args: CliArgs,
  ask: AskBootstrap,
  onProgress?: (message: string) => void,
): Promise<{ fits: FitResult[]; failed: { dist: string; reason: string }[] }> {
  if (args.bootstrapCi === undefined) return { fits, failed: [] }
  const failed: { dist: string; reason: string }[] = []
  const out: FitResult[] = []
  for (const fit of fits) {
    if (!fit.converged) {
      out.push(fit)
      continue
    }
    onProgress?.(`${fit.distLabel}: ${args.bootstrapCi} bootstrap replicates`)
    try {
      const request = {
        fit: cliFitRequest(args, fit.dist),
        replicates: args.bootstrapCi,
        method: args.bootstrapMethod,
      }
      out.push({ ...fit, bootstrapCi: await ask({ kind: 'bootstrap-ci', request }) })
    } catch (e) {
      failed.push({ dist: fit.dist, reason: `bootstrap intervals: ${(e as Error).message}` })
      out.push(fit)
    }
  }
  return { fits: out, failed }
}
