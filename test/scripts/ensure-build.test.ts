import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'

const require = createRequire(__filename)
const { isCliStale } = require('../../scripts/ensure-build.cjs') as { isCliStale(root: string): boolean }

/** A checkout in a temporary folder: file -> age in seconds (older = larger). */
function project(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'mle-ensure-build-'))
  for (const [file, age] of Object.entries(files)) touch(root, file, age)
  return root
}

function touch(root: string, file: string, age: number) {
  const path = join(root, file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, file.endsWith('.json') && file.startsWith('out/') ? '["src-main/cli/entry.ts"]' : '')
  const t = Date.now() / 1000 - age
  utimesSync(path, t, t)
}

describe("mle-fit's staleness check (isCliStale: the CLI bundle against its listed sources)", () => {
  let root: string
  beforeEach(() => {
    // Sources an hour old, the bundle a minute old, its list written just after it.
    root = project({
      'src-main/cli/entry.ts': 3600,
      'src-renderer/main.ts': 3600,
      'electron.vite.config.ts': 3600,
      'package.json': 3600,
      'packaging/cli-inputs.ts': 3600,
      'out/main/cli.js': 60,
      'out/cli-inputs.json': 59,
    })
    return () => rmSync(root, { recursive: true, force: true })
  })

  it('is fresh when every listed source and the build configuration are older than the bundle', () => {
    expect(isCliStale(root)).toBe(false)
  })

  it('is stale when a listed source, the configuration or a file it imports is newer', () => {
    for (const file of ['src-main/cli/entry.ts', 'package.json', 'packaging/cli-inputs.ts']) {
      touch(root, file, 0)
      expect(isCliStale(root)).toBe(true)
      touch(root, file, 3600)
    }
  })

  it('is stale when a listed source is gone (renamed, deleted)', () => {
    rmSync(join(root, 'src-main/cli/entry.ts'))
    writeFileSync(join(root, 'src-main/cli/other.ts'), '')
    expect(isCliStale(root)).toBe(true)
  })

  it('ignores sources outside the CLI bundle (the renderer)', () => {
    touch(root, 'src-renderer/main.ts', 0)
    expect(isCliStale(root)).toBe(false)
  })

  it('falls back to the full check without a list written after the bundle, or with a damaged one', () => {
    // The full check wants every bundle: with only the CLI's, it calls for a build.
    touch(root, 'out/cli-inputs.json', 120)
    expect(isCliStale(root)).toBe(true)
    writeFileSync(join(root, 'out/cli-inputs.json'), '[')
    expect(isCliStale(root)).toBe(true)
  })

  it('without sources (an installed package) asks only that the bundle exists', () => {
    rmSync(join(root, 'src-main'), { recursive: true })
    touch(root, 'package.json', 0)
    expect(isCliStale(root)).toBe(false)
    rmSync(join(root, 'out/main/cli.js'))
    expect(isCliStale(root)).toBe(true)
  })
})
