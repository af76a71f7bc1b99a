import { open } from 'node:fs/promises'

/** Random-access reads from a file (an interface so tests can inject I/O failures). */
export interface ByteSource {
  /** Reads into `buffer` from byte `position`; resolves to the bytes read (0 at end of file). */
  read(buffer: Uint8Array, position: number): Promise<number>
  close(): Promise<void>
}

/** Opens `path` read-only as a ByteSource. */
export async function openFileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r')
  return {
    async read(buffer, position) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      return bytesRead
    },
    close: () => handle.close(),
  }
}
