import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import type {
  BinRule,
  ColumnSummary,
  DistributionInfo,
  FitMethod,
  FitOptions,
  FitRequest,
  SessionSnapshot,
} from '../../../src-shared/contract'
import { familyApplicability } from '../results/family-applicability'
import { fitAllFamilies, isDefaultChoice } from '../results/fit-all-families'
import { useDataRoles, type DataRolesSnapshot } from './use-data-roles'
import {
  buildFitAllRequest,
  buildFitRequest,
  heldValues,
  type FixedParam,
  type ModelControls,
} from '../results/fit-request'

export interface UseModelSettingsOptions {
  /** The chosen column's summary: which families apply depends on it. */
  summary: Ref<ColumnSummary | null>
}

/** The optimizer settings that are single numbers (the model panel's fields), e.g. `learningRate`. */
export type NumericFitOption = {
  [K in keyof FitOptions]-?: NonNullable<FitOptions[K]> extends number ? K : never
}[keyof FitOptions]

/** A parameter's domain, as the engine describes it. */
export type ParamDomain = DistributionInfo['params'][number]['domain']

/** Methods that iterate (and so stream a trace worth watching live). */
export const ITERATIVE: readonly FitMethod[] = ['newton', 'lbfgs', 'gradient']

/** What a session keeps of the model panel (with the data roles). */
export interface ModelSnapshot extends DataRolesSnapshot {
  family: string | null
  method: FitMethod
  options: FitOptions
  fixed: Record<string, number>
  trials: number | null
  threshold: number | null
  bins: BinRule
  bootstrap: number
  /** Mixture families: components (K or auto, kept in `ui`). */
  components: number | 'auto'
  /** The families Fit all tries, as the user chose them; null: the default (every non-opt-in family). */
  fitAllFamilies: string[] | null
}

/**
 * The model panel: the engine's family catalog and which families apply to the column, the chosen family,
 * method and options, held parameters, trials, histogram bins and bootstrap replicates, the data roles
 * (`useDataRoles`); and the requests they describe. Knows no family by id: what a family needs (trials, support) is read from its info.
 */
export function useModelSettings({ summary }: UseModelSettingsOptions) {
  /** The selected family's id; the catalog's first until the user picks. */
  const dist = ref('')
  const roles = useDataRoles()
  const censored = computed(() => roles.censoring.value !== null)
  const catalog = useFamilyCatalog(summary, dist, censored)
  // Censoring rules some families out (discrete, threshold): keep a family that still applies.
  watch(censored, () => catalog.keepApplicable())
  const { snapshotFit, restoreFit, ...fit } = useFitControls()
  const { snapshotFitAll, restoreFitAll, ...fitAll } = useFitAllChoice(catalog.distributions)
  const controls = (): ModelControls => ({
    method: fit.method.value,
    options: fit.options,
    fixed: fit.fixed,
    trials: fit.trials.value,
    threshold: fit.threshold.value,
    components: fit.components.value,
    include: fitAll.fitAllChosen.value.filter((id) => catalog.find(id)?.notInFitAll),
    only: fitAll.fitAllChoice.value === null ? null : fitAll.fitAllChosen.value,
    bins: fit.bins.value,
    bootstrap: fit.bootstrap.value,
    weights: roles.weights.value,
    range: roles.range.value,
    censoring: roles.censoring.value,
    exclude: roles.exclude.value,
  })

  /** The fit request the panel describes for `family` (default: the selected one) on `column`. */
  function request(column: string, family = dist.value, otherMethod?: FitMethod): FitRequest {
    return buildFitRequest(column, catalog.find(family), family, controls(), otherMethod)
  }

  function fitAllRequest(column: string) {
    return buildFitAllRequest(column, controls())
  }

  function snapshot(): ModelSnapshot {
    return {
      family: dist.value || null,
      ...snapshotFit(),
      ...roles.rolesSnapshot(),
      fitAllFamilies: snapshotFitAll(),
    }
  }

  /** Brings back a session's settings; unreadable UI values keep their defaults. */
  function restore(s: SessionSnapshot): void {
    if (s.family && s.family !== 'all') dist.value = s.family
    restoreFit(s)
    roles.restoreRoles(s)
    restoreFitAll(s)
  }

  return { ...catalog, dist, ...fit, ...fitAll, ...roles, request, fitAllRequest, snapshot, restore }
}

/**
 * How one family is fitted: method and optimizer options, held parameters, trials, threshold, mixture
 * components, histogram bins and GoF bootstrap replicates; with what a session keeps of them.
 */
function useFitControls() {
  const method = ref<FitMethod>('auto')
  const options = reactive<FitOptions>({})
  const fixed = reactive<Record<string, FixedParam>>({})
  const trials = ref<number | null>(null)
  const threshold = ref<number | null>(null)
  /** Mixture families: the number of components or auto. */
  const components = ref<number | 'auto'>(2)
  const bins = ref<BinRule>('fd')
  const bootstrap = ref(0)

  /** A parameter's hold; one not touched yet is free, with `offered` as the value to hold it at. */
  function fixedOf(name: string, offered = 1): FixedParam {
    return fixed[name] ?? { on: false, value: offered }
  }
  function setFixed(name: string, value: FixedParam): void {
    fixed[name] = value
  }
  function setOption(key: NumericFitOption, value: number | undefined): void {
    options[key] = value
  }

  function snapshotFit() {
    return {
      method: method.value,
      options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
      fixed: heldValues(fixed),
      trials: trials.value,
      threshold: threshold.value,
      bins: bins.value,
      bootstrap: bootstrap.value,
      components: components.value,
    }
  }

  function restoreFit(s: SessionSnapshot): void {
    method.value = s.method
    for (const key of Object.keys(options) as (keyof FitOptions)[]) delete options[key]
    Object.assign(options, s.options)
    for (const key of Object.keys(fixed)) delete fixed[key]
    for (const [name, value] of Object.entries(s.fixed)) fixed[name] = { on: true, value }
    trials.value = s.trials
    threshold.value = s.threshold ?? null
    const rule = s.ui['bins']
    if (rule === 'fd' || rule === 'sturges' || rule === 'scott' || typeof rule === 'number') bins.value = rule
    const boot = s.ui['bootstrap']
    bootstrap.value = typeof boot === 'number' && boot >= 0 ? boot : 0
    const k = s.ui['components']
    components.value = k === 'auto' || (typeof k === 'number' && Number.isInteger(k) && k >= 1) ? k : 2
  }

  return {
    method,
    options,
    fixed,
    trials,
    threshold,
    components,
    bins,
    bootstrap,
    fixedOf,
    setFixed,
    setOption,
    snapshotFit,
    restoreFit,
  }
}

/** The families Fit all tries: the user's choice (null until changed: the default) and what it comes to. */
function useFitAllChoice(distributions: Ref<DistributionInfo[]>) {
  /** The user's choice of families for Fit all; null until the user changes the default. */
  const fitAllChoice = ref<string[] | null>(null)
  const fitAllChosen = computed(() => fitAllFamilies(distributions.value, fitAllChoice.value))

  /** Sets the families Fit all tries; the default choice is stored as null (a request naming none). */
  function chooseFitAll(ids: readonly string[]): void {
    const chosen = fitAllFamilies(distributions.value, ids)
    fitAllChoice.value = isDefaultChoice(distributions.value, chosen) ? null : chosen
  }

  function restoreFitAll(s: SessionSnapshot): void {
    fitAllChoice.value = s.fitAllFamilies ?? null
    // Sessions before the family choice kept only whether mixtures joined the default.
    if (!s.fitAllFamilies && s.ui['mixturesInFitAll'] === true)
      fitAllChoice.value = fitAllFamilies(distributions.value, null, true)
  }

  return { fitAllChoice, fitAllChosen, chooseFitAll, snapshotFitAll: () => fitAllChoice.value, restoreFitAll }
}

export type ModelSettings = ReturnType<typeof useModelSettings>

/** The engine's families, which apply to the column, and the selected one's info. */
function useFamilyCatalog(summary: Ref<ColumnSummary | null>, dist: Ref<string>, censored: Ref<boolean>) {
  const distributions = shallowRef<DistributionInfo[]>([])
  const find = (id: string) => distributions.value.find((d) => d.id === id)
  const selected = computed(() => find(dist.value) ?? null)
  const applicability = computed(() =>
    Object.fromEntries(
      distributions.value.map((d) => [d.id, familyApplicability(d, summary.value, censored.value)]),
    ),
  )

  function setCatalog(list: DistributionInfo[]): void {
    distributions.value = list
    if (!find(dist.value)) dist.value = list[0]?.id ?? ''
  }

  /** Keeps the chosen family when it applies to the column; else picks the first that does. */
  function keepApplicable(): void {
    if (applicability.value[dist.value]?.ok) return
    const first = distributions.value.find((d) => applicability.value[d.id]?.ok)
    if (first) dist.value = first.id
  }

  /** Each parameter's domain for `family` (empty for a family the catalog does not list). */
  function domains(family: string): Record<string, ParamDomain> {
    return Object.fromEntries((find(family)?.params ?? []).map((p) => [p.name, p.domain]))
  }

  return { distributions, selected, applicability, find, setCatalog, keepApplicable, domains }
}
