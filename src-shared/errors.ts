/**
 * The names an error may carry across a process boundary. The renderer (and main) branch on these names,
 * never on message text; anything else that is thrown (a TypeError, a RangeError) crosses as
 * `InternalError` with its message kept.
 */
export const ERROR_NAMES = [
  /** A data file could not be imported; the message says what and where (row, column, value). */
  'ImportError',
  /** A model could not be fitted to the data; the message says why and what to try. */
  'FitError',
  /** A request that does not fit the data (unknown column, family that does not apply, bad option). */
  'RequestError',
  /** A payload that does not match its schema (checked by StudioCore for every call). */
  'ValidationError',
  /** The user (or a newer request) cancelled the work. */
  'CancelledError',
  /** The work was stopped because another file was opened: its result would be of data no longer open. */
  'DataReplaced',
  /** The engine process died while working on the request. */
  'EngineCrashed',
  /** The engine gave no answer in time, or went silent (no heartbeat); it was replaced. */
  'EngineTimeout',
  /** The engine crashed too often and waits for the user (`engine:restart`). */
  'EngineHalted',
  /** The request was in flight on an engine replaced to stop another one; sending it again is safe. */
  'EngineRestarted',
  /** A session file that cannot be opened: not JSON, not ours, too new, not valid where it says. */
  'SessionError',
  /** A path the app refuses to read or write (not a regular file, the open data file, a system file). */
  'FileAccessError',
  /** A file could not be written (disk full, permission denied, read-only). */
  'SaveError',
  /** A call from a page or frame that is not the app's own. */
  'SecurityError',
  /** An HTTP body or upload over its limit (browser mode). */
  'PayloadTooLarge',
  /** Anything unexpected: a bug. The message is kept; the name says it was not foreseen. */
  'InternalError',
] as const

export type ErrorName = (typeof ERROR_NAMES)[number]

/** Serializable error: what crosses a process boundary instead of an Error object. */
export interface ErrorInfo {
  name: ErrorName
  message: string
}

const KNOWN: ReadonlySet<string> = new Set(ERROR_NAMES)

/** True when `name` is one of the contract's error names. */
export function isErrorName(name: unknown): name is ErrorName {
  return typeof name === 'string' && KNOWN.has(name)
}

/** What an error becomes when it crosses a boundary: its own name when known, else InternalError. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    return { name: isErrorName(error.name) ? error.name : 'InternalError', message: error.message }
  }
  return { name: 'InternalError', message: String(error) }
}

/** An Error carrying one of the contract's names (what a receiver rebuilds from an ErrorInfo). */
export class StudioError extends Error {
  constructor(
    override name: ErrorName,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** Rebuilds a thrown error from its ErrorInfo, name intact. */
export function fromErrorInfo(info: ErrorInfo): StudioError {
  return new StudioError(isErrorName(info.name) ? info.name : 'InternalError', info.message)
}

/** True when an error (however it was made) carries the given name. */
export function hasErrorName(error: unknown, name: ErrorName): boolean {
  return error instanceof Error && error.name === name
}
