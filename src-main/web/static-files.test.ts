import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readStatic } from './static-files'

const base = mkdtempSync(join(tmpdir(), 'static-'))
const root = join(base, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<html></html>')
writeFileSync(join(root, 'assets/app.js'), 'x')
writeFileSync(join(base, 'secret.txt'), 'secret')

describe('readStatic', () => {
  it('serves files of the renderer with their type, and / as index.html', async () => {
    expect((await readStatic(root, '/'))?.type).toMatch(/text\/html/)
    expect((await readStatic(root, '/assets/app.js'))?.body.toString()).toBe('x')
  })
  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/../../secret.txt',
    '/%00',
    '/%E0%A4%A',
  ])('never leaves the root: %s', async (path) => {
    expect(await readStatic(root, path)).toBeNull()
  })
})
