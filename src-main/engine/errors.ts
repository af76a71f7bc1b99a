import type { RegressionResult } from '../../src-shared/contract'

/** A file could not be imported; the message says what and where (row, column, value). */
export class ImportError extends Error {
  override name = 'ImportError'
}

/** A model could not be fitted to the data; the message says why and what to try. */
export class FitError extends Error {
  override name = 'FitError'
}

/** A request that does not fit the contract (unknown column, bad option). */
export class RequestError extends Error {
  override name = 'RequestError'
}

/** The user (or a newer request) cancelled the work. */
export class CancelledError extends Error {
  override name = 'CancelledError'
}

/** A regression FitError that still knows how many rows were used and dropped, so the CLI can print them. */
export class RegressionFitError extends FitError {
  constructor(
    message: string,
    readonly data: RegressionResult['data'],
  ) {
    super(message)
  }
}
