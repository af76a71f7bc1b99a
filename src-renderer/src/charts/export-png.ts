import type { EChartsCoreOption } from 'echarts/core'
import { init } from './echarts-setup'

/** Export sizes in CSS pixels; the PNG is twice that (pixel ratio 2). */
export const PNG_SIZES = {
  small: { width: 800, height: 500 },
  medium: { width: 1000, height: 600 },
  large: { width: 1600, height: 900 },
} as const

export type PngSize = keyof typeof PNG_SIZES

/** Default export size in CSS pixels. */
export const EXPORT_SIZE = PNG_SIZES.medium

/**
 * Renders an option on an off-screen chart of a fixed size and returns a PNG data URL: the export does
 * not depend on the window's size, and the on-screen chart keeps its layout (no title).
 */
export function renderPng(
  option: EChartsCoreOption,
  size: { width: number; height: number } = EXPORT_SIZE,
): string {
  const host = document.createElement('div')
  const chart = init(host, undefined, { renderer: 'canvas', width: size.width, height: size.height })
  try {
    chart.setOption(option)
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
  } finally {
    chart.dispose()
  }
}
