import type { RegressionResult } from '../../../src-shared/contract'
import { FitError } from '../errors'

/** A FitError that still knows how many rows were used and dropped, so the CLI can print them. */
export class RegressionFitError extends FitError {
  constructor(
    message: string,
    readonly data: RegressionResult['data'],
  ) {
    super(message)
  }
}
