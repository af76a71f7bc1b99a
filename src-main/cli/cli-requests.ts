import type { FitAllRequest, FitRequest } from '../../src-shared/contract'
import type { CliArgs } from './cli-args'

/** What every fit the command line asks for shares: the data roles, the method and its options. */
function cliFitCommon(args: CliArgs) {
  return {
    column: args.column,
    method: args.method,
    options: args.options,
    trials: args.trials,
    threshold: args.threshold,
    components: args.components,
    bootstrap: args.bootstrap,
    weights: args.weights,
    range: args.range,
    censoring: args.censoring,
    ...(args.exclude.length > 0 ? { exclude: args.exclude } : {}),
  }
}

/** The fit request the command line describes for one family (fits, bootstrap refits). */
export function cliFitRequest(args: CliArgs, dist: string): FitRequest {
  return {
    ...cliFitCommon(args),
    dist,
    fixed: Object.keys(args.fixed).length > 0 ? args.fixed : undefined,
  }
}

/** The fit-all request of `--dist all` (`include`: opt-in families such as mixtures). */
export function cliFitAllRequest(args: CliArgs, include: FitAllRequest['include']): FitAllRequest {
  return { ...cliFitCommon(args), include }
}
