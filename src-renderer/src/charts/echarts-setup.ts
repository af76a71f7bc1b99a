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
import { init, use } from 'echarts/core'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

// Registered once for the whole renderer; only what the charts use is bundled (histograms, cells and
// polygons are custom series; points are line series without a line). Canvas draws on screen; SVG
// renders vector exports (SVG, PDF) and the CLI's charts.
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
  CanvasRenderer,
  SVGRenderer,
])

export { init }
export type { ECharts, EChartsCoreOption } from 'echarts/core'
