import type { RegressionResult } from '../../contract'

/**
 * What a logistic regression on a two-level text response models, in the words the results panel, the
 * exports, the report and the CLI share: which level is 1 (the event) and which is 0.
 */
export function responseEventText(event: NonNullable<RegressionResult['event']>): string {
  return `Models P(${event.column} = "${event.level}"): "${event.level}" is 1 and "${event.reference}" is 0, the reference level.`
}
