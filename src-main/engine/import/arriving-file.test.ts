import { appendFile, mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises'
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
  it('gives the same dataset for an upload arriving in many small pieces as for the stored file', async () => {
    // Over 256 KiB so reads return what has arrived (short reads) many times, pieces not aligned to rows.
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `${i},${(i * 0.25).toFixed(2)},${i % 7 ? 'a' : 'b'}\n`,
    )
    const text = `n,x,g\n${lines.join('')}`
    const bytes = Buffer.byteLength(text)
    const whole = join(dir, 'whole.csv')
    await writeFile(whole, text)
    const path = join(dir, 'pieces.csv')
    await writeFile(path, '')
    const writer = (async () => {
      for (let at = 0, piece = 1; at < text.length; at += piece, piece = ((piece * 7) % 40_000) + 1) {
        await appendFile(path, text.slice(at, at + piece))
        if (piece > 20_000) await later(1, () => Promise.resolve())
      }
    })()
    const arrived = await importFile(path, { arriving: { bytes }, fileName: 'whole.csv' })
    await writer
    const stored = await importFile(whole)
    expect(arrived.info.rows).toBe(30_000)
    expect({ ...arrived.info, path: '', seconds: 0 }).toEqual({ ...stored.info, path: '', seconds: 0 })
    expect(arrived.columns).toEqual(stored.columns)
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

/** Writes `text` at `offset` of `path` (which exists), as one part of an upload does. */
async function writeAt(path: string, text: string, offset: number) {
  const handle = await open(path, 'r+')
  await handle.write(Buffer.from(text), 0, Buffer.byteLength(text), offset)
  await handle.close()
}

describe('importing an upload whose parts arrive out of order (a progress file)', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `${i},${(i * 0.125).toFixed(3)}\n`)
  const text = `n,x\n${lines.join('')}`
  const bytes = Buffer.byteLength(text)
  const third = Math.floor(bytes / 3)

  it('reads only as far as the progress file says, though later parts are written first', async () => {
    const path = join(dir, 'parts.csv')
    const progress = join(dir, 'parts.arrived')
    await writeFile(path, '')
    await writeFile(progress, '')
    // The last part first: the file has its full size, with a hole of zero bytes where parts 1 and 2 go.
    await writeAt(path, text.slice(2 * third), 2 * third)
    const writer = (async () => {
      await later(20, () => writeAt(path, text.slice(0, third), 0))
      await truncate(progress, third)
      await later(20, () => writeAt(path, text.slice(third, 2 * third), third))
      await truncate(progress, bytes)
    })()
    const arrived = await importFile(path, { arriving: { bytes, progress }, fileName: 'whole.csv' })
    await writer
    const whole = join(dir, 'whole.csv')
    await writeFile(whole, text)
    const stored = await importFile(whole)
    expect(arrived.info.rows).toBe(20_000)
    expect(arrived.columns).toEqual(stored.columns)
  })
  it('stops with a message when the progress file is removed (the upload was cut off)', async () => {
    const path = join(dir, 'cut.csv')
    const progress = join(dir, 'cut.arrived')
    await writeFile(path, text)
    await writeFile(progress, '')
    await truncate(progress, 100)
    const removed = later(40, () => rm(progress))
    await expect(importFile(path, { arriving: { bytes, progress } })).rejects.toThrow(
      /The upload of cut\.csv stopped after 100 bytes of .*: nothing was imported/,
    )
    await removed
  })
  it('stops with a message when the progress file is gone before the import starts', async () => {
    const path = join(dir, 'gone.csv')
    await writeFile(path, text)
    await expect(
      importFile(path, { arriving: { bytes, progress: join(dir, 'gone.arrived') } }),
    ).rejects.toThrow(/The upload of gone\.csv stopped before it began: nothing was imported/)
  })
})
