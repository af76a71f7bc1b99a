import { describe, expect, it } from 'vitest'
import { formBoundary, formFile } from './form-body'

const BOUNDARY = '----WebKitFormBoundaryJ5B9aK1rJOAz7eOA'
const file = Buffer.from('a,b\n1,2\n3,4\n\r\n--not-the-boundary\r\n')

/** A form body as Chromium writes it for one file field. */
function body(content: Buffer, boundary = BOUNDARY): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
}

/** The file's bytes taken from `whole` arriving in pieces of `piece` bytes. */
function unwrap(whole: Buffer, size: number, piece: number): Buffer {
  const form = formFile(BOUNDARY, size)
  const out: Buffer[] = []
  for (let at = 0; at < whole.length; at += piece) {
    const got = form.take(whole.subarray(at, at + piece))
    if (got) out.push(Buffer.from(got))
  }
  form.end()
  return Buffer.concat(out)
}

describe('the upload form', () => {
  it('gives exactly the file, however the body is cut into pieces', () => {
    const whole = body(file)
    for (const piece of [1, 2, 3, 7, 64, 1000]) expect(unwrap(whole, file.length, piece)).toEqual(file)
    expect(unwrap(body(Buffer.alloc(0)), 0, 5)).toEqual(Buffer.alloc(0))
  })

  it('refuses a body that is not one file field of the declared size, before storing past it', () => {
    expect(() => unwrap(body(file), file.length - 1, 8)).toThrow(/not one file field of the declared size/)
    expect(() => unwrap(body(file, 'other'), file.length, 8)).toThrow(/not one file field/)
    expect(() => formFile(BOUNDARY, 4).take(Buffer.alloc(17 * 1024, 45))).toThrow(/not one file field/)
    const wrongEnd = Buffer.concat([body(file).subarray(0, -8), Buffer.from('xxxxxxxx')])
    expect(() => unwrap(wrongEnd, file.length, 8)).toThrow(/not one file field/)
  })

  it('says a body that ends early was cut off', () => {
    const whole = body(file)
    expect(() => unwrap(whole.subarray(0, whole.length - 30), file.length, 8)).toThrow(/cut off/)
    expect(() => unwrap(whole.subarray(0, 20), file.length, 8)).toThrow(/cut off/)
  })

  it('reads the boundary of a multipart Content-Type only', () => {
    expect(formBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY)
    expect(formBoundary('multipart/form-data; boundary="a b"')).toBe('a b')
    expect(formBoundary('application/octet-stream')).toBeNull()
    expect(formBoundary(undefined)).toBeNull()
    expect(formBoundary('multipart/form-data')).toBeNull()
  })
})
