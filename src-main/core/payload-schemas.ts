import * as v from 'valibot'
import { callSpec, STUDIO_CALL_NAMES, type StudioCallName, type StudioCalls } from '../../src-shared/calls'
import { StudioError } from '../../src-shared/errors'
import { TaskTag } from '../../src-shared/shapes/primitives'

/**
 * Validation of everything that crosses into main from the renderer (IPC) or the browser (HTTP). StudioCore
 * validates every call's payload with the schemas of STUDIO_CALLS (src-shared), whichever door it came by;
 * the Electron shell validates its own few channels (exports, the unsaved flag) with `parsePayload`.
 */
export { MAX_SESSION_CHARS } from '../../src-shared/calls'
export { PngExportSchema, ReportExportSchema, TextExportSchema } from '../../src-shared/shapes/events'

/** Calls whose bodies carry whole sessions; the HTTP server allows them bodies up to MAX_SESSION_CHARS. */
export const LARGE_BODY_CALLS: readonly StudioCallName[] = STUDIO_CALL_NAMES.filter(
  (name) => callSpec(name).largeBody === true,
)

/** Absolute path of a file the user chose (drop or dialog) and the renderer relays. */
export const FilePathSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))

/** The first problem valibot found: where (the dotted path into the value, else `what`) and what. */
export function firstIssue(
  issues: readonly v.BaseIssue<unknown>[],
  what: string,
): { where: string; message: string } {
  const issue = issues[0]
  return { where: issue.path?.map((p) => String(p.key)).join('.') || what, message: issue.message }
}

/** Throws a ValidationError naming the first problem and where it is. */
export function parsePayload<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true })
  if (result.success) return result.output
  const { where, message } = firstIssue(result.issues, what)
  throw new StudioError('ValidationError', `Invalid ${what}: ${where}: ${message}`)
}

/** Validates the payload of a StudioCall by its name. */
export function parseCallPayload<K extends StudioCallName>(
  name: K,
  value: unknown,
): StudioCalls[K]['payload'] {
  return parsePayload(callSpec(name).payload, value ?? null, name) as StudioCalls[K]['payload']
}

/** The id of the page a request names itself by (`PAGE_HEADER`), checked; undefined when it names none. */
export function parsePageId(page: unknown): string | undefined {
  return page === undefined ? undefined : parsePayload(TaskTag, page, 'page id')
}
