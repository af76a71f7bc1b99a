import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileHashCache, readTextFile, sha256File } from './file-hash'

let dir: string
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'mle-hash-'))))
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('reading and hashing files in main: bounded and cancellable', () => {
  it('hashes a regular file (SHA-256 computed independently)', async () => {
    const file = join(dir, 'data.csv')
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7)
    await writeFile(file, bytes)
    const expected = createHash('sha256').update(bytes).digest('hex')
    expect(await sha256File(file)).toMatchObject({ bytes: bytes.length, sha256: expected })
    const cache = new FileHashCache()
    expect(await cache.get(file)).toEqual({ bytes: bytes.length, sha256: expected })
  })

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    await expect(sha256File(fifo)).rejects.toMatchObject({ name: 'FileAccessError' })
    await expect(new FileHashCache().get(fifo)).rejects.toMatchObject({ name: 'FileAccessError' })
  })

  it('refuses a device (/dev/zero would never end)', async () => {
    await expect(sha256File('/dev/zero')).rejects.toMatchObject({ name: 'FileAccessError' })
    await expect(readTextFile('/dev/zero', 1024)).rejects.toMatchObject({ name: 'FileAccessError' })
  })

  it('stops with CancelledError when its signal is aborted', async () => {
    const file = join(dir, 'big.bin')
    await writeFile(file, Buffer.alloc(8 * 1024 * 1024))
    const control = new AbortController()
    control.abort()
    await expect(sha256File(file, control.signal)).rejects.toMatchObject({ name: 'CancelledError' })
  })

  it('never reads past its limit', async () => {
    const file = join(dir, 'session.json')
    await writeFile(file, 'x'.repeat(2000))
    await expect(readTextFile(file, 1000)).rejects.toThrow(/2000 bytes, over the 1000-byte limit/)
    expect(await readTextFile(file, 2000)).toHaveLength(2000)
  })
})
