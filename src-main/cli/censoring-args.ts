import type { Censoring } from '../../src-shared/contract'
// Flags are written out (not with valueFlag): cli-args imports this file, so nothing of it runs at load.
import { UsageError, type FlagTable } from './cli-args'

/** The censoring flags as typed, checked together once every flag is in (`censoringFrom`). */
export interface CensoringFlags {
  status?: string
  event?: string
  lower?: string
  upper?: string
}

/**
 * `--status S` (with `--column T`: S = 1 observed, 0 right-censored at T; with `--event-value V`, S = V
 * observed and S's one other value right-censored, for text such as failed/censored) or `--lower L --upper U`
 * (the interval form: an empty lower bound is left-censored, an empty upper one right-censored).
 */
export const CENSORING_FLAGS: FlagTable<{ censoringFlags: CensoringFlags }> = {
  status: { type: 'string', set: (a, v) => (a.censoringFlags.status = v) },
  'event-value': { type: 'string', set: (a, v) => (a.censoringFlags.event = v) },
  lower: { type: 'string', set: (a, v) => (a.censoringFlags.lower = v) },
  upper: { type: 'string', set: (a, v) => (a.censoringFlags.upper = v) },
}

/**
 * The request's column and censoring from the flags: `--lower` is the column of an interval-form fit, so
 * it cannot be given with `--column`; each form's flags come together and the two forms exclude each other.
 */
export function censoringFrom(
  flags: CensoringFlags,
  column: string,
): { column: string; censoring?: Censoring } {
  const { status, event, lower, upper } = flags
  if (status !== undefined && (lower !== undefined || upper !== undefined))
    throw new UsageError('--status and --lower/--upper are two forms of censoring: give one')
  if (event !== undefined && status === undefined)
    throw new UsageError(
      '--event-value names the value of the --status column that marks an observed time: give --status too',
    )
  if (event === '')
    throw new UsageError('--event-value needs a value (the status that marks an observed time)')
  if (status !== undefined) {
    if (!column) throw new UsageError('--status needs --column (the times it marks observed or censored)')
    return { column, censoring: { status, ...(event !== undefined ? { event } : {}) } }
  }
  if (lower === undefined && upper === undefined) return { column }
  if (lower === undefined || upper === undefined)
    throw new UsageError('--lower and --upper come together (the two bounds of each observation)')
  if (column && column !== lower)
    throw new UsageError('--lower names the column to fit: give it instead of --column, not with it')
  return { column: lower, censoring: { upper } }
}
