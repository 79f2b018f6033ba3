/** Small, pure helpers shared by the chart renderers. Nothing here touches the DOM or I/O. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in SVG/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A chart id safe to use in `id` attributes; anything else is a programming error, so it throws. */
export function checkId(id: string): string {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(id)) {
    throw new Error(`chart id must be lower-case letters, digits and dashes, starting with a letter: ${id}`);
  }
  return id;
}

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** 1,234.5 */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** 0.953 → 95.3% */
export function formatPercent(share: number): string {
  return PERCENT.format(share);
}

/** Rounds a coordinate so the markup stays short and stable (tests compare it). */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * A "nice" upper bound and tick step for an axis from 0 to at least `max`: steps of 1, 2 or 5 × 10^n, so the
 * gridlines fall on round numbers. A zero or empty range still gets an axis (0 to 1).
 */
export function niceScale(max: number, targetTicks = 5): { max: number; step: number } {
  if (!Number.isFinite(max) || max <= 0) return { max: 1, step: 0.2 };
  const rough = max / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** The gridline values of a scale, 0 to its max, rounded so that float steps (0.2, 0.1) print cleanly. */
export function ticks(scale: { max: number; step: number }): number[] {
  const values: number[] = [];
  for (let tick = 0; tick <= scale.max + 1e-9; tick += scale.step) values.push(Math.round(tick * 1e6) / 1e6);
  return values;
}

/** Keeps a label on one line; the table beside the chart always has the full text. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The opening of every chart: a described image, sized by its viewBox so it scales with its container. */
export function svgOpen(
  id: string,
  width: number,
  height: number,
  title: string,
  description: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="${id}" role="img" ` +
    `viewBox="0 0 ${width} ${height}" width="100%" aria-labelledby="${id}-title ${id}-desc" ` +
    `font-family="GDS Transport, arial, sans-serif" font-size="14">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`
  );
}

/**
 * GOV.UK colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics). Series are also told
 * apart by pattern (dashes, markers), never by colour alone (WCAG 1.4.1).
 */
export const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  grid: '#b1b4b6',
  series: ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#912b88'],
  target: '#0b0c0c',
} as const;

/** Colour of the n-th series, cycling. */
export function seriesColour(index: number): string {
  return COLOURS.series[index % COLOURS.series.length] ?? COLOURS.series[0];
}
