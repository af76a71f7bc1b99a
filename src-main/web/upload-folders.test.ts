import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUploadRoot, removeStaleUploadRoots } from './upload-folders'

let base: string
beforeEach(async () => (base = await mkdtemp(join(tmpdir(), 'mle-uploads-'))))
afterEach(() => rm(base, { recursive: true, force: true }))

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

async function folder(name: string, owner: unknown): Promise<string> {
  const path = join(base, name)
  await mkdir(path)
  await mkdir(join(path, 'upload-abc'))
  await writeFile(join(path, 'upload-abc', 'data.csv'), 'x\n1\n')
  if (owner !== undefined) await writeFile(join(path, 'owner.json'), JSON.stringify(owner))
  return path
}

describe('stale upload folders of browser mode', () => {
  it('removes the folders of servers that no longer run, and nothing else', async () => {
    const stale = await folder('mle-studio-upload-dead01', { app: 'mle-studio', pid: deadPid() })
    const live = await folder('mle-studio-upload-live01', { app: 'mle-studio', pid: process.pid })
    const unmarked = await folder('mle-studio-upload-nomark', undefined)
    const foreign = await folder('mle-studio-upload-other1', { app: 'something-else', pid: deadPid() })
    const notOurs = await folder('other-app-upload-dead01', { app: 'mle-studio', pid: deadPid() })
    // A link with our name pointing at a folder of the user's: never followed, never removed.
    const target = await folder('precious', { app: 'mle-studio', pid: deadPid() })
    await symlink(target, join(base, 'mle-studio-upload-link01'))

    expect(await removeStaleUploadRoots(base)).toEqual([stale])
    expect(existsSync(stale)).toBe(false)
    for (const kept of [live, unmarked, foreign, notOurs, target, join(target, 'upload-abc', 'data.csv')]) {
      expect(existsSync(kept)).toBe(true)
    }
  })

  it("a server's own folder carries its owner record and survives its own start-up cleanup", async () => {
    const root = await createUploadRoot(base)
    expect(await removeStaleUploadRoots(base)).toEqual([])
    expect(existsSync(join(root, 'owner.json'))).toBe(true)
  })
})
