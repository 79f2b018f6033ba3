import { renderBarChart } from './bar-chart';
import { csvFileName, tableToCsv } from './csv';
import { renderFunnelChart } from './funnel-chart';
import { renderLineChart } from './line-chart';
import { niceScale } from './svg';
import { assertWellFormed } from '../../../../test/support/well-formed-markup';

const HOSTILE = `<script>alert("x")</script> & 'friends'`;

/** The width attribute of each <rect> in order. */
function rectWidths(svg: string): number[] {
  return [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
}

function expectDescribedImage(svg: string, id: string, title: string): void {
  expect(svg).toMatch(new RegExp(`^<svg [^>]*id="${id}" role="img"`));
  expect(svg).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
  expect(svg).toContain(`<title id="${id}-title">${title}</title>`);
  expect(svg).toContain(`<desc id="${id}-desc">`);
  // Presentation attributes only: a strict Content-Security-Policy refuses inline style attributes.
  expect(svg).not.toMatch(/\sstyle=/);
  expect(svg).not.toMatch(/<script|on[a-z]+=/i);
  assertWellFormed(svg);
}

describe('niceScale', () => {
  it.each([
    [0, 1, 0.2],
    [-3, 1, 0.2],
    [1, 1, 0.2],
    [7, 8, 2],
    [10, 10, 2],
    [95, 100, 20],
    [1234, 1500, 500],
    [0.953, 1, 0.2],
  ])('fits %p under %p in steps of %p', (max, top, step) => {
    const scale = niceScale(max);
    expect(scale.max).toBeCloseTo(top);
    expect(scale.step).toBeCloseTo(step);
  });
});

describe('renderBarChart', () => {
  const chart = renderBarChart({
    id: 'open-by-stage',
    title: 'Open cases by stage',
    description: 'Investigation holds the most open cases.',
    categoryLabel: 'Stage',
    valueLabel: 'Open cases',
    data: [
      { label: 'Questionnaire', value: 5 },
      { label: 'Investigation', value: 10 },
      { label: HOSTILE, value: 0 },
      { label: 'Suppressed group', value: null },
    ],
    missingText: 'suppressed',
  });

  it('is a described image, well formed, with every label escaped', () => {
    expectDescribedImage(chart.svg, 'open-by-stage', 'Open cases by stage');
    expect(chart.svg).not.toContain('<script>');
    expect(chart.svg).toContain('&lt;script&gt;');
  });

  it('draws bars in proportion to their values and none for a value not shown', () => {
    const [questionnaire, investigation, zero] = rectWidths(chart.svg);
    expect(rectWidths(chart.svg)).toHaveLength(3);
    expect(investigation).toBeCloseTo(2 * (questionnaire ?? 0), 0);
    expect(zero).toBe(0);
    expect(chart.svg).toContain('>suppressed</text>');
  });

  it('gives the same figures as a table, with the missing value in words', () => {
    expect(chart.table).toEqual({
      caption: 'Open cases by stage',
      head: ['Stage', 'Open cases'],
      rows: [
        ['Questionnaire', '5'],
        ['Investigation', '10'],
        [HOSTILE, '0'],
        ['Suppressed group', 'suppressed'],
      ],
      numeric: [false, true],
    });
  });

  it('draws and names a target line, and lists it in the table', () => {
    const withTarget = renderBarChart({
      id: 'sla',
      title: 'Decided within target',
      description: 'd',
      categoryLabel: 'Measure',
      valueLabel: 'Share',
      data: [{ label: 'DV cases', value: 0.9 }],
      format: (v) => `${Math.round(v * 100)}%`,
      target: { value: 0.85, label: 'Target' },
    });
    expect(withTarget.svg).toContain('stroke-dasharray="6 4"');
    expect(withTarget.svg).toContain('Target: 85%');
    expect(withTarget.table.rows).toEqual([
      ['DV cases', '90%'],
      ['Target', '85%'],
    ]);
    assertWellFormed(withTarget.svg);
  });

  it('copes with no data and refuses an id that could break the markup', () => {
    const empty = renderBarChart({
      id: 'empty',
      title: 't',
      description: 'd',
      categoryLabel: 'c',
      valueLabel: 'v',
      data: [],
    });
    assertWellFormed(empty.svg);
    expect(empty.table.rows).toEqual([]);
    expect(() =>
      renderBarChart({
        id: 'x" onload="y',
        title: 't',
        description: 'd',
        categoryLabel: 'c',
        valueLabel: 'v',
        data: [],
      }),
    ).toThrow(/chart id/);
  });
});

describe('renderLineChart', () => {
  const chart = renderLineChart({
    id: 'trend',
    title: 'Cases opened and decided each week',
    description: 'More decided than opened since March.',
    xLabel: 'Week starting',
    xLabels: ['2 Mar', '9 Mar', '16 Mar', '23 Mar'],
    series: [
      { name: 'Opened', values: [4, 6, null, 8] },
      { name: HOSTILE, values: [1, 2, 3, 4] },
    ],
    target: { value: 5, label: 'Plan' },
  });

  it('is a described image, well formed, with series names escaped', () => {
    expectDescribedImage(chart.svg, 'trend', 'Cases opened and decided each week');
    expect(chart.svg).toContain('&lt;script&gt;');
  });

  it('breaks a line at a gap instead of drawing through missing data, and marks every point', () => {
    const polylines = [...chart.svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]?.split(' '));
    // Opened: one segment of two points before the gap (the lone point after it is only a marker); the other
    // series: one segment of four.
    expect(polylines.map((p) => p?.length)).toEqual([2, 4]);
    const markers = (chart.svg.match(/<(circle|rect|polygon) /g) ?? []).length;
    // Seven points, plus one marker per series in the legend.
    expect(markers).toBe(7 + 2);
  });

  it('tells series apart by pattern as well as colour', () => {
    expect(chart.svg).toMatch(/<polyline [^>]*stroke-dasharray="8 4"/);
    expect(chart.svg).toContain('Plan: 5');
  });

  it('lists every period in the table, with gaps in words', () => {
    expect(chart.table.head).toEqual(['Week starting', 'Opened', HOSTILE]);
    expect(chart.table.rows[2]).toEqual(['16 Mar', 'no data', '3']);
    expect(chart.table.numeric).toEqual([false, true, true]);
  });

  it('refuses a series whose length does not match the periods', () => {
    expect(() =>
      renderLineChart({
        id: 'bad',
        title: 't',
        description: 'd',
        xLabel: 'x',
        xLabels: ['a', 'b'],
        series: [{ name: 's', values: [1] }],
      }),
    ).toThrow(/1 values for 2 periods/);
  });

  it('draws a single period in the middle and keeps a fixed scale when asked', () => {
    const one = renderLineChart({
      id: 'one',
      title: 't',
      description: 'd',
      xLabel: 'x',
      xLabels: ['only'],
      series: [{ name: 's', values: [0.5] }],
      max: 1,
    });
    assertWellFormed(one.svg);
    expect(one.svg).toContain('<circle cx="340"');
  });
});

describe('renderFunnelChart', () => {
  const chart = renderFunnelChart({
    id: 'funnel',
    title: 'How far cases got',
    description: 'Half the applications reached investigation.',
    stepLabel: 'Stage reached',
    valueLabel: 'Cases',
    steps: [
      { label: 'Applied', value: 40 },
      { label: 'Questionnaire accepted', value: 30 },
      { label: 'Investigation', value: null },
      { label: 'Decided', value: 15 },
    ],
    missingText: 'suppressed',
  });

  it('is a described image with bars as wide as their share of the first step', () => {
    expectDescribedImage(chart.svg, 'funnel', 'How far cases got');
    const [applied, accepted, decided] = rectWidths(chart.svg);
    expect((accepted ?? 0) / (applied ?? 1)).toBeCloseTo(0.75);
    expect((decided ?? 0) / (applied ?? 1)).toBeCloseTo(0.375);
    expect(chart.svg).toContain('>suppressed</text>');
  });

  it('gives shares of the first and of the previous shown step in the table', () => {
    expect(chart.table.rows).toEqual([
      ['Applied', '40', '100%', ''],
      ['Questionnaire accepted', '30', '75%', '75%'],
      ['Investigation', 'suppressed', '', ''],
      ['Decided', '15', '37.5%', '50%'],
    ]);
  });
});

describe('tableToCsv', () => {
  it('writes a header and rows with CRLF, quoting what needs quoting', () => {
    const csv = tableToCsv({
      head: ['Group', 'Count'],
      rows: [
        ['White, British', '25'],
        ['Said "no"', 'suppressed'],
      ],
    });
    expect(csv).toBe('Group,Count\r\n"White, British",25\r\n"Said ""no""",suppressed\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = tableToCsv({
      head: ['a'],
      rows: [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)'], ['ok']],
    });
    expect(csv.split('\r\n')).toEqual(['a', `"'=HYPERLINK(""x"")"`, "'+1", "'-2", "'@SUM(A1)", 'ok', '']);
  });

  it('names the file after the caption', () => {
    expect(csvFileName('Open cases by stage')).toBe('open-cases-by-stage.csv');
    expect(csvFileName('<>')).toBe('table.csv');
  });
});
