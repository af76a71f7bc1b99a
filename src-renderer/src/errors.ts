import type { ErrorName } from '../../src-shared/contract'

/** Turns any thrown value into one readable line (engine errors keep their own message). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}

/** True when `e` crossed a boundary as the error named `name` (the api keeps `ErrorInfo.name` on the Error). */
export function hasErrorName(e: unknown, name: ErrorName): boolean {
  return e instanceof Error && e.name === name
}

/** True for the error a cancelled task fails with. */
export function isCancelled(e: unknown): boolean {
  return hasErrorName(e, 'CancelledError')
}
