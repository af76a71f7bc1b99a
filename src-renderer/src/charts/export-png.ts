import type { EChartsCoreOption } from 'echarts/core'
import { init } from './echarts-setup'

/** Size of exported charts in CSS pixels; the PNG is twice that (pixel ratio 2). */
export const EXPORT_SIZE = { width: 1000, height: 600 }

/**
 * Renders an option on an off-screen chart of a fixed size and returns a PNG data URL: the export does
 * not depend on the window's size, and the on-screen chart keeps its layout (no title).
 */
export function renderPng(option: EChartsCoreOption, size = EXPORT_SIZE): string {
  const host = document.createElement('div')
  const chart = init(host, undefined, { renderer: 'canvas', width: size.width, height: size.height })
  try {
    chart.setOption(option)
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
  } finally {
    chart.dispose()
  }
}
