/**
 * Caches one statistic per data array. Families compute sufficient statistics in a single pass the first
 * time they see a column and then answer every optimizer call in O(1); the WeakMap lets a column's
 * statistics be collected with the column.
 */
export function memoByArray<T>(compute: (data: Float64Array) => T): (data: Float64Array) => T {
  const cache = new WeakMap<Float64Array, T>()
  return (data) => {
    let value = cache.get(data)
    if (value === undefined) {
      value = compute(data)
      cache.set(data, value)
    }
    return value
  }
}
