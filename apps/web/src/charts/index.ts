export * from './chart.types';
export { renderBarChart } from './bar-chart';
export type { BarChartInput } from './bar-chart';
export { renderLineChart } from './line-chart';
export type { LineChartInput, LineSeries } from './line-chart';
export { renderFunnelChart } from './funnel-chart';
export type { FunnelChartInput } from './funnel-chart';
export { csvFileName, tableToCsv } from './csv';
export { escapeXml, formatNumber, formatPercent, niceScale } from './svg';
