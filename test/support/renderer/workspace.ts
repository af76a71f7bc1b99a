import { effectScope } from 'vue'
import type { RendererApi } from '../../../src-shared/contract'
import { useWorkspace } from '../../../src-renderer/src/composables/use-workspace'
import { CATALOG } from './catalog'
import { WEIGHTS } from './datasets'
import { fakeApi, manualFrames, settle, type Answers } from './fake-renderer-api'

/**
 * The renderer's workspace composables over a fake api, in an effect scope (no DOM, no component):
 * the family catalog and weights.csv by default, frames advanced by hand. `stop()` ends the scope.
 */
export function setupWorkspace(answers: Answers = {}, mode: RendererApi['mode'] = 'browser') {
  const fake = fakeApi(
    {
      'engine:list-distributions': CATALOG,
      'workspace:get': { dataset: WEIGHTS, session: null },
      ...answers,
    },
    mode,
  )
  const frames = manualFrames()
  const scope = effectScope()
  const ws = scope.run(() => useWorkspace({ api: fake.api, frames, autosaveMs: 500 }))!
  return { ...fake, frames, ws, stop: () => scope.stop() }
}

/** A workspace that has started (catalog, weights.csv, its first column summarized) and settled. */
export async function startedWorkspace(answers: Answers = {}, mode: RendererApi['mode'] = 'browser') {
  const s = setupWorkspace(answers, mode)
  await s.ws.start()
  await settle()
  return s
}
