import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
// Registers the charts and components every chart uses (histograms, cells and polygons are custom series;
// points are line series without a line) and the SVG renderer, shared with the CLI.
import '../../../src-shared/present/charts/chart-render'

// Canvas draws on screen; SVG (registered by chart-render) renders vector exports and the report.
use([CanvasRenderer])

export { init }
export type { ECharts, EChartsCoreOption } from 'echarts/core'
