import type { EChartsCoreOption } from 'echarts/core'
import { use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { init } from '../../../src-renderer/src/charts/echarts-setup'

// Tests render with SVG on the server side (no DOM); the app itself only bundles the canvas renderer.
use([SVGRenderer])

/** Renders an option server-side to SVG: proves ECharts accepts the option and draws it. */
export function renderSvg(option: EChartsCoreOption, width = 800, height = 500): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption(option)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
