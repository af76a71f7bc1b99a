import * as v from 'valibot'
import type { StudioCallName, StudioCalls } from '../../src-shared/contract'
import { ImportSettingsSchema, SessionSnapshotSchema } from './session-schema'

/**
 * Schemas for everything that crosses into main from the renderer (IPC) or the browser (HTTP). Both front
 * doors validate with these before calling the core; the map is typed against StudioCalls so a payload type
 * and its schema cannot drift apart.
 */
const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(10_000))
const DistId = v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'unknown distribution id'))
const Finite = v.pipe(v.number(), v.finite())
const Params = v.record(v.pipe(v.string(), v.maxLength(40)), Finite)
const Count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max))
const Method = v.picklist(['auto', 'closed-form', 'newton', 'lbfgs', 'gradient'])
const Bins = v.union([v.picklist(['fd', 'sturges', 'scott']), v.pipe(Count(10_000), v.minValue(1))])

const FitOptions = v.strictObject({
  learningRate: v.optional(v.pipe(Finite, v.gtValue(0))),
  maxIterations: v.optional(Count(10_000_000)),
  tolerance: v.optional(v.pipe(Finite, v.minValue(0))),
  patience: v.optional(Count(10_000_000)),
  validationFraction: v.optional(v.pipe(Finite, v.minValue(0), v.maxValue(0.9))),
  seed: v.optional(v.pipe(v.number(), v.integer())),
  start: v.optional(Params),
})

const FitRequest = v.strictObject({
  column: Name,
  dist: DistId,
  method: v.optional(Method),
  options: v.optional(FitOptions),
  fixed: v.optional(Params),
  trials: v.optional(v.pipe(Count(1e9), v.minValue(1))),
  bootstrap: v.optional(Count(100_000)),
  bins: v.optional(Bins),
})

const FitAllRequest = v.strictObject({
  column: Name,
  method: v.optional(Method),
  options: v.optional(FitOptions),
  trials: v.optional(v.pipe(Count(1e9), v.minValue(1))),
  bootstrap: v.optional(Count(100_000)),
  bins: v.optional(Bins),
})

const Evaluate = v.strictObject({
  column: Name,
  dist: DistId,
  params: Params,
  trials: v.optional(v.pipe(Count(1e9), v.minValue(1))),
})

const Axis = v.strictObject({ min: Finite, max: Finite, steps: v.pipe(Count(400), v.minValue(2)) })

const Regression = v.strictObject({
  model: v.picklist(['linear', 'logistic', 'poisson']),
  response: Name,
  predictors: v.pipe(v.array(Name), v.minLength(1), v.maxLength(1000)),
  intercept: v.optional(v.boolean()),
  exposure: v.optional(v.nullable(Name)),
  method: v.optional(v.picklist(['newton', 'gradient'])),
  options: v.optional(FitOptions),
})

const ImportSettings = ImportSettingsSchema

/** Largest session file accepted (results with traces of many fits stay far below it). */
export const MAX_SESSION_CHARS = 64 * 1024 * 1024

export const CallSchemas: { [K in StudioCallName]: v.GenericSchema<unknown, StudioCalls[K]['payload']> } = {
  'dataset:get-initial': v.null(),
  'dataset:reimport': ImportSettings,
  'engine:list-distributions': v.null(),
  'column:get-summary': v.strictObject({ column: Name }),
  'model:fit': FitRequest,
  'model:fit-all': FitAllRequest,
  'model:get-diagnostics': Evaluate,
  'model:get-likelihood-grid': v.strictObject({
    column: Name,
    dist: DistId,
    params: Params,
    trials: v.optional(v.pipe(Count(1e9), v.minValue(1))),
    axes: v.pipe(
      v.array(v.strictObject({ name: v.pipe(v.string(), v.maxLength(40)), ...Axis.entries })),
      v.minLength(1),
      v.maxLength(2),
    ),
  }),
  'model:evaluate': Evaluate,
  'regression:fit': Regression,
  'regression:get-grid': v.strictObject({ request: Regression, intercept: Axis, slope: Axis }),
  'task:cancel': v.null(),
  'engine:restart': v.null(),
  'session:export': SessionSnapshotSchema,
  'session:open': v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_SESSION_CHARS)) }),
  'session:autosave': v.nullable(SessionSnapshotSchema),
  'session:get-recovery': v.null(),
  'session:restore-recovery': v.null(),
  'session:discard-recovery': v.null(),
}

/** Calls whose bodies carry whole sessions; the HTTP server allows them bodies up to MAX_SESSION_CHARS. */
export const LARGE_BODY_CALLS: readonly StudioCallName[] = [
  'session:export',
  'session:open',
  'session:autosave',
]

/** A PNG as a base64 data URL (charts are a few MB at most at pixel ratio 2). */
export const PngExportSchema = v.strictObject({
  dataUrl: v.pipe(v.string(), v.startsWith('data:image/png;base64,'), v.maxLength(64 * 1024 * 1024)),
  suggestedName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
})

export const TextExportSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(256 * 1024 * 1024)),
  suggestedName: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  mimeType: v.picklist(['application/json', 'text/csv', 'text/markdown']),
})

/** Absolute path of a file the user chose (drop or dialog) and the renderer relays. */
export const FilePathSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))

/** Throws a ValidationError naming the first problem and where it is. */
export function parsePayload<T>(schema: v.GenericSchema<unknown, T>, value: unknown, what: string): T {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  const where = issue.path?.map((p) => String(p.key)).join('.') || what
  const error = new Error(`Invalid ${what}: ${where}: ${issue.message}`)
  error.name = 'ValidationError'
  throw error
}

/** Validates the payload of a StudioCall by its name. */
export function parseCallPayload<K extends StudioCallName>(
  name: K,
  value: unknown,
): StudioCalls[K]['payload'] {
  return parsePayload(CallSchemas[name], value ?? null, name)
}
