import { describe, expect, it } from 'vitest'
import { engineEnvironment } from './node-engine-fork'

describe('engineEnvironment', () => {
  it("adds glibc's huge-page tunable to the parent's environment, which it leaves as it was", () => {
    const parent = { PATH: '/usr/bin', MLE_STUDIO_DATA_DIR: '/tmp/x' }
    expect(engineEnvironment(parent)).toEqual({ ...parent, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' })
    expect(parent).toEqual({ PATH: '/usr/bin', MLE_STUDIO_DATA_DIR: '/tmp/x' })
  })
  it("appends it to the user's own tunables", () => {
    const env = engineEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })
    expect(env['GLIBC_TUNABLES']).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1')
  })
  it('keeps a huge-page choice the user made, whatever it is', () => {
    const env = { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }
    expect(engineEnvironment(env)).toEqual(env)
  })
})
