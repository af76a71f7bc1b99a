/**
 * Marching squares over a regular grid: the segments where z crosses `level`, with linear interpolation
 * along cell edges. `z[j][i]` is the value at (xs[i], ys[j]); cells with a non-finite corner are skipped.
 * Saddle cells take the two segments that keep the cell's mean on its own side.
 */
export function contourSegments(
  xs: readonly number[],
  ys: readonly number[],
  z: readonly (readonly number[])[],
  level: number,
): [number, number][][] {
  const segments: [number, number][][] = []
  for (let j = 0; j + 1 < ys.length; j++) {
    for (let i = 0; i + 1 < xs.length; i++) {
      const z00 = z[j]?.[i]
      const z10 = z[j]?.[i + 1]
      const z11 = z[j + 1]?.[i + 1]
      const z01 = z[j + 1]?.[i]
      if (![z00, z10, z11, z01].every(Number.isFinite)) continue
      const code =
        (z00 > level ? 1 : 0) | (z10 > level ? 2 : 0) | (z11 > level ? 4 : 0) | (z01 > level ? 8 : 0)
      if (code === 0 || code === 15) continue
      const x0 = xs[i]
      const x1 = xs[i + 1]
      const y0 = ys[j]
      const y1 = ys[j + 1]
      const t = (a: number, b: number) => (level - a) / (b - a)
      // Crossing points on the four edges: bottom (00-10), right (10-11), top (01-11), left (00-01).
      const bottom = (): [number, number] => [x0 + (x1 - x0) * t(z00, z10), y0]
      const right = (): [number, number] => [x1, y0 + (y1 - y0) * t(z10, z11)]
      const top = (): [number, number] => [x0 + (x1 - x0) * t(z01, z11), y1]
      const left = (): [number, number] => [x0, y0 + (y1 - y0) * t(z00, z01)]
      const centreAbove = (z00 + z10 + z11 + z01) / 4 > level
      switch (code) {
        case 1:
        case 14:
          segments.push([left(), bottom()])
          break
        case 2:
        case 13:
          segments.push([bottom(), right()])
          break
        case 3:
        case 12:
          segments.push([left(), right()])
          break
        case 4:
        case 11:
          segments.push([top(), right()])
          break
        case 6:
        case 9:
          segments.push([bottom(), top()])
          break
        case 7:
        case 8:
          segments.push([left(), top()])
          break
        case 5:
          if (centreAbove) segments.push([left(), top()], [bottom(), right()])
          else segments.push([left(), bottom()], [top(), right()])
          break
        case 10:
          if (centreAbove) segments.push([left(), bottom()], [top(), right()])
          else segments.push([left(), top()], [bottom(), right()])
          break
      }
    }
  }
  return segments
}
