const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Decodes a `data:image/png;base64,` URL, refusing anything that is not a PNG. */
export function decodePngDataUrl(dataUrl: string): Buffer {
  const prefix = 'data:image/png;base64,'
  if (!dataUrl.startsWith(prefix)) throw new Error('Not a PNG data URL.')
  const bytes = Buffer.from(dataUrl.slice(prefix.length), 'base64')
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new Error('The data is not a PNG image.')
  return bytes
}

/** Decodes a chart export's data URL: a PNG (checked as above) or a PDF (it must start with `%PDF-`). */
export function decodeChartDataUrl(dataUrl: string): Buffer {
  const pdf = 'data:application/pdf;base64,'
  if (!dataUrl.startsWith(pdf)) return decodePngDataUrl(dataUrl)
  const bytes = Buffer.from(dataUrl.slice(pdf.length), 'base64')
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('The data is not a PDF document.')
  return bytes
}
