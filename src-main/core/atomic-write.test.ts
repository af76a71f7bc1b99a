import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeFsError, nodeAtomicWriteFs, writeFileAtomic, type AtomicWriteFs } from './atomic-write'

let dir: string
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'mle-atomic-'))))
afterEach(() => rm(dir, { recursive: true, force: true }))

const failing = (step: 'writeNew' | 'rename', code: string): AtomicWriteFs => ({
  ...nodeAtomicWriteFs,
  [step]: () => Promise.reject(Object.assign(new Error(`${code}: simulated`), { code })),
})

describe('writeFileAtomic', () => {
  it('replaces the target and leaves no temporary file', async () => {
    const target = join(dir, 'chart.png')
    await writeFile(target, 'old')
    await writeFileAtomic(target, Buffer.from('new'))
    expect(await readFile(target, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['chart.png'])
  })

  it.each([
    ['writeNew', 'ENOSPC', /the disk is full/],
    ['writeNew', 'EDQUOT', /the disk is full/],
    ['writeNew', 'EACCES', /permission denied/],
    ['rename', 'EPERM', /permission denied/],
    ['rename', 'EROFS', /read-only/],
  ] as const)('a %s failure with %s keeps the old file and says why', async (step, code, why) => {
    const target = join(dir, 'session.mlestudio.json')
    await writeFile(target, 'previous')
    const error = await writeFileAtomic(target, Buffer.from('next'), failing(step, code)).catch(
      (e: Error) => e,
    )
    expect(error).toMatchObject({ name: 'SaveError' })
    expect((error as Error).message).toMatch(why)
    expect((error as Error).message).toContain(target)
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['session.mlestudio.json']) // temp file cleaned up
  })

  it('reports a folder the OS refuses (even to root) as permission denied', async () => {
    if (!existsSync('/sys/kernel')) return // Linux sysfs: not writable by anyone
    await expect(writeFileAtomic('/sys/kernel/mle-studio-test.json', Buffer.from('x'))).rejects.toThrow(
      /Could not save \/sys\/kernel\/mle-studio-test\.json: (permission denied|the disk or folder is read-only)/,
    )
  })

  it('reports a missing folder', async () => {
    await expect(writeFileAtomic(join(dir, 'no', 'such', 'x.png'), Buffer.from('x'))).rejects.toThrow(
      /the folder does not exist/,
    )
  })

  it('describes unknown errors by their own message', () => {
    expect(describeFsError(new Error('odd failure'))).toBe('odd failure')
  })
})
