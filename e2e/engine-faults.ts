import { expect } from '@playwright/test'
import type { WebApp } from './fixtures'

/** The per-run token and origin of a browser-mode server, from its printed URL. */
export const token = (app: Pick<WebApp, 'url'>) => new URL(app.url).searchParams.get('token') ?? ''
export const origin = (app: Pick<WebApp, 'url'>) => new URL(app.url).origin

/**
 * The engine's pid, from the test-only `GET /api/test/engine-pid` (enabled by MLE_STUDIO_TEST_HOOKS=1 when the
 * server starts); null when no engine runs.
 */
export async function enginePid(app: Pick<WebApp, 'url'>): Promise<number | null> {
  const res = await fetch(`${origin(app)}/api/test/engine-pid`, { headers: { 'x-mle-token': token(app) } })
  const envelope = (await res.json()) as { ok: boolean; value: number | null }
  return envelope.value
}

/** Kills the engine with SIGKILL and waits for browser mode's reaction: a new engine, or none (halted). */
export async function killEngine(app: Pick<WebApp, 'url'>, expectRestart = true): Promise<void> {
  const pid = await enginePid(app)
  expect(pid, 'an engine process is running').not.toBeNull()
  process.kill(pid!, 'SIGKILL')
  await expect
    .poll(
      async () => {
        const now = await enginePid(app)
        return expectRestart ? now !== null && now !== pid : now === null
      },
      { timeout: 10_000 },
    )
    .toBe(true)
}
