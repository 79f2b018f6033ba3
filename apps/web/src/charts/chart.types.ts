/**
 * What every chart renders to: an SVG for people who can see it, and the same numbers as a table for people
 * who cannot (screen readers, zoomed text, copying the figures). Pages show the two side by side; the CSV
 * download is the table again.
 */
export interface RenderedChart {
  /** An `<svg role="img">` with its own `<title>` and `<desc>`; every piece of text in it is escaped. */
  svg: string;
  table: DataTable;
}

/** One table of figures, as text cells: the page renders it as a GOV.UK table and the CSV export as rows. */
export interface DataTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Per column: right-align it as a number (GOV.UK `govuk-table__cell--numeric`). */
  numeric: boolean[];
}

/** A labelled value; `null` is a value that is not shown (suppressed, or not known yet). */
export interface Datum {
  label: string;
  value: number | null;
}

/** What every chart is told about itself: ids must be unique on the page, title and description are read out. */
export interface ChartText {
  /** Unique on the page; used to link the SVG to its title and description. Letters, digits and dashes. */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows and what stands out. */
  description: string;
}
