import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DESKTOP_STATE_FILE,
  DesktopStateFile,
  MAX_RECENT,
  parseDesktopState,
  placeWindow,
  withRecent,
} from './desktop-state'

const DEFAULTS = { width: 1280, height: 820, minWidth: 900, minHeight: 600 }
const LAPTOP = { x: 0, y: 0, width: 1440, height: 870 }
const MONITOR = { x: 1440, y: -200, width: 2560, height: 1400 }

describe('the saved desktop state', () => {
  it('keeps what is valid and drops only what is not', () => {
    const state = parseDesktopState(
      JSON.stringify({
        window: { x: 10, y: 20, width: 1000, height: 700, maximized: true },
        recentFiles: ['/a.csv', 42, '', '/a.csv', '/b.mlestudio.json', 'x\u0000y'],
        folders: { data: '/home/ana/data', charts: 7, nonsense: '/x' },
      }),
    )
    expect(state).toEqual({
      window: { x: 10, y: 20, width: 1000, height: 700, maximized: true },
      recentFiles: ['/a.csv', '/b.mlestudio.json'],
      folders: { data: '/home/ana/data' },
    })
  })

  it.each([
    ['not JSON', '{"window":'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['a window of wrong types', '{"window":{"x":"10","y":0,"width":900,"height":600}}'],
    ['a window of absurd size', '{"window":{"x":0,"y":0,"width":1e9,"height":600}}'],
    ['a fractional position', '{"window":{"x":0.5,"y":0,"width":900,"height":600}}'],
  ])('reads %s as no saved window', (_what, text) => {
    expect(parseDesktopState(text).window).toBeNull()
  })

  it('caps the recent list and moves a reopened file to the top', () => {
    let list: string[] = []
    for (let i = 0; i < MAX_RECENT + 3; i++) list = withRecent(list, `/f${i}.csv`)
    expect(list).toHaveLength(MAX_RECENT)
    expect(list[0]).toBe(`/f${MAX_RECENT + 2}.csv`)
    expect(withRecent(list, '/f5.csv').slice(0, 2)).toEqual(['/f5.csv', `/f${MAX_RECENT + 2}.csv`])
    expect(withRecent(list, '/f5.csv')).toHaveLength(MAX_RECENT)
  })

  it('writes atomically and reads back what it wrote', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'desktop-state-')), 'nested')
    const file = new DesktopStateFile(dir)
    expect(await file.load()).toEqual({ window: null, recentFiles: [], folders: {} })
    const state = {
      window: { x: 1, y: 2, width: 1000, height: 700, maximized: false },
      recentFiles: ['/a.csv'],
      folders: { sessions: '/s' },
    }
    await file.save(state)
    expect(JSON.parse(readFileSync(join(dir, DESKTOP_STATE_FILE), 'utf8'))).toEqual(state)
    expect(await file.load()).toEqual(state)
  })
})

describe('window placement', () => {
  it('centres the default size on the primary display the first time', () => {
    expect(placeWindow(null, [LAPTOP, MONITOR], DEFAULTS)).toEqual({
      x: 80,
      y: 25,
      width: 1280,
      height: 820,
      maximized: false,
    })
  })

  it('restores a placement that is on a connected display', () => {
    const saved = { x: 1600, y: -100, width: 1800, height: 1000, maximized: true }
    expect(placeWindow(saved, [LAPTOP, MONITOR], DEFAULTS)).toEqual(saved)
  })

  it('brings back a window from a display that is gone', () => {
    const saved = { x: 2000, y: 100, width: 1800, height: 1000, maximized: true }
    expect(placeWindow(saved, [LAPTOP], DEFAULTS)).toEqual({
      x: 80,
      y: 25,
      width: 1280,
      height: 820,
      maximized: false,
    })
  })

  it('shrinks a window larger than its display and pulls it inside the work area', () => {
    const saved = { x: 1300, y: 500, width: 3000, height: 2000, maximized: false }
    expect(placeWindow(saved, [LAPTOP, MONITOR], DEFAULTS)).toEqual({
      x: 1440,
      y: -200,
      width: 2560,
      height: 1400,
      maximized: false,
    })
  })

  it('does not restore a window whose title bar is off-screen (only its bottom edge shows)', () => {
    const saved = { x: 100, y: -780, width: 1000, height: 800, maximized: false }
    expect(placeWindow(saved, [LAPTOP], DEFAULTS).y).toBe(25)
  })

  it('fits a display smaller than the minimum size', () => {
    const tiny = { x: 0, y: 0, width: 800, height: 500 }
    expect(placeWindow(null, [tiny], DEFAULTS)).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 500,
      maximized: false,
    })
  })
})
