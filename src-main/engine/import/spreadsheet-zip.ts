import { SaxesParser } from 'saxes'
import yauzl from 'yauzl'
import { CancelledError, ImportError } from '../errors'
import { formatBytes } from './limits'

/** Unzipped bytes a workbook may hold in all (default 4 GiB): more is refused before anything is inflated. */
export const DEFAULT_MAX_UNZIPPED_BYTES = 4 * 1024 ** 3
/** Entries above this size that inflate more than MAX_RATIO times are zip bombs, not spreadsheets. */
const RATIO_CHECK_BYTES = 100 * 1024 ** 2
const MAX_RATIO = 200
/** Zip entries at most (an xlsx has a few dozen; a million entries is an attack on the central directory). */
const MAX_ENTRIES = 100_000

/** Caps for opening a zip-based workbook. */
export interface ZipLimits {
  maxUnzippedBytes: number
}

/** Start of an XML element as the handlers see it: local name (no prefix) and raw attributes. */
export type XmlOpen = (name: string, attributes: Record<string, string>) => void

/** Handlers of one XML part: element starts and ends (local names) and text. */
export interface XmlHandlers {
  open: XmlOpen
  close: (name: string) => void
  text?: (text: string) => void
}

/** Reading control passed down from the import: cancel check and bytes gone through (unzipped). */
export interface PartControl {
  isCancelled(): boolean
  onBytes(bytes: number): void
}

/** The local name of `prefix:name` (namespace prefixes vary between writers). */
export function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** The value of the attribute whose local name is `name`, whatever its prefix. */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const plain = attributes[name]
  if (plain !== undefined) return plain
  for (const key in attributes) if (localName(key) === name) return attributes[key]
  return undefined
}

/** A zip archive (xlsx, ods) read entry by entry, each part streamed through an XML parser. */
export class ZipPackage {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly fileName: string,
  ) {}

  /** Opens the archive and reads its directory; refuses damaged archives, encryption and zip bombs. */
  static async open(path: string, fileName: string, kind: string, limits: ZipLimits): Promise<ZipPackage> {
    let zip: yauzl.ZipFile
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false })
    } catch (e) {
      throw damaged(fileName, kind, e)
    }
    try {
      if (zip.entryCount > MAX_ENTRIES) {
        throw new ImportError(
          `${fileName} is not a usable ${kind}: its zip archive lists ${zip.entryCount.toLocaleString('en-US')} files (a workbook has a few dozen).`,
        )
      }
      const entries = new Map<string, yauzl.Entry>()
      let total = 0
      for await (const entry of zip.eachEntry()) {
        total += entry.uncompressedSize
        entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry)
        checkEntry(entry, fileName, kind)
      }
      if (total > limits.maxUnzippedBytes) {
        throw new ImportError(
          `${fileName} unzips to ${formatBytes(total)}, more than the ${formatBytes(limits.maxUnzippedBytes)} MLE Studio reads from a workbook (it may be a zip bomb). Save the sheet you need as CSV and open that.`,
        )
      }
      return new ZipPackage(zip, entries, fileName)
    } catch (e) {
      zip.close()
      if (e instanceof ImportError) throw e
      throw damaged(fileName, kind, e)
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase())
  }

  /** Unzipped size of a part (0 when absent). */
  size(name: string): number {
    return this.entries.get(name.toLowerCase())?.uncompressedSize ?? 0
  }

  /** A small part's whole text (the mimetype, a manifest). */
  async text(name: string): Promise<string> {
    const stream = await this.stream(name)
    let out = ''
    for await (const chunk of stream) out += chunk as string
    return out
  }

  /**
   * Streams part `name` through a SAX parser (local names, prefixes dropped). `shouldStop` is checked
   * after each chunk: true ends the part early. Malformed XML is an ImportError naming the part.
   */
  async xml(
    name: string,
    handlers: XmlHandlers,
    control: PartControl,
    shouldStop: () => boolean = () => false,
  ): Promise<void> {
    const parser = new SaxesParser()
    parser.on('opentag', (node) =>
      handlers.open(localName(node.name), node.attributes as Record<string, string>),
    )
    parser.on('closetag', (node) => handlers.close(localName(node.name)))
    const onText = handlers.text
    if (onText) {
      parser.on('text', onText)
      parser.on('cdata', onText)
    }
    const stream = await this.stream(name)
    try {
      for await (const chunk of stream) {
        const text = chunk as string
        parser.write(text)
        control.onBytes(Buffer.byteLength(text))
        if (control.isCancelled()) throw new CancelledError(`Import of ${this.fileName} cancelled.`)
        if (shouldStop()) return
      }
      parser.close()
    } catch (e) {
      if (e instanceof ImportError || e instanceof CancelledError) throw e
      throw new ImportError(`${this.fileName} is damaged: its part ${name} cannot be read (${reasonOf(e)}).`)
    } finally {
      stream.destroy()
    }
  }

  close(): void {
    this.zip.close()
  }

  private async stream(name: string) {
    const entry = this.entries.get(name.toLowerCase())
    if (!entry) throw new ImportError(`${this.fileName} is damaged: its part ${name} is missing.`)
    try {
      const stream = await this.zip.openReadStreamPromise(entry)
      stream.setEncoding('utf8')
      return stream
    } catch (e) {
      throw new ImportError(`${this.fileName} is damaged: its part ${name} cannot be read (${reasonOf(e)}).`)
    }
  }
}

function checkEntry(entry: yauzl.Entry, fileName: string, kind: string): void {
  if (entry.isEncrypted()) {
    throw new ImportError(
      `${fileName} is password-protected (its parts are encrypted): MLE Studio cannot read it. Remove the password in your spreadsheet program, save, and open the file again.`,
    )
  }
  if (!entry.canDecodeFileData()) {
    throw new ImportError(
      `${fileName} uses a zip compression method (${entry.compressionMethod}) that MLE Studio cannot read; save it again from your spreadsheet program as ${kind}.`,
    )
  }
  const size = entry.uncompressedSize
  if (size > RATIO_CHECK_BYTES && size > MAX_RATIO * Math.max(1, entry.compressedSize)) {
    throw new ImportError(
      `${fileName} looks like a zip bomb: its part ${entry.fileName} unzips from ${formatBytes(entry.compressedSize)} to ${formatBytes(size)} (${Math.round(size / Math.max(1, entry.compressedSize))} times; spreadsheets compress about 5 to 20 times). It was not read.`,
    )
  }
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

function damaged(fileName: string, kind: string, e: unknown): ImportError {
  return new ImportError(
    `${fileName} is not a readable ${kind}: its zip archive is damaged or incomplete (${reasonOf(e)}). Open it in your spreadsheet program and save it again.`,
  )
}
