import type {
  BootstrapCi,
  CensoringInfo,
  ComponentChoice,
  DatasetInfo,
  Exclusion,
  FitResult,
  PercentileTable,
  WeightsInfo,
} from '../../src-shared/contract'
import { percentileLabel } from '../../src-shared/format'
import { formatPValue } from '../../src-shared/present/format'
import { rankFits, type FitGroup } from '../../src-shared/ranking'
import { inCliWords } from '../engine/import/import-actions'

/** One fit in `mle-fit --json` (a stable contract: other tools parse it). */
export interface CliFit {
  dist: string
  params: Record<string, number>
  standardErrors: Record<string, number | null>
  logLikelihood: number
  aic: number
  aicc: number | null
  bic: number
  method: string
  /** What ran when `method` alone does not say it (a mixture's `EM (20 starts) + Newton polish`). */
  methodDetail?: string
  /** Method mps: the maximized spacings objective (logLikelihood stays the true one at the estimates). */
  spacingsObjective?: number
  iterations: number
  /** True only at a maximum the engine confirmed (see `health` and `message` otherwise). */
  converged: boolean
  /** The optimizer's own account (the reason when not converged). */
  message: string
  /** Ranked within its group: discrete and continuous log-likelihoods are not comparable. */
  group: FitGroup
  /** ΔAIC and Akaike weight within the group (weight 0 when not converged). */
  deltaAic: number
  akaikeWeight: number
  /** The fit's health findings, as the app shows them. */
  health: { code: string; message: string }[]
  /**
   * 95% intervals per parameter (null where not computed or fixed); with `--bootstrap-ci` also the
   * bootstrap percentile and BCa intervals at the bootstrap's level (null where not computed).
   */
  intervals: Record<
    string,
    {
      wald: [number, number] | null
      /** One-sided where the profile is flat towards the domain's edge: the open end is null. */
      profile: [number | null, number | null] | null
      bootstrapPercentile?: [number, number] | null
      bootstrapBca?: [number, number] | null
    }
  >
  /** With `--bootstrap-ci N`: the whole bootstrap (method, counts, intervals, every replicate's estimates). */
  bootstrapCi?: BootstrapCi
  seconds: number
  goodnessOfFit: {
    ks: number
    ad: number | null
    cvm: number | null
    chiSquare: number | null
    pValues: Record<string, number | null>
  }
  /** A mixture's number of components; with `--components auto`, each K tried (lowest BIC chosen). */
  components?: number
  componentChoice?: ComponentChoice[]
  /**
   * With `--percentiles`/`--exceed`: quantiles and P(X > x), each with SE and 95% interval; with
   * `--bootstrap-ci` too, each row's bootstrap percentile (and BCa) interval from the fit's replicates.
   */
  percentiles?: PercentileTable
}

/** The whole `mle-fit --json` document. */
export interface CliDocument {
  file: string
  column: string
  /** `sheet`: the sheet read, for spreadsheets. */
  /**
   * `used`: the values fitted (the exceedances when every fit is a peaks-over-threshold fit); `threshold`
   * and `exceedances` when a threshold was given and a threshold family fitted.
   */
  data: {
    rows: number
    used: number
    missing: number
    nonNumeric: number
    sheet?: string
    threshold?: number
    exceedances?: number
    /**
     * With `--status` or `--lower/--upper`: the form, the columns, how many observations are exact,
     * right-, left- and interval-censored, what was read, and why no goodness-of-fit test is given.
     */
    censoring?: CensoringInfo
  }
  /** With `--weights`: the weights column, n = their total, rows used and left out (weight 0), a note. */
  weights?: WeightsInfo
  /** With `--range`: the exclusion rule and the rows it removed. */
  exclusions?: Exclusion[]
  fits: CliFit[]
  notApplicable: { dist: string; reason: string }[]
}

const finiteOrNull = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? v : null

/** A parameter's bootstrap intervals for `intervals` (nothing without a bootstrap; null for a fixed one). */
function bootstrapOf(ci: BootstrapCi | undefined, name: string) {
  if (!ci) return {}
  const found = ci.intervals.find((i) => i.name === name)
  return { bootstrapPercentile: found?.percentile ?? null, bootstrapBca: found?.bca ?? null }
}

/** The table's line for a fit's bootstrap intervals. */
function bootstrapLine(ci: BootstrapCi): string {
  const range = (x: [number, number] | null) => (x ? `[${fmt(x[0])}, ${fmt(x[1])}]` : '-')
  const each = ci.intervals.map((i) => `${i.name} percentile ${range(i.percentile)} BCa ${range(i.bca)}`)
  const failed = ci.failed > 0 ? `, ${ci.failed} not converged` : ''
  return `${''.padEnd(18)}${Math.round(ci.level * 100)}% bootstrap (${ci.method}, ${ci.replicates} replicates${failed}): ${each.join('; ')}`
}

/** A FitResult in the CLI's JSON shape, with its rank within its group. */
export function cliFit(
  f: FitResult,
  rank: { group: FitGroup; deltaAic: number; akaikeWeight: number } = {
    group: f.discrete ? 'discrete' : 'continuous',
    deltaAic: NaN,
    akaikeWeight: NaN,
  },
  percentiles?: PercentileTable,
): CliFit {
  const g = f.goodnessOfFit
  const codes = f.health.codes ?? []
  return {
    dist: f.dist,
    params: f.params,
    standardErrors: Object.fromEntries(f.estimates.map((e) => [e.name, e.standardError])),
    logLikelihood: f.logLikelihood,
    aic: f.aic,
    aicc: finiteOrNull(f.aicc),
    bic: f.bic,
    method: f.method,
    ...(f.methodDetail ? { methodDetail: f.methodDetail } : {}),
    ...(f.spacings ? { spacingsObjective: f.spacings.objective } : {}),
    iterations: f.iterations,
    converged: f.converged,
    message: f.message,
    group: rank.group,
    deltaAic: rank.deltaAic,
    akaikeWeight: rank.akaikeWeight,
    health: f.health.notes.map((message, i) => ({ code: codes[i] ?? 'note', message })),
    intervals: Object.fromEntries(
      f.estimates.map((e) => [
        e.name,
        {
          wald: e.wald95,
          profile: e.profile95 ?? e.profileOneSided ?? null,
          ...bootstrapOf(f.bootstrapCi, e.name),
        },
      ]),
    ),
    ...(f.bootstrapCi ? { bootstrapCi: f.bootstrapCi } : {}),
    seconds: f.seconds,
    goodnessOfFit: {
      ks: g?.ks ?? NaN,
      ad: finiteOrNull(g?.ad),
      cvm: finiteOrNull(g?.cvm),
      chiSquare: finiteOrNull(g?.chiSquare),
      pValues: g?.pValues ?? {},
    },
    ...(f.components === undefined ? {} : { components: f.components }),
    ...(f.componentChoice ? { componentChoice: f.componentChoice } : {}),
    ...(percentiles ? { percentiles } : {}),
  }
}

/**
 * Builds the JSON document, fits in rank order (`rankFits`: converged first, the discrete group before the
 * continuous one, AIC within each).
 */
export function cliDocument(
  file: string,
  column: string,
  dataset: DatasetInfo,
  fits: FitResult[],
  notApplicable: { dist: string; reason: string }[],
  percentiles: ReadonlyMap<FitResult, PercentileTable> = new Map(),
): CliDocument {
  const info = dataset.columns.find((c) => c.name === column)
  const pot = fits.filter((f) => f.threshold !== undefined && f.threshold !== null)
  const exceedances = pot.length > 0 ? { threshold: pot[0].threshold!, exceedances: pot[0].n } : {}
  const onlyPot = fits.length > 0 && pot.length === fits.length
  const weights = fits.find((f) => f.weights)?.weights
  const exclusions = fits.find((f) => f.exclusions)?.exclusions
  const censoring = fits.find((f) => f.censoring)?.censoring
  return {
    file,
    column,
    data: {
      rows: dataset.rows,
      // Rows fitted: the exceedances when every fit is peaks-over-threshold; else after the exclusion
      // rules, and (with weights) only those with a positive weight.
      used: censoring
        ? censoring.exact + censoring.right + censoring.left + censoring.interval
        : onlyPot
          ? pot[0].n
          : weights
            ? weights.rows
            : (info?.count ?? 0) - (exclusions ?? []).reduce((k, e) => k + e.rows, 0),
      ...exceedances,
      missing: info?.missing ?? 0,
      nonNumeric: info?.nonNumeric ?? 0,
      ...(dataset.sheet === undefined ? {} : { sheet: dataset.sheet }),
      ...(censoring ? { censoring } : {}),
    },
    ...(weights ? { weights } : {}),
    ...(exclusions ? { exclusions } : {}),
    fits: rankFits(fits).map((r) => cliFit(r.fit, r, percentiles.get(r.fit))),
    notApplicable,
  }
}

function fmt(v: number | null, digits = 6): string {
  if (v === null || !Number.isFinite(v)) return '-'
  return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0)
    ? v.toExponential(digits - 1)
    : v.toPrecision(digits)
}

const interval = (ci: [number, number] | null) => (ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : '-')

/** A row's bootstrap intervals as text ("" without a bootstrap). */
function bootText(
  r: PercentileTable['percentiles'][number] | PercentileTable['exceedances'][number],
): string {
  if (!r.bootstrap) return ''
  return `  boot ${interval(r.bootstrap.percentile)}${r.bootstrap.bca ? ` BCa ${interval(r.bootstrap.bca)}` : ''}`
}

/** A row's profile-likelihood interval as text ("" where none was computed; "-" where an end was not found). */
function profileText(
  r: PercentileTable['percentiles'][number] | PercentileTable['exceedances'][number],
): string {
  return r.profile95 === undefined ? '' : `  profile ${interval(r.profile95)}`
}

/** One fit's percentile table as text lines. */
function percentileLines(dist: string, table: PercentileTable): string[] {
  const b = table.bootstrap
  const boot = b
    ? `; bootstrap ${+(b.level * 100).toFixed(2)}%${b.bca ? ' percentile and BCa' : ' percentile only'}`
    : ''
  const lines = [`${dist}: percentiles and exceedance probabilities (95% intervals${boot})`]
  for (const r of table.percentiles) {
    lines.push(
      `  ${percentileLabel(r.p).padEnd(10)}${fmt(r.estimate).padStart(14)}  SE ${fmt(r.standardError, 3).padEnd(10)} ${interval(r.ci95)}${profileText(r)}${bootText(r)}`,
    )
  }
  for (const r of table.exceedances) {
    lines.push(
      `  P(X > ${r.x})`.padEnd(12) +
        `${fmt(r.estimate).padStart(14)}  SE ${fmt(r.standardError, 3).padEnd(10)} ${interval(r.ci95)}${profileText(r)}${bootText(r)}`,
    )
  }
  lines.push(`  ${table.note}`)
  return lines
}

/** The readable table printed without --json. */
export function cliTable(doc: CliDocument, fileName: string): string {
  const lines: string[] = []
  const d = doc.data
  lines.push(
    `${fileName}${d.sheet === undefined ? '' : `, sheet "${d.sheet}"`}, column "${doc.column}": ${d.used} values used of ${d.rows} rows (${d.missing} missing, ${d.nonNumeric} non-numeric)${d.threshold === undefined ? '' : `; ${d.exceedances} above the threshold ${d.threshold}`}`,
  )
  if (doc.weights) lines.push(doc.weights.note)
  if (d.censoring) lines.push(d.censoring.note, d.censoring.goodnessOfFit)
  for (const e of doc.exclusions ?? []) lines.push(`Excluded ${e.rule}: ${e.rows} rows.`)
  lines.push('')
  lines.push(
    `${'family'.padEnd(18)}${'logLik'.padStart(14)}${'AIC'.padStart(14)}${'BIC'.padStart(14)}${'KS'.padStart(9)}${'p(KS)'.padStart(9)}  method (iterations)  parameters (SE)`,
  )
  for (const f of doc.fits) {
    const params = Object.entries(f.params)
      .map(
        ([k, v]) =>
          `${k} = ${fmt(v)}${f.standardErrors[k] === null ? '' : ` (${fmt(f.standardErrors[k], 3)})`}`,
      )
      .join(', ')
    const pks = f.goodnessOfFit.pValues.ks ?? null
    lines.push(
      `${f.dist.padEnd(18)}${f.logLikelihood.toFixed(3).padStart(14)}${f.aic.toFixed(3).padStart(14)}${f.bic.toFixed(3).padStart(14)}` +
        `${(Number.isFinite(f.goodnessOfFit.ks) ? f.goodnessOfFit.ks.toFixed(4) : '-').padStart(9)}${(pks === null ? '-' : formatPValue(pks)).padStart(9)}  ` +
        `${`${f.methodDetail ?? f.method} (${f.iterations})${f.converged ? '' : ' NOT CONVERGED'}`.padEnd(20)} ${params}`,
    )
    if (!f.converged) lines.push(`${''.padEnd(18)}${f.message}`)
    if (f.spacingsObjective !== undefined) {
      lines.push(
        `${''.padEnd(18)}maximum product of spacings, not maximum likelihood: spacings objective ${fmt(f.spacingsObjective)}; logLik is the true log-likelihood at these estimates`,
      )
    }
    if (f.componentChoice) {
      const byK = f.componentChoice.map(
        (c) => `K = ${c.components}: ${Number.isFinite(c.bic) ? fmt(c.bic) : 'no fit'}`,
      )
      lines.push(`${''.padEnd(18)}components by BIC (${byK.join(', ')}): ${f.components} chosen`)
    }
    if (f.bootstrapCi) lines.push(bootstrapLine(f.bootstrapCi))
  }
  for (const f of doc.fits) if (f.percentiles) lines.push('', ...percentileLines(f.dist, f.percentiles))
  if (doc.notApplicable.length > 0) {
    lines.push('')
    for (const n of doc.notApplicable) lines.push(`${n.dist.padEnd(18)}not fitted: ${n.reason}`)
  }
  return lines.join('\n')
}

/** At most this many import notes are written; the rest are counted. */
const MAX_IMPORT_NOTES = 10

/**
 * The import's warnings as `mle-fit: note:` lines on stderr, so a script's stdout (the table, or the JSON
 * document alone) is unchanged while a person still learns what the file's values were turned into. What
 * a note suggests doing is said with mle-fit's flags.
 */
export function writeImportNotes(warnings: readonly string[], err: (text: string) => void): void {
  const shown = warnings.slice(0, MAX_IMPORT_NOTES).map((w) => `mle-fit: note: ${inCliWords(w)}`)
  if (warnings.length > MAX_IMPORT_NOTES) {
    shown.push(`mle-fit: note: ${warnings.length - MAX_IMPORT_NOTES} more notes about the file not shown.`)
  }
  if (shown.length > 0) err(shown.join('\n'))
}
