import * as v from 'valibot'
import type { EngineMessage, EngineRequest } from '../../src-shared/contract'
import { engineResultSchema } from '../../src-shared/engine-protocol'
import { ProgressSchema } from '../../src-shared/shapes/events'

/**
 * Dev-time contract check: every message the engine sends in tests is checked against the contract's
 * schemas (the result schema of the request's kind, the progress schema), so an engine change that drifts
 * from the shapes the renderer and session files rely on fails a test instead of a user's session.
 */
export function checkEngineMessage(request: EngineRequest, message: EngineMessage): void {
  if (request.kind === 'cancel' || request.kind === 'ping') return
  let schema: v.GenericSchema | null = null
  let value: unknown
  if (message.kind === 'result') {
    schema = engineResultSchema(request.kind)
    value = message.value
  } else if (message.kind === 'progress') {
    schema = ProgressSchema
    value = message.progress
  }
  if (!schema) return
  const result = v.safeParse(schema, value, { abortEarly: true })
  if (result.success) return
  const issue = result.issues[0]
  const where = issue.path?.map((p) => String(p.key)).join('.') ?? '(top level)'
  throw new Error(
    `The engine's ${message.kind} for "${request.kind}" breaks the contract at ${where}: ${issue.message}`,
  )
}
