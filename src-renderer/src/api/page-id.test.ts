import { describe, expect, it } from 'vitest'
import { PAGE_HEADER } from '../../../src-shared/calls'
import { TaskTag } from '../../../src-shared/shapes/primitives'
import * as v from 'valibot'
import { pageId } from './page-id'

/** A tab's sessionStorage (a copy of `from`'s, as a duplicated tab's is). */
function storage(from?: { items: Map<string, string> }) {
  const items = new Map<string, string>(from?.items)
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

const visit = (type: NavigationTimingType) => ({ type }) as PerformanceNavigationTiming

describe(`a tab's page id (${PAGE_HEADER})`, () => {
  it('is kept across a reload, so the reloaded page can cancel the work it started before', () => {
    const tab = storage()
    const first = pageId(() => tab, visit('navigate'))
    expect(v.is(TaskTag, first)).toBe(true)
    expect(pageId(() => tab, visit('reload'))).toBe(first)
  })

  it('is new for a new tab, and for a tab whose storage is a copy (duplicated, or back to the page)', () => {
    const tab = storage()
    const first = pageId(() => tab, visit('navigate'))
    const copy = storage(tab)
    expect(copy.getItem('mle-studio-page')).toBe(first)
    const duplicated = pageId(() => copy, visit('back_forward'))
    expect(duplicated).not.toBe(first)
    expect(pageId(() => storage(), undefined)).not.toBe(first)
  })

  it('is new at each load where the browser refuses storage, and the page still starts', () => {
    const refused = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    }
    const first = pageId(refused, visit('reload'))
    expect(v.is(TaskTag, first)).toBe(true)
    expect(pageId(refused, visit('reload'))).not.toBe(first)
  })
})
