import * as v from 'valibot'
import type { SessionFile } from '../../src-shared/contract'
import { StudioError } from '../../src-shared/errors'
import { SESSION_FORMAT, SESSION_VERSION, SessionFileSchema } from '../../src-shared/shapes/session'
import { CONTRACT_JSON_LIMITS, jsonShapeProblem } from './json-shape'
import { firstIssue } from './payload-schemas'

/**
 * Reading `.mlestudio.json` session files: untrusted input. The schema (src-shared/shapes/session.ts) is
 * the contract's own: results are checked field by field with the engine's result schemas, every array and
 * record has a size limit and the nesting is the schema's, so a crafted file (5,000 nested arrays, a
 * million keys) is refused with the place it went wrong, and whatever passes renders.
 */
export { SESSION_FORMAT, SESSION_VERSION }

/** A session file that cannot be opened; the message says why and where. */
export class SessionError extends StudioError {
  constructor(message: string) {
    super('SessionError', message)
  }
}

/**
 * Parses a session file's text: JSON, the format marker, the version (migrating older ones; there are none
 * yet) and the schema. Throws a SessionError naming the first problem and its place in the file.
 */
export function parseSessionText(text: string, where = 'The session file'): SessionFile {
  const shape = jsonShapeProblem(text, CONTRACT_JSON_LIMITS)
  if (shape) throw new SessionError(`${where} cannot be a session: ${shape}.`)
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
  // abortEarly: a hostile file with a million wrong values costs one issue, not a million.
  const result = v.safeParse(SessionFileSchema, json, { abortEarly: true })
  if (result.success) return result.output
  const issue = firstIssue(result.issues, '(top level)')
  throw new SessionError(`${where} is not valid at "${issue.where}": ${issue.message}.`)
}
