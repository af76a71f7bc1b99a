import { describe, expect, it } from 'vitest'
import { uploadParts, uploadUrl } from './upload-parts'

describe('uploadParts', () => {
  it.each([
    [0, 8, [[0, 0]]],
    [5, 8, [[0, 5]]],
    [8, 8, [[0, 8]]],
    [
      9,
      8,
      [
        [0, 8],
        [8, 1],
      ],
    ],
    [
      24,
      8,
      [
        [0, 8],
        [8, 8],
        [16, 8],
      ],
    ],
  ])('a file of %i bytes in parts of %i: %j', (size, partBytes, expected) => {
    expect(uploadParts(size, partBytes).map((p) => [p.offset, p.bytes])).toEqual(expected)
  })
  it('tiles the file: consecutive, none empty but an empty file’s, summing to its size', () => {
    for (const size of [1, 7, 1000, 8 * 1024 * 1024 + 1, 85_160_972]) {
      const parts = uploadParts(size)
      expect(parts.reduce((n, p) => n + p.bytes, 0)).toBe(size)
      parts.forEach((p, k) => {
        expect(p.bytes).toBeGreaterThan(0)
        if (k > 0) expect(p.offset).toBe(parts[k - 1].offset + parts[k - 1].bytes)
      })
    }
  })
})

describe('uploadUrl', () => {
  it('names the file (encoded) and only the fields given', () => {
    expect(uploadUrl('', { name: 'a b&c.csv' })).toBe('/api/upload?name=a+b%26c.csv')
    expect(uploadUrl('http://h', { name: 'x.csv', id: 'u-1', size: 10, part: 0 })).toBe(
      'http://h/api/upload?name=x.csv&id=u-1&size=10&part=0',
    )
    expect(uploadUrl('', { name: 'x.csv', id: 'u-1', size: 10, part: 0, form: true })).toBe(
      '/api/upload?name=x.csv&id=u-1&size=10&part=0&form=1',
    )
  })
})
