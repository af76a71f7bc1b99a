import { ref } from 'vue'
import type {
  Censoring,
  DatasetInfo,
  ExclusionRule,
  SessionSnapshot,
  ValueRange,
} from '../../../src-shared/contract'
import { keptCensoring } from './censoring-status'

/** What a session keeps of the data roles. */
export interface DataRolesSnapshot {
  weights: string | null
  range: ValueRange | null
  censoring: Censoring | null
  by: string | null
  exclude: ExclusionRule[]
}

/**
 * The data roles other columns play in a fit, and the exclusion rules: frequency weights, the value range,
 * censoring columns, the By column and exclusions by rows or category. Every request carries them, so they
 * live beside the model settings (which spread them into their requests and snapshot).
 */
export function useDataRoles() {
  /** The frequency-weights column, or null. */
  const weights = ref<string | null>(null)
  /** The value-range exclusion rule, or null. */
  const range = ref<ValueRange | null>(null)
  /** The censoring columns (status, or the upper bound of the column's lower bounds), or null. */
  const censoring = ref<Censoring | null>(null)
  /** The By column (group fits), or null. */
  const by = ref<string | null>(null)
  /** Exclusion rules by rows and by another column's value, applied after the range. */
  const exclude = ref<ExclusionRule[]>([])

  /** Chooses the frequency-weights column (null: none); fits made otherwise show as out of date. */
  function setWeights(name: string | null): void {
    weights.value = name
  }
  /** Sets the censoring columns (null: every value exact). */
  function setCensoring(next: Censoring | null): void {
    censoring.value = next
  }
  /** Sets the value-range exclusion rule (null: none). */
  function setRange(next: ValueRange | null): void {
    range.value = next
  }
  /** Sets the By column (null: none). */
  function setBy(name: string | null): void {
    by.value = name
  }
  /** Adds an exclusion rule (the same rule twice is kept once). */
  function addExclusion(rule: ExclusionRule): void {
    const key = JSON.stringify(rule)
    if (!exclude.value.some((r) => JSON.stringify(r) === key)) exclude.value = [...exclude.value, rule]
  }
  function removeExclusion(index: number): void {
    exclude.value = exclude.value.filter((_, i) => i !== index)
  }
  /**
   * A newly opened file: a weights, censoring or By column is kept only when the new data has it; the range
   * and the other exclusion rules (row numbers, values of this file) are dropped.
   */
  function adoptDataset(next: DatasetInfo): void {
    const hasNumeric = (name: string) => next.columns.some((c) => c.name === name && c.numeric)
    if (weights.value !== null && !hasNumeric(weights.value)) weights.value = null
    if (by.value !== null && !next.columns.some((c) => c.name === by.value)) by.value = null
    range.value = null
    censoring.value = keptCensoring(censoring.value, next)
    exclude.value = []
  }

  function rolesSnapshot(): DataRolesSnapshot {
    return {
      weights: weights.value,
      range: range.value,
      censoring: censoring.value,
      by: by.value,
      exclude: exclude.value,
    }
  }
  function restoreRoles(s: SessionSnapshot): void {
    weights.value = s.weights ?? null
    range.value = s.range ?? null
    censoring.value = s.censoring ?? null
    by.value = s.by ?? null
    exclude.value = s.exclude ?? []
  }

  return {
    weights,
    range,
    censoring,
    by,
    exclude,
    setWeights,
    setRange,
    setCensoring,
    setBy,
    addExclusion,
    removeExclusion,
    adoptDataset,
    rolesSnapshot,
    restoreRoles,
  }
}
