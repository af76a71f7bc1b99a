import { CustomChart, LineChart } from 'echarts/charts'
import {
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components'
import { init, use, type EChartsCoreOption } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

// What a chart file needs, registered where it is drawn: the renderer's vector exports and report, and
// the CLI's --plot and --report (Node, no DOM). Zoom and tooltips draw nothing in a file, but options
// built for the screen carry them, so they are registered to be read silently.
use([
  CustomChart,
  LineChart,
  DataZoomComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  SVGRenderer,
])

export interface ChartSize {
  width: number
  height: number
}

/**
 * SVG document of an option (ECharts' SVG renderer: vector, text stays text). Rendered server-side style
 * (`ssr`): no DOM element is needed, so the same code serves exports, the report, the CLI and tests.
 */
export function renderSvg(option: EChartsCoreOption, size: ChartSize): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption({ ...option, animation: false })
    const svg = chart.renderToSVGString()
    return svg.startsWith('<?xml') ? svg : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`
  } finally {
    chart.dispose()
  }
}

/** Title of an exported chart from the parts that exist: "danish.csv · loss · Gamma (k = …) — Density". */
export function chartTitle(parts: {
  file?: string | null
  column?: string | null
  fit?: string | null
  chart: string
}): string {
  const head = [parts.file, parts.column, parts.fit].filter((p): p is string => !!p && p.trim() !== '')
  return head.length ? `${head.join(' · ')} — ${parts.chart}` : parts.chart
}
