import type { PercentileBootstrap, PercentilesRequest, PercentileTable } from '../../../src-shared/contract'
import type { Distribution, FamilyContext, Params } from '../distributions/types'
import { RequestError } from '../errors'
import { derivedInterval, type BootstrapRun } from './bootstrap-ci'

/** The part of a fit's `bootstrapCi` a percentile table needs (the request's `bootstrap`). */
export type StoredBootstrap = NonNullable<PercentilesRequest['bootstrap']>

/** The fitted model the table describes. */
export interface FittedModel {
  dist: Distribution
  params: Params
  ctx: FamilyContext
}

/**
 * A fit's stored replicates as a `BootstrapRun`: each row names the free parameters (columns as `names`),
 * the fixed ones keep the fit's values. The jackknife (BCa) is used only when its estimates were stored.
 */
export function storedRun({ dist, params }: FittedModel, stored: StoredBootstrap): BootstrapRun {
  const known = new Set(dist.params.map((p) => p.name))
  const unknown = stored.names.find((name) => !known.has(name))
  if (unknown !== undefined) throw new RequestError(`${dist.label} has no parameter "${unknown}".`)
  const width = stored.names.length
  const rows = (matrix: number[][], what: string): Params[] => {
    if (matrix.some((row) => row.length !== width)) {
      throw new RequestError(`Each bootstrap ${what} row must have ${width} values (one per name).`)
    }
    return matrix.map((row) => ({
      ...params,
      ...Object.fromEntries(stored.names.map((name, k) => [name, row[k]])),
    }))
  }
  const jack = stored.jackknife
  const hasJack = jack?.estimates && jack.weights && jack.weights.length === jack.estimates.length
  return {
    dist,
    estimate: params,
    replicates: rows(stored.estimates, 'replicate'),
    jackknife: hasJack ? { params: rows(jack.estimates!, 'jackknife'), weights: jack.weights! } : null,
    level: stored.level,
  }
}

/** Percentile and BCa intervals of one quantity; a discrete quantile's ends rounded outward to whole values. */
function rowInterval(
  run: BootstrapRun,
  quantity: (at: Params) => number,
  whole: boolean,
): PercentileBootstrap {
  const { percentile, bca } = derivedInterval(run, quantity)
  const outward = (i: [number, number] | null): [number, number] | null =>
    i && whole ? [Math.floor(i[0]), Math.ceil(i[1])] : i
  return { percentile: outward(percentile), bca: outward(bca) }
}

function bootstrapNote(run: BootstrapRun, stored: StoredBootstrap, table: PercentileTable): string {
  const level = `${+(run.level * 100).toFixed(2)}%`
  const parts = [
    `Bootstrap ${level} intervals: each of the fit's ${run.replicates.length} converged ${stored.method} ` +
      `replicates' parameters put through the family's quantile or cdf; the percentile interval ` +
      (run.jackknife
        ? `and BCa (acceleration from the same jackknife as the parameters').`
        : `only (no BCa: this bootstrap kept no jackknife — data too large, a jackknife re-fit failed, or it was made by an older version).`),
  ]
  const rows = [...table.percentiles, ...table.exceedances]
  if (rows.some((r) => r.bootstrap && !r.bootstrap.percentile)) {
    parts.push(
      'Rows without a bootstrap interval: some replicate gives no finite value there, or too few converged.',
    )
  }
  if (run.dist.discrete && table.percentiles.length > 0) {
    parts.push('Bootstrap intervals of a discrete quantile are rounded outward to whole numbers.')
  }
  return parts.join(' ')
}

/**
 * The percentile table with each row's bootstrap intervals from the fit's replicates (`derivedInterval`:
 * the replicates' quantile q_p(θ*) or P(X > x | θ*), their type-7 percentile interval, BCa when the
 * jackknife was stored), next to the delta-method `ci95`, and a sentence of the note saying how.
 */
export function withBootstrapIntervals(
  table: PercentileTable,
  model: FittedModel,
  stored: StoredBootstrap,
): PercentileTable {
  const run = storedRun(model, stored)
  const { dist, ctx } = model
  const out: PercentileTable = {
    ...table,
    percentiles: table.percentiles.map((row) => ({
      ...row,
      bootstrap: rowInterval(run, (at) => dist.quantile(row.p, at, ctx), dist.discrete),
    })),
    exceedances: table.exceedances.map((row) => ({
      ...row,
      bootstrap: rowInterval(run, (at) => 1 - dist.cdf(row.x, at, ctx), false),
    })),
    bootstrap: {
      method: stored.method,
      level: run.level,
      replicates: run.replicates.length,
      bca: run.jackknife !== null,
    },
  }
  return { ...out, note: `${table.note} ${bootstrapNote(run, stored, out)}` }
}
