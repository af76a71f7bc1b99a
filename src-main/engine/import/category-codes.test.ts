import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importFile } from './import-file'

const dir = mkdtempSync(join(tmpdir(), 'categories-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function open(text: string) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(path, text)
  return importFile(path, { settings: {} })
}

describe('text columns keep their cells as categories', () => {
  it('sorts levels (numbers by value), codes each row and marks missing cells -1', async () => {
    const d = await open('y,site,x\n1,B,2\n2,A,3\n3,,4\n4,10,5\n5,2,6\n6,B,7\n7,NA,1\n')
    const site = d.columns[1]
    expect(site.info.type).toBe('text')
    expect(site.info.levels).toEqual(['2', '10', 'A', 'B'])
    expect([...site.categories!.codes]).toEqual([3, 2, -1, 1, 0, 3, -1])
    expect(d.columns[0].categories).toBeNull()
    expect(d.columns[0].info.levels).toBeUndefined()
  })

  it('keeps no categories past 1000 distinct values', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `${i},id${i}`).join('\n')
    const d = await open(`y,id\n${rows}\n`)
    expect(d.columns[1].info.type).toBe('text')
    expect(d.columns[1].categories).toBeNull()
    expect(d.columns[1].info.levels).toBeUndefined()
  })
})
