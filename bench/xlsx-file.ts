/**
 * The spreadsheet benchmark's input: a reproducible single-sheet .xlsx of `rows` data rows (two reals, an
 * integer, a text label from the shared-strings table), written the way Excel lays out a sheet, and the
 * same rows as CSV for comparison. Files are kept in the temp folder while they exist.
 */
import { createWriteStream, existsSync, renameSync, type WriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, createDeflateRaw } from 'node:zlib'
import { seededRandom } from '../src-main/engine/random/seeded-random'

const LABELS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006'

/** Paths of the generated pair. */
export function benchXlsxPaths(rows: number): { xlsx: string; csv: string } {
  const base = join(tmpdir(), `mle-bench-sheet-${rows}`)
  return { xlsx: `${base}.xlsx`, csv: `${base}.csv` }
}

/** Row r's cells: [x1, x2, n, label index] from a seeded uniform stream. */
function rowValues(next: () => number, r: number): [string, string, number, number] {
  return [(next() * 2000 - 1000).toFixed(5), (next() * 100).toFixed(7), r, Math.floor(next() * LABELS.length)]
}

/** Writes both files unless present; returns their paths and the xlsx's unzipped size. */
export async function ensureBenchXlsx(rows: number): Promise<{ xlsx: string; csv: string }> {
  const paths = benchXlsxPaths(rows)
  if (existsSync(paths.xlsx) && existsSync(paths.csv)) return paths
  const zip = new ZipWriter(createWriteStream(`${paths.xlsx}.part`))
  const csv = createWriteStream(`${paths.csv}.part`)
  await zip.add('[Content_Types].xml', [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  ])
  await zip.add('_rels/.rels', [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ])
  await zip.add('xl/workbook.xml', [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ])
  await zip.add('xl/_rels/workbook.xml.rels', [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ])
  const strings = ['x1', 'x2', 'n', 'label', ...LABELS]
  await zip.add('xl/sharedStrings.xml', [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
  ])
  csv.write('x1,x2,n,label\n')
  await zip.add('xl/worksheets/sheet1.xml', sheetXml(rows, csv))
  await zip.finish()
  await new Promise<void>((resolve, reject) => csv.end((e?: Error | null) => (e ? reject(e) : resolve())))
  renameSync(`${paths.xlsx}.part`, paths.xlsx)
  renameSync(`${paths.csv}.part`, paths.csv)
  return paths
}

/** The worksheet in chunks of about 1 MB, writing the same rows to the CSV as it goes. */
function* sheetXml(rows: number, csv: WriteStream): Generator<string> {
  const random = seededRandom(12345)
  const next = () => random.uniform()
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="A1:D${rows + 1}"/><sheetData><row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`
  let chunk = ''
  let lines = ''
  for (let i = 1; i <= rows; i++) {
    const r = i + 1
    const [x1, x2, n, label] = rowValues(next, i)
    chunk += `<row r="${r}" spans="1:4"><c r="A${r}"><v>${x1}</v></c><c r="B${r}"><v>${x2}</v></c><c r="C${r}"><v>${n}</v></c><c r="D${r}" t="s"><v>${4 + label}</v></c></row>`
    lines += `${x1},${x2},${n},${LABELS[label]}\n`
    if (chunk.length > 1 << 20) {
      csv.write(lines)
      yield chunk
      chunk = ''
      lines = ''
    }
  }
  csv.write(lines)
  yield `${chunk}</sheetData></worksheet>`
}

/** A minimal streaming zip writer (deflate, data descriptors, no zip64: parts stay under 4 GB). */
class ZipWriter {
  private offset = 0
  private readonly central: Buffer[] = []
  private count = 0

  constructor(private readonly out: WriteStream) {}

  private async write(data: Buffer): Promise<void> {
    this.offset += data.length
    if (!this.out.write(data)) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()))
  }

  async add(name: string, parts: Iterable<string>): Promise<void> {
    const start = this.offset
    const fileName = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0808, 6) // data descriptor follows, UTF-8 names
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(fileName.length, 26)
    await this.write(Buffer.concat([local, fileName]))
    let crc = 0
    let size = 0
    let compressed = 0
    const deflate = createDeflateRaw({ level: 6 })
    const drained = (async () => {
      for await (const piece of deflate) {
        compressed += (piece as Buffer).length
        await this.write(piece as Buffer)
      }
    })()
    for (const part of parts) {
      const data = Buffer.from(part)
      crc = crc32(data, crc)
      size += data.length
      if (!deflate.write(data)) await new Promise<void>((resolve) => deflate.once('drain', () => resolve()))
    }
    deflate.end()
    await drained
    const descriptor = Buffer.alloc(16)
    descriptor.writeUInt32LE(0x08074b50, 0)
    descriptor.writeUInt32LE(crc >>> 0, 4)
    descriptor.writeUInt32LE(compressed, 8)
    descriptor.writeUInt32LE(size, 12)
    await this.write(descriptor)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(0x0808, 8)
    entry.writeUInt16LE(8, 10)
    entry.writeUInt32LE(crc >>> 0, 16)
    entry.writeUInt32LE(compressed, 20)
    entry.writeUInt32LE(size, 24)
    entry.writeUInt16LE(fileName.length, 28)
    entry.writeUInt32LE(start, 42)
    this.central.push(entry, fileName)
    this.count++
  }

  async finish(): Promise<void> {
    const start = this.offset
    const directory = Buffer.concat(this.central)
    await this.write(directory)
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(this.count, 8)
    end.writeUInt16LE(this.count, 10)
    end.writeUInt32LE(directory.length, 12)
    end.writeUInt32LE(start, 16)
    await this.write(end)
    await new Promise<void>((resolve, reject) =>
      this.out.end((e?: Error | null) => (e ? reject(e) : resolve())),
    )
  }
}
