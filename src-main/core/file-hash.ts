import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

/** SHA-256 of a file's bytes as 64 hex digits, streamed (constant memory whatever the size). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Remembers file hashes by path, size and modification time, so autosaves do not re-read big files. */
export class FileHashCache {
  private readonly cache = new Map<string, { key: string; sha256: string }>()

  /** Size and SHA-256 of the file, reusing the last hash while size and mtime are unchanged. */
  async get(path: string): Promise<{ bytes: number; sha256: string }> {
    const s = await stat(path)
    const key = `${s.size}:${s.mtimeMs}`
    const hit = this.cache.get(path)
    if (hit?.key === key) return { bytes: s.size, sha256: hit.sha256 }
    const sha256 = await sha256File(path)
    this.cache.set(path, { key, sha256 })
    return { bytes: s.size, sha256 }
  }
}
