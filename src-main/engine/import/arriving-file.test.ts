import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importFile } from './import-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mle-arriving-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const later = (ms: number, work: () => Promise<unknown>) =>
  new Promise<void>((resolve, reject) => setTimeout(() => work().then(() => resolve(), reject), ms))

describe('importing a file while it arrives (browser-mode uploads)', () => {
  it('reads every row of a file written in pieces, waiting for the bytes not yet there', async () => {
    const path = join(dir, 'up.csv')
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},${(i * 0.5).toFixed(1)}\n`)
    const text = `a,b\n${lines.join('')}`
    const cut = [0, 10, 4000, text.length >> 1, text.length]
    await writeFile(path, text.slice(0, cut[1]))
    const writer = (async () => {
      for (let i = 2; i < cut.length; i++)
        await later(30, () => appendFile(path, text.slice(cut[i - 1], cut[i])))
    })()
    const dataset = await importFile(path, { arriving: { bytes: Buffer.byteLength(text) }, chunkBytes: 1024 })
    await writer
    expect(dataset.info.rows).toBe(5000)
    expect(dataset.info.columns.map((c) => c.name)).toEqual(['a', 'b'])
  })
  it('stops with a message when the writer removes the file (an upload cut off)', async () => {
    const path = join(dir, 'cut.csv')
    await writeFile(path, 'x\n1\n2\n')
    const removed = later(40, () => rm(path))
    await expect(importFile(path, { arriving: { bytes: 10_000 } })).rejects.toThrow(
      /The upload of cut\.csv stopped after 6 bytes of 9\.8 KB: nothing was imported/,
    )
    await removed
  })
  it('stops on cancel and on a writer gone silent', async () => {
    const path = join(dir, 'slow.csv')
    await writeFile(path, 'x\n1\n')
    let cancel = false
    setTimeout(() => (cancel = true), 30)
    await expect(
      importFile(path, { arriving: { bytes: 1000 }, isCancelled: () => cancel }),
    ).rejects.toMatchObject({ name: 'CancelledError' })
    await expect(importFile(path, { arriving: { bytes: 1000, stallMs: 50 } })).rejects.toThrow(
      /The upload of slow\.csv stalled at 4 bytes of 1000 bytes \(nothing new for 50 ms\)/,
    )
  })
  it('reads an arriving workbook only once it is complete', async () => {
    const path = join(dir, 'named.xlsx')
    const rest = '\u0003\u0004 not really a zip'
    await writeFile(path, 'PK')
    const written = later(40, () => appendFile(path, rest))
    await expect(importFile(path, { arriving: { bytes: 2 + rest.length } })).rejects.toThrow(/named\.xlsx/)
    await written
  })
})
