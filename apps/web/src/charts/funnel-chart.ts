import type { ChartText, Datum, RenderedChart } from './chart.types';
import {
  checkId,
  COLOURS,
  escapeXml,
  formatNumber,
  formatPercent,
  px,
  seriesColour,
  svgOpen,
  truncate,
} from './svg';

export interface FunnelChartInput extends ChartText {
  /** The steps in order, widest first: how many cases reached each one. `null`: not shown (suppressed). */
  steps: Datum[];
  /** Heading of the step column in the table, e.g. "Stage reached". */
  stepLabel: string;
  /** Heading of the count column, e.g. "Cases". */
  valueLabel: string;
  missingText?: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const STEP = 34;
const GAP = 8;
const TOP = 6;

/**
 * A funnel: one centred bar per step, as wide as its share of the first step, with the count and the share
 * kept from the step before written beside it. The table adds both shares (of the first and of the previous).
 */
export function renderFunnelChart(input: FunnelChartInput): RenderedChart {
  const id = checkId(input.id);
  const missing = input.missingText ?? 'not available';
  const first = input.steps[0]?.value ?? null;
  const plotWidth = WIDTH - LABEL_WIDTH - 130;
  const centre = LABEL_WIDTH + plotWidth / 2;
  const height = TOP * 2 + input.steps.length * (STEP + GAP);
  const parts: string[] = [svgOpen(id, WIDTH, height, input.title, input.description)];
  const rows: string[][] = [];
  let previous: number | null = null;
  input.steps.forEach((step, index) => {
    const y = TOP + index * (STEP + GAP);
    const middle = y + STEP / 2 + 5;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${px(middle)}" text-anchor="end" fill="${COLOURS.text}">${escapeXml(truncate(step.label, 26))}</text>`,
    );
    const ofFirst = step.value !== null && first ? step.value / first : null;
    const ofPrevious = step.value !== null && previous ? step.value / previous : null;
    if (step.value === null) {
      parts.push(
        `<text x="${px(centre)}" y="${px(middle)}" text-anchor="middle" fill="${COLOURS.secondaryText}" font-style="italic">${escapeXml(missing)}</text>`,
      );
    } else {
      // A step with cases stays visible even when tiny next to the first.
      const width = first ? Math.max(step.value > 0 ? 2 : 0, (step.value / first) * plotWidth) : 0;
      parts.push(
        `<rect x="${px(centre - width / 2)}" y="${px(y)}" width="${px(width)}" height="${STEP}" fill="${seriesColour(0)}"/>`,
        `<text x="${px(LABEL_WIDTH + plotWidth + 8)}" y="${px(middle)}" fill="${COLOURS.text}"><tspan font-weight="bold">${escapeXml(formatNumber(step.value))}</tspan>${
          ofPrevious === null ? '' : escapeXml(` (${formatPercent(ofPrevious)})`)
        }</text>`,
      );
    }
    rows.push([
      step.label,
      step.value === null ? missing : formatNumber(step.value),
      ofFirst === null ? '' : formatPercent(ofFirst),
      ofPrevious === null ? '' : formatPercent(ofPrevious),
    ]);
    if (step.value !== null) previous = step.value;
  });
  parts.push('</svg>');
  return {
    svg: parts.join(''),
    table: {
      caption: input.title,
      head: [input.stepLabel, input.valueLabel, 'Share of the first step', 'Share of the step before'],
      rows,
      numeric: [false, true, true, true],
    },
  };
}
