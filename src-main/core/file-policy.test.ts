import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assertNotProtected, checkedReadablePath, inspectDataPath } from './file-policy'

let dir: string
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'mle-policy-'))))
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('checkedReadablePath (paths the renderer relays)', () => {
  it('accepts an absolute path to a regular file, resolved through symlinks', async () => {
    const file = join(dir, 'a.csv')
    await writeFile(file, 'x\n1\n')
    await symlink(file, join(dir, 'link.csv'))
    expect(await checkedReadablePath(file)).toBe(file)
    expect(await checkedReadablePath(join(dir, 'link.csv'))).toBe(file)
  })

  it.each([
    [42, /Invalid file path/],
    ['', /Invalid file path/],
    ['relative/a.csv', /Not an absolute path/],
    ['/tmp/a\0.csv', /NUL/],
    ['/definitely/not/here.csv', /There is no file at/],
    ['/dev/zero', /system file in \/dev/],
    ['/proc/self/environ', /system file in \/proc/],
    ['//./pipe/x', /device path/],
    ['x'.repeat(5000), /Invalid file path/],
  ])('refuses %j', async (value, why) => {
    await expect(checkedReadablePath(value)).rejects.toThrow(why)
  })

  it('refuses a folder', async () => {
    await mkdir(join(dir, 'sub'))
    await expect(checkedReadablePath(join(dir, 'sub'))).rejects.toThrow(/not a regular file/)
  })
})

describe('inspectDataPath (a session names its data file: the read policy)', () => {
  it('accepts a regular file, with its real path and size', async () => {
    const file = join(dir, 'data.csv')
    await writeFile(file, 'x\n1\n')
    await symlink(file, join(dir, 'alias.csv'))
    expect(await inspectDataPath(join(dir, 'alias.csv'))).toEqual({ ok: true, real: file, bytes: 4 })
  })

  it('refuses a named pipe without opening it (which would wait for a writer)', async () => {
    const fifo = join(dir, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    expect(await inspectDataPath(fifo)).toMatchObject({ ok: false, missing: false, message: /named pipe/ })
  })

  it('refuses devices, folders and system files, also behind a link', async () => {
    await symlink('/dev/zero', join(dir, 'zero.csv'))
    await symlink('/proc/self/environ', join(dir, 'env.csv'))
    const cases: [string, RegExp][] = [
      ['/dev/zero', /system file in \/dev/],
      [join(dir, 'zero.csv'), /zero\.csv \(really \/dev\/zero\) is a system file/],
      [join(dir, 'env.csv'), /system file in \/proc/],
      ['/sys', /system file in \/sys/],
      [dir, /not a regular file \(it is a folder\)/],
      ['data.csv', /Not an absolute path/],
      ['/tmp/a\0.csv', /NUL/],
    ]
    for (const [path, why] of cases) {
      expect(await inspectDataPath(path)).toMatchObject({ ok: false, missing: false, message: why })
    }
  })

  it('tells a missing file from a refused one', async () => {
    expect(await inspectDataPath(join(dir, 'gone.csv'))).toMatchObject({ ok: false, missing: true })
  })
})

describe('assertNotProtected (never write over the user data)', () => {
  it('refuses the open CSV, by the same path or through a link', async () => {
    const csv = join(dir, 'data.csv')
    await writeFile(csv, 'x\n1\n')
    await symlink(csv, join(dir, 'alias.csv'))
    await expect(assertNotProtected(csv, [csv])).rejects.toThrow(/is the data file you are working on/)
    await expect(assertNotProtected(join(dir, 'alias.csv'), [csv])).rejects.toThrow(/data file/)
    await expect(assertNotProtected(join(dir, 'x', '..', 'data.csv'), [csv])).rejects.toThrow(/data file/)
    await expect(assertNotProtected(join(dir, 'chart.png'), [csv])).resolves.toBeUndefined()
  })
})
