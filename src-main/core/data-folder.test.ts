import { describe, expect, it } from 'vitest'
import { browserModeDataFolder } from './data-folder'

describe('browser mode data folder', () => {
  it.each([
    [{}, '/home/ana/.config/mle-studio'],
    [{ XDG_CONFIG_HOME: '/cfg' }, '/cfg/mle-studio'],
    [{ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana/.config/mle-studio'],
    [{ XDG_CONFIG_HOME: '/cfg', MLE_STUDIO_DATA_DIR: '/tmp/run-1' }, '/tmp/run-1'],
  ])('%j -> %s', (env, expected) => expect(browserModeDataFolder(env, '/home/ana')).toBe(expected))
})
