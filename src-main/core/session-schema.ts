import * as v from 'valibot'
import type { FitResult, RegressionResult, SessionFile, SessionSnapshot } from '../../src-shared/contract'

/**
 * Versioned schema of `.mlestudio.json` session files and of the snapshots the renderer pushes. Results are
 * checked for their identifying shape (family, column, parameters, log-likelihood), not field by field:
 * they are the engine's own output, shown again as saved. JSON turns NaN and Infinity into null, so
 * numbers inside results may be null.
 */
export const SESSION_FORMAT = 'mle-studio-session'
/** The version this build writes; older versions are migrated on open, newer ones refused. */
export const SESSION_VERSION = 1

const MaybeNumber = v.nullable(v.number())
const Name = v.pipe(v.string(), v.maxLength(10_000))
const Finite = v.pipe(v.number(), v.finite())
const Count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max))

const FitResultShape = v.looseObject({
  dist: v.pipe(v.string(), v.maxLength(40)),
  column: Name,
  params: v.record(v.pipe(v.string(), v.maxLength(40)), MaybeNumber),
  n: v.number(),
  logLikelihood: MaybeNumber,
})

const RegressionShape = v.looseObject({
  model: v.picklist(['linear', 'logistic', 'poisson']),
  response: Name,
  coefficients: v.array(v.looseObject({ name: Name, estimate: MaybeNumber })),
})

const FitResultSchema = v.custom<FitResult>(
  (x) => v.is(FitResultShape, x),
  'a fit result needs dist, column, params, n and logLikelihood',
)
const RegressionSchema = v.custom<RegressionResult>(
  (x) => v.is(RegressionShape, x),
  'a regression result needs model, response and coefficients',
)

const FitOptionsSchema = v.strictObject({
  learningRate: v.optional(v.pipe(Finite, v.gtValue(0))),
  maxIterations: v.optional(Count(10_000_000)),
  tolerance: v.optional(v.pipe(Finite, v.minValue(0))),
  patience: v.optional(Count(10_000_000)),
  validationFraction: v.optional(v.pipe(Finite, v.minValue(0), v.maxValue(0.9))),
  seed: v.optional(v.pipe(v.number(), v.integer())),
})

/** Import settings as saved (same shape as the import request's). */
export const ImportSettingsSchema = v.strictObject({
  delimiter: v.optional(v.picklist([',', ';', '\t', '|'])),
  decimal: v.optional(v.picklist(['point', 'comma'])),
  header: v.optional(v.boolean()),
  encoding: v.optional(v.picklist(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'])),
  missingTokens: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(100))),
  sheet: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  headerRow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_048_576))),
})

const snapshotEntries = {
  column: v.nullable(Name),
  family: v.nullable(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'unknown distribution id'))),
  method: v.picklist(['auto', 'closed-form', 'newton', 'lbfgs', 'gradient']),
  options: FitOptionsSchema,
  fixed: v.record(v.pipe(v.string(), v.maxLength(40)), Finite),
  trials: v.nullable(v.pipe(Count(1e9), v.minValue(1))),
  results: v.pipe(v.array(FitResultSchema), v.maxLength(1000)),
  regressionResults: v.pipe(v.array(RegressionSchema), v.maxLength(1000)),
  ui: v.record(
    v.pipe(v.string(), v.maxLength(100)),
    v.nullable(v.union([v.pipe(v.string(), v.maxLength(10_000)), Finite, v.boolean()])),
  ),
}

/** What the renderer pushes for autosave and session export. */
export const SessionSnapshotSchema: v.GenericSchema<unknown, SessionSnapshot> =
  v.strictObject(snapshotEntries)

/** A session file of the current version. */
export const SessionFileSchema: v.GenericSchema<unknown, SessionFile> = v.strictObject({
  format: v.literal(SESSION_FORMAT),
  version: v.literal(SESSION_VERSION),
  savedAt: v.pipe(v.string(), v.isoTimestamp()),
  source: v.nullable(
    v.strictObject({
      path: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
      fileName: v.pipe(v.string(), v.maxLength(1000)),
      bytes: Count(Number.MAX_SAFE_INTEGER),
      sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 hex digits')),
    }),
  ),
  importSettings: ImportSettingsSchema,
  ...snapshotEntries,
})

/** A session file that cannot be opened; the message says why and where. */
export class SessionError extends Error {
  override name = 'SessionError'
}

/**
 * Parses a session file's text: JSON, the format marker, the version (migrating older ones; there are none
 * yet) and the schema. Throws a SessionError naming the first problem and its place in the file.
 */
export function parseSessionText(text: string, where = 'The session file'): SessionFile {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new SessionError(`${where} is not valid JSON (${(e as Error).message}); it may be damaged.`)
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== SESSION_FORMAT) {
    throw new SessionError(`${where} is not an MLE Studio session (no "format": "${SESSION_FORMAT}").`)
  }
  const version = (json as { version?: unknown }).version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SessionError(`${where} has no valid format version.`)
  }
  if (version > SESSION_VERSION) {
    throw new SessionError(
      `${where} was saved by a newer MLE Studio (format version ${version}); this version reads up to ` +
        `${SESSION_VERSION}. Update MLE Studio to open it.`,
    )
  }
  const result = v.safeParse(SessionFileSchema, json)
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(top level)'
  throw new SessionError(`${where} is not valid at "${path}": ${issue.message}.`)
}
