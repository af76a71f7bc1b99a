import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EngineMessage, GroupFitRequest, GroupFitResult } from '../../src-shared/contract'
import { SESSION_FORMAT, SESSION_VERSION } from '../../src-shared/shapes/session'
import { snapshot } from '../../test/helpers/sessions'
import { createRequestHandler } from '../engine/handle-request'
import { sameData, withFit, withGroupFit } from './landing-rules'
import { parseSessionText } from './session-schema'

const IRIS = join(__dirname, '../engine/groups/fixtures/iris.csv')

/** One engine request's answer (the real handler, in this process). */
async function ask(
  handle: ReturnType<typeof createRequestHandler>,
  id: number,
  body: object,
): Promise<unknown> {
  let reply: EngineMessage | undefined
  await handle({ id, ...body } as Parameters<typeof handle>[0], (m) => {
    if (m.kind !== 'progress') reply = m
  })
  if (reply?.kind !== 'result') throw new Error(`no answer: ${JSON.stringify(reply)}`)
  return reply.value
}

const request: GroupFitRequest = { column: 'Sepal.Length', by: 'Species', dists: ['normal', 'gamma'] }
let result: GroupFitResult

beforeAll(async () => {
  // A real answer (every field the engine fills), so the schema check below sees what lands in practice.
  const handle = createRequestHandler()
  await ask(handle, 1, { kind: 'import', path: IRIS })
  result = (await ask(handle, 2, { kind: 'fit-groups', request })) as GroupFitResult
})

/** The workspace of a page showing Sepal.Length by Species, with an earlier group fit (another family). */
const showing = () =>
  snapshot({ column: 'Sepal.Length', family: 'normal', by: 'Species', ui: { active: 'normal' } })

describe('withGroupFit', () => {
  it('lands on the workspace that still shows the column by the By column, the rest untouched', () => {
    const before = { ...showing(), groupFit: { ...result, tests: [] } }
    const landed = withGroupFit(before, request, result)
    expect(landed?.groupFit).toBe(result)
    expect({ ...landed, groupFit: null }).toEqual({ ...before, groupFit: null })
  })

  it('does not land when the selection changed: another column, another or no By column', () => {
    expect(withGroupFit({ ...showing(), column: 'Petal.Width' }, request, result)).toBeNull()
    expect(withGroupFit({ ...showing(), by: 'Region' }, request, result)).toBeNull()
    expect(withGroupFit({ ...showing(), by: null }, request, result)).toBeNull()
    // Sessions from before group fits have no `by` at all.
    const { by: _by, ...older } = showing()
    expect(withGroupFit(older, request, result)).toBeNull()
  })

  it('the landed workspace survives the snapshot schema (autosaved as JSON, read back as a session)', () => {
    const landed = withGroupFit(showing(), request, result)!
    const file = {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      savedAt: new Date(0).toISOString(),
      source: null,
      importSettings: {},
      ...landed,
    }
    const read = parseSessionText(JSON.stringify(file))
    expect(read.groupFit?.groups.map((g) => g.group)).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(read.groupFit?.tests.map((t) => t.dist)).toEqual(result.tests.map((t) => t.dist))
    expect(read.groupFit?.pooled.fits[0].params).toEqual(result.pooled.fits[0].params)
    expect(read.by).toBe('Species')
  })
})

describe('sameData: every rule first asks for the import the work ran on', () => {
  const of = (datasetId?: string) => ({ ...showing(), ...(datasetId ? { datasetId } : {}) })

  it("holds only when the work ran on the workspace's import and that import is still open", () => {
    expect(sameData(of('a'), { started: 'a', now: 'a' })).toBe(true)
    // Another file (or a re-import) opened meanwhile: same column names, other data.
    expect(sameData(of('a'), { started: 'a', now: 'b' })).toBe(false)
    expect(sameData(of('b'), { started: 'a', now: 'b' })).toBe(false)
    // A workspace of another import, or of none, or work started with nothing open.
    expect(sameData(of('b'), { started: 'a', now: 'a' })).toBe(false)
    expect(sameData(of(), { started: 'a', now: 'a' })).toBe(false)
    expect(sameData(of(), { started: null, now: null })).toBe(false)
  })

  it('withFit lands a fit of the selection; the same fit as a method comparison never', () => {
    const normal = result.pooled.fits[0]
    const asked = { column: 'Sepal.Length', dist: 'normal' }
    expect(withFit(showing(), asked, normal)?.results).toEqual([normal])
    expect(withFit(showing(), { ...asked, purpose: 'compare' }, normal)).toBeNull()
  })
})
