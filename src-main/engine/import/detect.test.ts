import { describe, expect, it } from 'vitest'
import { ImportError } from '../errors'
import { checkText, detectFormat, detectLineEnding, sniffEncoding } from './detect'

const bytes = (...b: number[]) => Uint8Array.from(b)
const utf16 = (text: string, bigEndian: boolean) => {
  const out = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8
  }
  return out
}

describe('sniffEncoding', () => {
  it.each([
    ['UTF-8 BOM', bytes(0xef, 0xbb, 0xbf, 0x61), 'utf-8', 3],
    ['UTF-16 LE BOM', bytes(0xff, 0xfe, 0x61, 0), 'utf-16le', 2],
    ['UTF-16 BE BOM', bytes(0xfe, 0xff, 0, 0x61), 'utf-16be', 2],
    ['UTF-16 LE without BOM', utf16('x,y\n1,2\n3,4\n', false), 'utf-16le', 0],
    ['UTF-16 BE without BOM', utf16('x,y\n1,2\n3,4\n', true), 'utf-16be', 0],
    ['plain ASCII', new TextEncoder().encode('x,y\n1,2\n'), 'utf-8', 0],
    ['UTF-8 cut inside a character', new TextEncoder().encode('a,é').subarray(0, 3), 'utf-8', 0],
    ['Windows-1252 bytes', bytes(0x63, 0x61, 0x66, 0xe9, 0x2c, 0x80), 'windows-1252', 0],
  ])('%s', (_, head, encoding, bomBytes) => {
    expect(sniffEncoding(head, 'f.csv')).toEqual({ encoding, bomBytes })
  })

  it.each([
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), /looks like a PNG image/],
    [bytes(0x50, 0x4b, 0x03, 0x04, 0x14), /Excel workbook \(\.xlsx\)/],
    [bytes(0x25, 0x50, 0x44, 0x46, 0x2d), /PDF document/],
    [bytes(0x1f, 0x8b, 0x08), /gzip-compressed/],
    [bytes(0x61, 0x62, 0, 0x63, 0x64, 0x65, 0x66, 0x67), /binary data \(NUL bytes, first at byte 3\)/],
  ])('refuses binary data %#', (head, message) => {
    expect(() => sniffEncoding(head, 'f.csv')).toThrow(ImportError)
    expect(() => sniffEncoding(head, 'f.csv')).toThrow(message)
  })
})

describe('checkText', () => {
  it('accepts tabs and line breaks, refuses control characters', () => {
    expect(() => checkText('a\tb\r\n1\t2\n', 'f.csv')).not.toThrow()
    expect(() => checkText('ab\u0001\u0002cd', 'f.csv')).toThrow(
      /2 of its first 6 characters are control characters \(first at character 3\)/,
    )
  })
})

describe('detectLineEnding', () => {
  it.each([
    ['a\nb\nc', 'LF'],
    ['a\r\nb\r\nc', 'CRLF'],
    ['a\rb\rc', 'CR'],
    ['a,b', 'none'],
    ['a\r\nb\r\nc\n', 'CRLF'],
  ])('%j is %s', (text, ending) => {
    expect(detectLineEnding(text)).toBe(ending)
  })
})

describe('detectFormat', () => {
  it.each([
    ['x,y\n1,2\n3,4\n', ',', 'point', true],
    ['x;y\n1,5;2,25\n', ';', 'comma', true],
    ['x;y\n1.5;2\n3.5;4\n', ';', 'point', true],
    ['x\ty\n1,5\t2\n', '\t', 'comma', true],
    ['a|b|c\n1|2|3\n', '|', 'point', true],
    ['1,2\n3,4\n', ',', 'point', false],
    ['name,city\nann,rome\nbob,oslo\n', ',', 'point', true],
    ['"a,b",c\n"1,5",2\n', ',', 'comma', true],
    ['height,weight\n', ',', 'point', true],
  ])('%j: delimiter %j, decimal %s, header %s', (text, delimiter, decimal, header) => {
    expect(detectFormat(text, true, {})).toMatchObject({ delimiter, decimal, header })
  })

  it('keeps the settings the user gave', () => {
    const guess = detectFormat('x;y\n1,5;2,25\n', true, { delimiter: ',', decimal: 'point', header: false })
    expect(guess).toMatchObject({ delimiter: ',', decimal: 'point', header: false })
  })

  it('reports the most common field count and the row size for the memory estimate', () => {
    const guess = detectFormat('a,b,c\n1,2,3\n4,5,6\n7,8\n', true, {})
    expect(guess.fields).toBe(3)
    expect(guess.charsPerRow).toBeCloseTo(22 / 4, 12)
  })
})
