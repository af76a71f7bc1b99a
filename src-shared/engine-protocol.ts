import * as v from 'valibot'
import { callSpec, STUDIO_CALL_NAMES, type RoutedEngineCalls } from './calls'
import type { ErrorInfo } from './errors'
import { DatasetInfoSchema, type ImportSettingsSchema } from './shapes/dataset'
import type { ProgressSchema } from './shapes/events'

/**
 * Main <-> engine messages. Every renderer call routed to the engine (STUDIO_CALLS entries with `engine`)
 * becomes a request of that kind carrying the call's payload as `request`; `import` is main's own (the
 * path comes from a dialog, a drop, an upload or a session, never from the page).
 */
/**
 * A file still being written (a browser-mode upload) that will have `bytes` bytes. `progress`: a file whose
 * size is the length of the upload's start that is complete (its parts may arrive out of order); without
 * one, the file's own size is (it is written in order).
 */
export interface ArrivingUpload {
  bytes: number
  progress?: string
}

export interface ImportRequest {
  path: string
  /** Name to show instead of the path's base name (browser mode uploads to a temporary path). */
  fileName?: string
  settings?: v.InferOutput<typeof ImportSettingsSchema>
  /**
   * The file is still being written (a browser-mode upload): the import reads the bytes as they arrive, and
   * fails with a message if the upload's files are removed (it was cut off) or it stalls.
   */
  arriving?: ArrivingUpload
  /**
   * Requests (the long work on the data this import replaces) that main will stop once it has succeeded:
   * meanwhile all long work waits at its checkpoints; these wait on after a success, until main's cancel,
   * and go on where they were when it fails (`import-hold.ts`).
   */
  stops?: number[]
}

/** Request and result of every engine request kind. */
export type EngineCalls = RoutedEngineCalls & {
  import: { payload: ImportRequest; result: v.InferOutput<typeof DatasetInfoSchema> }
}

export type EngineRequestKind = keyof EngineCalls

/** The engine's answer type for each request kind. */
export type EngineResults = { [K in EngineRequestKind]: EngineCalls[K]['result'] }

type BodyOf<K extends EngineRequestKind> = K extends 'import'
  ? { kind: K } & ImportRequest
  : EngineCalls[K]['payload'] extends null
    ? { kind: K }
    : { kind: K; request: EngineCalls[K]['payload'] }

/** Body of a request without its id, as callers of EngineHost write it (cancel and ping are the host's). */
export type EngineRequestBody = { [K in EngineRequestKind]: BodyOf<K> }[EngineRequestKind]

/** Requests main sends to the engine; `id` is unique per request and echoed in every reply. */
export type EngineRequest =
  | (EngineRequestBody & { id: number })
  | { id: number; kind: 'cancel'; target: number }
  /** Heartbeat: the engine answers `pong` at once, between two steps of whatever it is doing. */
  | { id: number; kind: 'ping' }

export type Progress = v.InferOutput<typeof ProgressSchema>

/** Messages the engine sends back. */
export type EngineMessage =
  | { kind: 'result'; id: number; value: EngineResults[EngineRequestKind] }
  | { kind: 'error'; id: number; error: ErrorInfo }
  | { kind: 'progress'; id: number; progress: Progress }
  | { kind: 'pong'; id: number }
  | { kind: 'ready' }

/**
 * The schema of each engine request kind's result, from the same map: tests check every answer of the real
 * engine against it, so the engine cannot drift from the contract unnoticed.
 */
export function engineResultSchema(kind: EngineRequestKind): v.GenericSchema {
  if (kind === 'import') return DatasetInfoSchema
  const name = STUDIO_CALL_NAMES.find((n) => callSpec(n).engine === kind)
  if (name) return callSpec(name).result
  throw new Error(`No engine request kind "${kind}" in STUDIO_CALLS.`)
}
