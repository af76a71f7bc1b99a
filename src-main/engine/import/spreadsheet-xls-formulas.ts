/**
 * Whether an Excel 97-2003 workbook needs its formula texts read. SheetJS turns every formula into text
 * when asked (`cellFormula`), a quarter of the read on formula-heavy sheets, and cannot be asked for some
 * rows only; the texts serve only totals detection, which needs a formula over a range (`=SUM(B2:B11)`).
 * So the Workbook stream's formula tokens are scanned first (a pass over bytes): without a range token
 * in any formula, no row can hold totals and the texts are not read.
 */

/** BIFF8 records that carry a parsed formula, with the offset of its byte count (cce) in the record. */
const CCE_OFFSET: Record<number, number> = {
  0x0006: 20, // FORMULA: row, column, format, cached result, flags, chain
  0x04bc: 8, // SHRFMLA: range, reserved, use count
  0x0221: 12, // ARRAY: range, flags, chain
}

/** Bytes after the token byte of the BIFF8 tokens that name no range (operators, constants, cells, calls). */
const PLAIN_TOKEN_BYTES = new Map<number, number>([
  [0x01, 4], // PtgExp: a shared formula's anchor (its SHRFMLA is scanned itself)
  [0x02, 4], // PtgTbl
  ...Array.from({ length: 0x0e }, (_, i): [number, number] => [0x03 + i, 0]), // operators 0x03-0x10 (0x11: range)
  ...[0x12, 0x13, 0x14, 0x15, 0x16].map((t): [number, number] => [t, 0]), // unary, paren, missing arg
  [0x1c, 1], // PtgErr
  [0x1d, 1], // PtgBool
  [0x1e, 2], // PtgInt
  [0x1f, 8], // PtgNum
])

/** Classed tokens (0x20-0x7f, by their low five bits) that name no range, and their sizes. */
const PLAIN_CLASSED_BYTES = new Map<number, number>([
  [0x01, 2], // PtgFunc
  [0x02, 3], // PtgFuncVar
  [0x03, 4], // PtgName
  [0x04, 4], // PtgRef
  [0x0a, 4], // PtgRefErr
  [0x0c, 4], // PtgRefN
  [0x19, 6], // PtgNameX
  [0x1a, 6], // PtgRef3d
  [0x1c, 6], // PtgRefErr3d
])

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8)

/**
 * True unless every token of `rgce` is known and none names a range (an area, a range operator, a string
 * or attribute this scan does not size): unknown is "may", so a totals row is never missed.
 */
function mayNameRange(b: Uint8Array, start: number, end: number): boolean {
  let i = start
  while (i < end) {
    const t = b[i++]
    if (t === 0x17) {
      // PtgStr: length, flags (bit 0: two bytes per character), characters.
      i += 2 + b[i] * (b[i + 1] & 1 ? 2 : 1)
      continue
    }
    if (t === 0x19) {
      // PtgAttr: flags, a word; tAttrChoose (0x04) is followed by its jump table.
      const flags = b[i]
      i += 3 + (flags & 0x04 ? (u16(b, i + 1) + 1) * 2 : 0)
      continue
    }
    const size =
      t < 0x20 ? PLAIN_TOKEN_BYTES.get(t) : t < 0x80 ? PLAIN_CLASSED_BYTES.get(t & 0x1f) : undefined
    if (size === undefined) return true
    i += size
  }
  return false
}

/**
 * True when some formula of the BIFF8 Workbook stream may name a range; true as well for anything not
 * BIFF8 (BIFF5's tokens have other sizes) or a record cut short.
 */
export function mayHaveRangeFormulas(stream: Uint8Array): boolean {
  // The first record is the BOF, whose first word is the BIFF version (0x0600: BIFF8).
  if (stream.length < 8 || u16(stream, 0) !== 0x0809 || u16(stream, 4) !== 0x0600) return true
  let at = 0
  while (at + 4 <= stream.length) {
    const type = u16(stream, at)
    // FILEPASS: the records after it are encrypted.
    if (type === 0x002f) return true
    const length = u16(stream, at + 2)
    const data = at + 4
    at = data + length
    const cceAt = CCE_OFFSET[type]
    if (cceAt === undefined) continue
    if (data + cceAt + 2 > at) return true
    const rgce = data + cceAt + 2
    const end = rgce + u16(stream, data + cceAt)
    if (end > at || mayNameRange(stream, rgce, end)) return true
  }
  return false
}
