import type { ChartText, Datum, RenderedChart } from './chart.types';
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
  truncate,
} from './svg';

export interface BarChartInput extends ChartText {
  data: Datum[];
  /** Heading of the value column in the table, e.g. "Open cases". */
  valueLabel: string;
  /** Heading of the label column in the table, e.g. "Stage". */
  categoryLabel: string;
  /** How a value is written on the bar and in the table; plain numbers by default. */
  format?: (value: number) => string;
  /** What a `null` value says instead (default "not available"); the bar is left out. */
  missingText?: string;
  /** A reference line across the bars (say, a target), labelled. */
  target?: { value: number; label: string };
}

const WIDTH = 640;
const LABEL_WIDTH = 210;
const VALUE_ROOM = 80;
const BAR = 24;
const GAP = 12;
const TOP = 8;
const AXIS = 28;

/**
 * A horizontal bar chart: one bar per category, values written at the end of each bar, gridlines on round
 * numbers. Horizontal because the categories (stages, groups) have long names that must stay readable.
 */
export function renderBarChart(input: BarChartInput): RenderedChart {
  const id = checkId(input.id);
  const format = input.format ?? formatNumber;
  const missing = input.missingText ?? 'not available';
  const values = input.data.map((d) => d.value ?? 0);
  const scale = niceScale(Math.max(0, ...values, input.target?.value ?? 0));
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const x = (value: number): number => LABEL_WIDTH + (value / scale.max) * plotWidth;
  const legend = input.target ? 24 : 0;
  const height = TOP + input.data.length * (BAR + GAP) + AXIS + legend;
  const plotBottom = TOP + input.data.length * (BAR + GAP);

  const parts: string[] = [svgOpen(id, WIDTH, height, input.title, input.description)];
  for (const tick of ticks(scale)) {
    parts.push(
      `<line x1="${px(x(tick))}" y1="${TOP}" x2="${px(x(tick))}" y2="${px(plotBottom)}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${px(x(tick))}" y="${px(plotBottom + 18)}" text-anchor="middle" fill="${COLOURS.secondaryText}">${escapeXml(format(tick))}</text>`,
    );
  }
  input.data.forEach((datum, index) => {
    const y = TOP + index * (BAR + GAP);
    const middle = y + BAR / 2 + 5;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${px(middle)}" text-anchor="end" fill="${COLOURS.text}">${escapeXml(truncate(datum.label, 28))}</text>`,
    );
    if (datum.value === null) {
      parts.push(
        `<text x="${LABEL_WIDTH + 4}" y="${px(middle)}" fill="${COLOURS.secondaryText}" font-style="italic">${escapeXml(missing)}</text>`,
      );
      return;
    }
    const end = x(Math.max(0, datum.value));
    parts.push(
      `<rect x="${LABEL_WIDTH}" y="${px(y)}" width="${px(end - LABEL_WIDTH)}" height="${BAR}" fill="${seriesColour(0)}"/>`,
      `<text x="${px(end + 6)}" y="${px(middle)}" fill="${COLOURS.text}" font-weight="bold">${escapeXml(format(datum.value))}</text>`,
    );
  });
  if (input.target) {
    const tx = x(input.target.value);
    parts.push(
      `<line x1="${px(tx)}" y1="${TOP - 4}" x2="${px(tx)}" y2="${px(plotBottom)}" stroke="${COLOURS.target}" stroke-width="2" stroke-dasharray="6 4"/>`,
      // The legend says what the dashed line is, in words.
      `<line x1="${LABEL_WIDTH}" y1="${px(height - 10)}" x2="${LABEL_WIDTH + 24}" y2="${px(height - 10)}" stroke="${COLOURS.target}" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${LABEL_WIDTH + 30}" y="${px(height - 5)}" fill="${COLOURS.text}">${escapeXml(`${input.target.label}: ${format(input.target.value)}`)}</text>`,
    );
  }
  parts.push(
    `<line x1="${LABEL_WIDTH}" y1="${TOP}" x2="${LABEL_WIDTH}" y2="${px(plotBottom)}" stroke="${COLOURS.text}" stroke-width="1"/>`,
    '</svg>',
  );

  const rows = input.data.map((d) => [d.label, d.value === null ? missing : format(d.value)]);
  if (input.target) rows.push([input.target.label, format(input.target.value)]);
  return {
    svg: parts.join(''),
    table: {
      caption: input.title,
      head: [input.categoryLabel, input.valueLabel],
      rows,
      numeric: [false, true],
    },
  };
}
