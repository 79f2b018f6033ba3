import { stringify } from 'csv-stringify/sync';
import type { DataTable } from './chart.types';

/**
 * A table as CSV (RFC 4180, CRLF line ends, a header row). A cell that a spreadsheet would run as a formula
 * (starting =, +, -, @, tab or carriage return) is prefixed with an apostrophe, so opening a download can never
 * execute anything (OWASP "CSV injection"); negative numbers are written the same way, which spreadsheets show
 * as text, an acceptable price for a dashboard that has none.
 */
export function tableToCsv(table: Pick<DataTable, 'head' | 'rows'>): string {
  return stringify(
    [table.head, ...table.rows].map((row) => row.map(neutralise)),
    { record_delimiter: '\r\n' },
  );
}

function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A download file name from a table's caption: lower-case words joined by dashes, `.csv`. */
export function csvFileName(caption: string): string {
  const slug = caption
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'table'}.csv`;
}
