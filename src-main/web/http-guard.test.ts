import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { checkOrigin, checkToken } from './http-guard'

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('checkOrigin', () => {
  it.each([
    [{ host: '127.0.0.1:5000' }, null],
    [{ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000' }, null],
    [{ host: 'localhost:5000' }, 403],
    [{ host: 'evil.example:5000' }, 403],
    [{ host: '127.0.0.1:5001' }, 403],
    [{ host: '127.0.0.1:5000', origin: 'http://evil.example' }, 403],
    [{}, 403],
  ])('%o -> %s', (headers, status) => {
    expect(checkOrigin(req(headers), '127.0.0.1', 5000)?.status ?? null).toBe(status)
  })
})

describe('checkToken', () => {
  const url = (q = '') => new URL(`http://127.0.0.1:1/api/x${q}`)
  it('accepts the token in the header, and in the query only where allowed (the event stream)', () => {
    expect(checkToken(req({ 'x-mle-token': 'abc' }), url(), 'abc')).toBeNull()
    expect(checkToken(req({}), url('?token=abc'), 'abc', true)).toBeNull()
    expect(checkToken(req({}), url('?token=abc'), 'abc')?.status).toBe(401)
  })
  it('answers 401 without a token and 403 with a wrong one', () => {
    expect(checkToken(req({}), url(), 'abc')?.status).toBe(401)
    expect(checkToken(req({ 'x-mle-token': 'abd' }), url(), 'abc')?.status).toBe(403)
    expect(checkToken(req({ 'x-mle-token': 'abcd' }), url(), 'abc')?.status).toBe(403)
  })
})
