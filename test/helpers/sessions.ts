import type { SessionSnapshot } from '../../src-shared/contract'

/** A session snapshot as the renderer pushes it: column x, the normal, no results unless given. */
export function snapshot(over: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    column: 'x',
    family: 'normal',
    method: 'auto',
    options: {},
    fixed: {},
    trials: null,
    results: [],
    regressionResults: [],
    ui: {},
    ...over,
  }
}
