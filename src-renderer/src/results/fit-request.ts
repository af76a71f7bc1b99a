import type {
  Censoring,
  BinRule,
  DistributionInfo,
  FitAllRequest,
  FitMethod,
  FitOptions,
  FitRequest,
  ValueRange,
  ExclusionRule,
} from '../../../src-shared/contract'

/** A parameter the user may hold: whether it is held, and at which value. */
export interface FixedParam {
  on: boolean
  value: number
}

/** The model panel's settings, as the requests need them. */
export interface ModelControls {
  method: FitMethod
  options: FitOptions
  /** By parameter name; a name not listed is free. */
  fixed: Record<string, FixedParam>
  trials: number | null
  /** For families that need one (gpd): their fit uses the values above it. */
  threshold: number | null
  /** For mixture families: the number of components, or auto (K = 1..5 by BIC). */
  components: number | 'auto'
  /** Families Fit all leaves out unless asked (mixtures), to include; empty for none. */
  include: string[]
  /** The families Fit all tries (the user's choice), or null for the default. */
  only?: string[] | null
  bins: BinRule
  bootstrap: number
  /** The frequency-weights column (each row's value counts that many times), or null. */
  weights: string | null
  /** The value-range exclusion rule (fit only values in [min, max]), or null. */
  range: ValueRange | null
  /** The censoring columns (status, or the upper bound of the column's lower bounds), or null. */
  censoring?: Censoring | null
  /** Exclusion rules by rows and by another column's value (absent or empty: none). */
  exclude?: ExclusionRule[]
}

/** Held values by name (only held, finite ones), limited to `names` when given. */
export function heldValues(
  fixed: Record<string, FixedParam>,
  names?: readonly string[],
): Record<string, number> {
  const held: Record<string, number> = {}
  for (const name of names ?? Object.keys(fixed)) {
    const f = fixed[name]
    if (f?.on && Number.isFinite(f.value)) held[name] = f.value
  }
  return held
}

/** The optimizer settings the user set (empty fields mean the documented default and are left out). */
export function setOptions(options: FitOptions): FitOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && Number.isFinite(v)))
}

/** The fit request the controls describe for `family` on `column`, by the controls' method unless given. */
export function buildFitRequest(
  column: string,
  family: DistributionInfo | undefined,
  id: string,
  controls: ModelControls,
  method: FitMethod = controls.method,
): FitRequest {
  const request: FitRequest = { column, dist: id, method, bins: controls.bins }
  const options = setOptions(controls.options)
  const held = heldValues(controls.fixed, family?.params.map((p) => p.name) ?? [])
  if (Object.keys(options).length) request.options = options
  if (Object.keys(held).length) request.fixed = held
  if (family?.needsTrials && controls.trials !== null) request.trials = controls.trials
  if (family?.needsThreshold && controls.threshold !== null) request.threshold = controls.threshold
  if (family?.components) request.components = controls.components
  if (controls.bootstrap > 0) request.bootstrap = controls.bootstrap
  if (controls.weights !== null) request.weights = controls.weights
  if (controls.range !== null) request.range = controls.range
  if (controls.censoring) request.censoring = controls.censoring
  if (controls.exclude?.length) request.exclude = controls.exclude
  return request
}

/** The fit-all request: every applicable family (or the chosen ones) with the controls' method and options. */
export function buildFitAllRequest(column: string, controls: ModelControls): FitAllRequest {
  const options = setOptions(controls.options)
  return {
    column,
    method: controls.method,
    bins: controls.bins,
    ...(Object.keys(options).length ? { options } : {}),
    ...(controls.trials !== null ? { trials: controls.trials } : {}),
    ...(controls.threshold !== null ? { threshold: controls.threshold } : {}),
    ...(controls.only ? { only: controls.only } : {}),
    ...(controls.include.length > 0 ? { include: controls.include, components: controls.components } : {}),
    ...(controls.bootstrap > 0 ? { bootstrap: controls.bootstrap } : {}),
    ...(controls.weights !== null ? { weights: controls.weights } : {}),
    ...(controls.range !== null ? { range: controls.range } : {}),
    ...(controls.censoring ? { censoring: controls.censoring } : {}),
    ...(controls.exclude?.length ? { exclude: controls.exclude } : {}),
  }
}

export { chartRequest } from '../../../src-shared/fit-requests'
