import type { ChartText, RenderedChart } from './chart.types';
import {
  checkId,
  COLOURS,
  escapeXml,
  formatNumber,
  niceScale,
  px,
  seriesColour,
  svgOpen,
  ticks,
} from './svg';

export interface LineSeries {
  name: string;
  /** One per x label; `null` leaves a gap (no data for that period). */
  values: (number | null)[];
}

export interface LineChartInput extends ChartText {
  /** The periods along the bottom, oldest first, e.g. week commencing dates. */
  xLabels: string[];
  /** Heading of the period column in the table. */
  xLabel: string;
  series: LineSeries[];
  format?: (value: number) => string;
  /** Fix the top of the scale (say, 1 for shares) instead of fitting the data. */
  max?: number;
  /** A horizontal reference line (say, a target share), labelled in the legend. */
  target?: { value: number; label: string };
}

const WIDTH = 640;
const LEFT = 56;
const RIGHT = 16;
const TOP = 12;
const PLOT_HEIGHT = 220;
const X_AXIS = 40;
const LEGEND_ROW = 22;
/** Dash patterns so that series differ by more than colour. */
const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 4'];

/** A trend over time: one line per series with a marker at each point, a legend, gridlines on round numbers. */
export function renderLineChart(input: LineChartInput): RenderedChart {
  const id = checkId(input.id);
  const format = input.format ?? formatNumber;
  for (const series of input.series) {
    if (series.values.length !== input.xLabels.length) {
      throw new Error(
        `series ${series.name} has ${series.values.length} values for ${input.xLabels.length} periods`,
      );
    }
  }
  const all = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale =
    input.max !== undefined ? niceScale(input.max) : niceScale(Math.max(0, ...all, input.target?.value ?? 0));
  const legendRows = input.series.length + (input.target ? 1 : 0);
  const height = TOP + PLOT_HEIGHT + X_AXIS + legendRows * LEGEND_ROW;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const n = input.xLabels.length;
  const x = (i: number): number => LEFT + (n <= 1 ? plotWidth / 2 : (i / (n - 1)) * plotWidth);
  const y = (v: number): number => TOP + PLOT_HEIGHT - (Math.min(v, scale.max) / scale.max) * PLOT_HEIGHT;
  const bottom = TOP + PLOT_HEIGHT;

  const parts: string[] = [svgOpen(id, WIDTH, height, input.title, input.description)];
  for (const t of ticks(scale)) {
    parts.push(
      `<line x1="${LEFT}" y1="${px(y(t))}" x2="${WIDTH - RIGHT}" y2="${px(y(t))}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${LEFT - 6}" y="${px(y(t) + 5)}" text-anchor="end" fill="${COLOURS.secondaryText}">${escapeXml(format(t))}</text>`,
    );
  }
  // Label at most about eight periods so they never overlap; the table lists all of them.
  const every = Math.max(1, Math.ceil(n / 8));
  input.xLabels.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    parts.push(
      `<text x="${px(x(i))}" y="${px(bottom + 20)}" text-anchor="middle" fill="${COLOURS.secondaryText}">${escapeXml(label)}</text>`,
    );
  });
  if (input.target) {
    parts.push(
      `<line x1="${LEFT}" y1="${px(y(input.target.value))}" x2="${WIDTH - RIGHT}" y2="${px(y(input.target.value))}" stroke="${COLOURS.target}" stroke-width="2" stroke-dasharray="6 4"/>`,
    );
  }
  input.series.forEach((series, s) => {
    const colour = seriesColour(s);
    const dash = DASHES[s % DASHES.length] ?? '';
    const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
    // A gap (null) breaks the line into segments rather than drawing through missing data.
    let segment: string[] = [];
    const flush = (): void => {
      if (segment.length > 1) {
        parts.push(
          `<polyline points="${segment.join(' ')}" fill="none" stroke="${colour}" stroke-width="3"${dashAttr}/>`,
        );
      }
      segment = [];
    };
    series.values.forEach((value, i) => {
      if (value === null) return flush();
      segment.push(`${px(x(i))},${px(y(value))}`);
    });
    flush();
    series.values.forEach((value, i) => {
      if (value === null) return;
      parts.push(marker(s, x(i), y(value), colour));
    });
  });
  parts.push(
    `<line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - RIGHT}" y2="${bottom}" stroke="${COLOURS.text}" stroke-width="1"/>`,
  );
  let legendY = bottom + X_AXIS + 4;
  input.series.forEach((series, s) => {
    const dash = DASHES[s % DASHES.length] ?? '';
    parts.push(
      `<line x1="${LEFT}" y1="${px(legendY)}" x2="${LEFT + 28}" y2="${px(legendY)}" stroke="${seriesColour(s)}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      marker(s, LEFT + 14, legendY, seriesColour(s)),
      `<text x="${LEFT + 36}" y="${px(legendY + 5)}" fill="${COLOURS.text}">${escapeXml(series.name)}</text>`,
    );
    legendY += LEGEND_ROW;
  });
  if (input.target) {
    parts.push(
      `<line x1="${LEFT}" y1="${px(legendY)}" x2="${LEFT + 28}" y2="${px(legendY)}" stroke="${COLOURS.target}" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${LEFT + 36}" y="${px(legendY + 5)}" fill="${COLOURS.text}">${escapeXml(`${input.target.label}: ${format(input.target.value)}`)}</text>`,
    );
  }
  parts.push('</svg>');

  return {
    svg: parts.join(''),
    table: {
      caption: input.title,
      head: [input.xLabel, ...input.series.map((s) => s.name)],
      rows: input.xLabels.map((label, i) => [
        label,
        ...input.series.map((s) => {
          const value = s.values[i];
          return value === null || value === undefined ? 'no data' : format(value);
        }),
      ]),
      numeric: [false, ...input.series.map(() => true)],
    },
  };
}

/** A point marker whose shape differs per series (circle, square, diamond, …). */
function marker(series: number, cx: number, cy: number, colour: string): string {
  const shape = series % 3;
  if (shape === 0) return `<circle cx="${px(cx)}" cy="${px(cy)}" r="4" fill="${colour}"/>`;
  if (shape === 1) {
    return `<rect x="${px(cx - 4)}" y="${px(cy - 4)}" width="8" height="8" fill="${colour}"/>`;
  }
  return `<polygon points="${px(cx)},${px(cy - 5)} ${px(cx + 5)},${px(cy)} ${px(cx)},${px(cy + 5)} ${px(cx - 5)},${px(cy)}" fill="${colour}"/>`;
}
