import type { EChartsCoreOption } from 'echarts/core'
import { renderSvg, type ChartSize } from '../../../src-shared/present/charts/chart-render'
import { init } from './echarts-setup'

/** Export sizes in CSS pixels (PNG at pixel ratio 2; SVG and PDF at this size in px / pt). */
export const PNG_SIZES = {
  small: { width: 800, height: 500 },
  medium: { width: 1000, height: 600 },
  large: { width: 1600, height: 900 },
} as const

export type PngSize = keyof typeof PNG_SIZES
export type ChartFormat = 'png' | 'svg' | 'pdf'

/** Default export size in CSS pixels. */
export const EXPORT_SIZE = PNG_SIZES.medium

type Size = ChartSize

/** Renders an option on an off-screen chart of a fixed size, then disposes of it. */
function offscreen<T>(option: EChartsCoreOption, size: Size, read: (c: ReturnType<typeof init>) => T): T {
  const host = document.createElement('div')
  const chart = init(host, undefined, { renderer: 'canvas', width: size.width, height: size.height })
  try {
    chart.setOption(option)
    return read(chart)
  } finally {
    chart.dispose()
  }
}

/**
 * PNG data URL of an option at a fixed size: the export does not depend on the window's size, and the
 * on-screen chart keeps its layout (no title).
 */
export function renderPng(option: EChartsCoreOption, size: Size = EXPORT_SIZE): string {
  return offscreen(option, size, (c) =>
    c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }),
  )
}

/**
 * The family a PDF's text is laid out and drawn in: DejaVu Sans under its own name, so ECharts measures every
 * label with the font the PDF embeds (laid out with the UI's narrower sans-serif, DejaVu's wider glyphs
 * overran: legend entries ran into each other, tick labels into the axes).
 */
const PDF_FONT = 'MLE Studio PDF Sans'

let pdfFontLoaded: Promise<void> | null = null

/** Registers DejaVu Sans as PDF_FONT with the page once, so canvas text measurement uses its metrics. */
function loadPdfFont(base64: string): Promise<void> {
  pdfFontLoaded ??= (async () => {
    if (typeof FontFace === 'undefined') return
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const face = await new FontFace(PDF_FONT, bytes).load()
    document.fonts.add(face)
  })()
  return pdfFontLoaded
}

/** `option` with every text in PDF_FONT (ECharts' global text style is every component's default). */
function inPdfFont(option: EChartsCoreOption): EChartsCoreOption {
  const textStyle = (option['textStyle'] ?? {}) as Record<string, unknown>
  return { ...option, textStyle: { ...textStyle, fontFamily: PDF_FONT } }
}

/**
 * ECharts writes each text's font as an inline `style` (`font-size:12px;font-family:…`), which the app's
 * Content Security Policy refuses to apply: svg2pdf, reading computed styles, drew every text at the default
 * 16px (titles, legends and tick labels alike, wider than laid out). The same values as presentation
 * attributes, which the policy allows, give each text its own size, family and weight.
 */
function fontStylesAsAttributes(svg: SVGSVGElement): void {
  for (const el of svg.querySelectorAll('[style]')) {
    for (const declaration of (el.getAttribute('style') ?? '').split(';')) {
      const colon = declaration.indexOf(':')
      const name = declaration.slice(0, colon).trim().toLowerCase()
      if (colon > 0 && /^font-(size|family|weight|style)$/.test(name))
        el.setAttribute(name, declaration.slice(colon + 1).trim())
    }
  }
}

/**
 * Vector PDF (one page the size of the chart, in points) as a data URL: the SVG rendering drawn into
 * jsPDF by svg2pdf.js, so lines and text stay vectors at any zoom and in print.
 */
export async function renderPdf(option: EChartsCoreOption, size: Size = EXPORT_SIZE): Promise<string> {
  // Loaded on first use: the PDF writer is the largest part of the export code and rarely needed.
  const { DEJAVU_SANS_BASE64 } = await import('./pdf-font')
  await loadPdfFont(DEJAVU_SANS_BASE64)
  const svgText = renderSvg(inPdfFont(option), size)
  const holder = document.createElement('div')
  // svg2pdf reads computed styles: the SVG has to be in the document while it is converted.
  holder.style.cssText = 'position:fixed;left:-10000px;top:0;visibility:hidden'
  holder.innerHTML = svgText.replace(/^<\?xml[^>]*>\s*/, '')
  document.body.appendChild(holder)
  try {
    const svg = holder.querySelector('svg')
    if (!svg) throw new Error('The chart could not be rendered as SVG.')
    fontStylesAsAttributes(svg)
    const { jsPDF } = await import('jspdf')
    await import('svg2pdf.js')
    const doc = new jsPDF({
      orientation: size.width >= size.height ? 'landscape' : 'portrait',
      unit: 'pt',
      format: [size.width, size.height],
      compress: true,
    })
    doc.addFileToVFS('DejaVuSans.ttf', DEJAVU_SANS_BASE64)
    // The text's own family, and the names svg2pdf falls back to ("helvetica" for sans-serif, "times" for
    // what it cannot place), with bold for titles, are all DejaVu Sans: no text falls back to a Latin-1 font.
    for (const family of [PDF_FONT, 'helvetica', 'times'])
      for (const style of ['normal', 'bold']) doc.addFont('DejaVuSans.ttf', family, style)
    doc.setFont('helvetica')
    await doc.svg(svg, { x: 0, y: 0, width: size.width, height: size.height })
    return doc
      .output('datauristring')
      .replace(/^data:application\/pdf;[^,]*,/, 'data:application/pdf;base64,')
  } finally {
    holder.remove()
  }
}

/** Puts a PNG data URL on the clipboard as an image (Chromium and Electron take image/png). */
export async function copyPng(dataUrl: string): Promise<void> {
  // Decoded here rather than by fetch(dataUrl), which the page's CSP (connect-src) refuses.
  const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0))
  const blob = new Blob([bytes], { type: 'image/png' })
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })])
}

/** One file-name part: letters, digits, dot, dash and underscore kept, the rest one dash; empty when missing. */
function part(value: string | null | undefined): string {
  if (value === null || value === undefined) return ''
  return value
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * File name of a chart export, from the parts that exist: `danish-loss-gamma-density-1000x600.png`.
 * Missing parts are left out, never written as "undefined"; the size is in the name so that exports of
 * one chart at several sizes do not overwrite each other.
 */
export function chartFileName(parts: {
  file?: string | null
  column?: string | null
  dist?: string | null
  chart: string
  size?: Size
  format: ChartFormat
}): string {
  const stem = (parts.file ?? '').replace(/\.[^.]+$/, '')
  const size = parts.size && parts.format === 'png' ? `${parts.size.width}x${parts.size.height}` : ''
  const name = [stem, parts.column, parts.dist, parts.chart, size].map(part).filter(Boolean).join('-')
  return `${(name || 'chart').slice(0, 200)}.${parts.format}`
}

/** What the toolbar offers: a PNG at one of three sizes, or a vector SVG or PDF at the medium size. */
export const EXPORT_CHOICES = [
  { id: 'png-small', label: 'PNG 800 × 500', format: 'png', size: PNG_SIZES.small },
  { id: 'png-medium', label: 'PNG 1000 × 600', format: 'png', size: PNG_SIZES.medium },
  { id: 'png-large', label: 'PNG 1600 × 900', format: 'png', size: PNG_SIZES.large },
  { id: 'svg', label: 'SVG (vector)', format: 'svg', size: PNG_SIZES.medium },
  { id: 'pdf', label: 'PDF (vector)', format: 'pdf', size: PNG_SIZES.medium },
] as const satisfies readonly { id: string; label: string; format: ChartFormat; size: Size }[]

export type ExportChoice = (typeof EXPORT_CHOICES)[number]['id']

/** A chart view's answer to "export what you show": the option (titled, on white) and naming parts. */
export interface ExportableChart {
  option: EChartsCoreOption
  naming: { file?: string | null; column?: string | null; dist?: string | null; chart: string }
}

/** An export ready to save: binary (PNG, PDF) as a data URL, or text (SVG). */
export type ChartFile =
  | { kind: 'binary'; dataUrl: string; suggestedName: string }
  | { kind: 'text'; text: string; suggestedName: string; mimeType: 'image/svg+xml' }

/** Renders a chart in the chosen format and size, named after what it shows and its size. */
export async function chartFile(chart: ExportableChart, choice: ExportChoice): Promise<ChartFile> {
  const c = EXPORT_CHOICES.find((e) => e.id === choice) ?? EXPORT_CHOICES[1]
  const suggestedName = chartFileName({ ...chart.naming, size: c.size, format: c.format })
  if (c.format === 'svg')
    return { kind: 'text', text: renderSvg(chart.option, c.size), suggestedName, mimeType: 'image/svg+xml' }
  const dataUrl = c.format === 'pdf' ? await renderPdf(chart.option, c.size) : renderPng(chart.option, c.size)
  return { kind: 'binary', dataUrl, suggestedName }
}
