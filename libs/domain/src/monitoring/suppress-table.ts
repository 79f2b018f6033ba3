import type { SuppressionPolicy } from './suppression-policy';
import { DEFAULT_SUPPRESSION_POLICY, validateSuppressionPolicy } from './suppression-policy';

/** A published count: rounded, or withheld without any trace of the real number. */
export type CountCell = { readonly value: number } | { readonly suppressed: true };

/** A table of counts safe to publish, with its row totals, column totals and grand total. */
export interface SuppressedTable {
  readonly cells: CountCell[][];
  readonly rowTotals: CountCell[];
  readonly columnTotals: CountCell[];
  readonly grandTotal: CountCell;
}

/** A list of counts and its total, safe to publish. */
export interface SuppressedLine {
  readonly cells: CountCell[];
  readonly total: CountCell;
}

/**
 * Column totals that several tables share (the same population broken down by different categories), with
 * the suppression decided once for all of them by `suppressLine`.
 */
export interface SharedTotals {
  readonly columnTotals: readonly CountCell[];
  readonly grandTotal: CountCell;
}

type Position = readonly [row: number, column: number];

/** One additive relation of the table: its cells sum to its total. */
interface Line {
  readonly cells: readonly Position[];
  readonly total: Position;
}

interface Protection {
  readonly grid: readonly (readonly number[])[];
  readonly hidden: boolean[][];
  /** Cells this run may not hide: their fate was decided elsewhere, so the run treats them as published. */
  readonly frozen: readonly (readonly boolean[])[];
  readonly lines: readonly Line[];
  readonly k: number;
  /** False for a single line, where two hidden cells already leave each one free. */
  readonly closeBridges: boolean;
  /** Columns whose shared totals are hidden: the table must not pin any of them down. */
  readonly linkedColumns: readonly number[];
}

const SUPPRESSED: CountCell = Object.freeze({ suppressed: true });

/**
 * Makes a table of counts (rows = groups, columns = disjoint outcomes) safe to publish: hides every count
 * under k, hides complementary counts until no hidden count can be worked out from what is shown, and
 * rounds what is left. With `shared`, the column totals are the ones every linked table publishes, and this
 * table is protected as though they were all public, so that no combination of the tables reveals a count.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
  shared?: SharedTotals,
): SuppressedTable {
  assertPolicy(policy);
  assertCounts(counts);
  const grid = withTotals(counts);
  const rows = counts.length;
  const columns = counts[0].length;
  const k = policy.minimumCellCount;
  const marginHidden = shared && sharedPattern(shared, grid[rows], k);

  // Shared totals start shown: this table is protected as though they were public, then gets their pattern.
  const hidden = grid.map((cells, row) => cells.map((value) => (row < rows || !marginHidden) && value < k));
  const frozen = grid.map((cells, row) => cells.map(() => row === rows && marginHidden !== undefined));
  const linkedColumns = marginHidden ? range(columns + 1).filter((column) => marginHidden[column]) : [];
  protect({ grid, hidden, frozen, lines: linesOf(rows, columns), k, closeBridges: true, linkedColumns });
  if (marginHidden) hidden[rows] = marginHidden;

  const publish = (row: number, column: number): CountCell =>
    hidden[row][column] ? SUPPRESSED : { value: roundCount(grid[row][column], policy.roundingBase) };
  return {
    cells: counts.map((cellsOfRow, row) => cellsOfRow.map((_, column) => publish(row, column))),
    rowTotals: counts.map((_, row) => publish(row, columns)),
    columnTotals: range(columns).map((column) => publish(rows, column)),
    grandTotal: publish(rows, columns),
  };
}

/**
 * Makes one list of counts and its total safe to publish: hides counts under k, then more until no line
 * reveals a hidden count or a hidden sum under k, and rounds the rest. Used for totals shared by tables.
 */
export function suppressLine(
  counts: readonly number[],
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): SuppressedLine {
  assertPolicy(policy);
  assertCounts([counts]);
  const grid = [[...counts, sum(counts)]];
  const k = policy.minimumCellCount;
  const hidden = [grid[0].map((value) => value < k)];
  const line: Line = {
    cells: range(counts.length).map((column) => [0, column] as const),
    total: [0, counts.length],
  };
  const frozen = [grid[0].map(() => false)];
  protect({ grid, hidden, frozen, lines: [line], k, closeBridges: false, linkedColumns: [] });
  const publish = (column: number): CountCell =>
    hidden[0][column] ? SUPPRESSED : { value: roundCount(grid[0][column], policy.roundingBase) };
  return { cells: counts.map((_, column) => publish(column)), total: publish(counts.length) };
}

/** A count rounded to the nearest multiple of `base` (halves round up). */
export function roundCount(value: number, base: number): number {
  return Math.round(value / base) * base;
}

/** True when the cell was published with a value. */
export function isShown(cell: CountCell): cell is { readonly value: number } {
  return 'value' in cell;
}

function assertPolicy(policy: SuppressionPolicy): void {
  const problems = validateSuppressionPolicy(policy);
  if (problems.length > 0) throw new RangeError(`invalid suppression policy: ${problems.join('; ')}`);
}

function assertCounts(counts: readonly (readonly number[])[]): void {
  const columns = counts[0]?.length ?? 0;
  if (counts.length === 0 || columns === 0)
    throw new RangeError('a table needs at least one row and one column');
  for (const [row, cells] of counts.entries()) {
    if (cells.length !== columns) {
      throw new RangeError(`row ${row} has ${cells.length} cells; every row needs ${columns}`);
    }
    for (const value of cells) {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`counts must be whole numbers of zero or more, got ${value} in row ${row}`);
      }
    }
  }
}

/** Which shared totals are hidden, checked against this table's own totals. */
function sharedPattern(shared: SharedTotals, margin: readonly number[], k: number): boolean[] {
  const published = [...shared.columnTotals, shared.grandTotal];
  if (published.length !== margin.length) {
    throw new RangeError(
      `shared totals have ${published.length - 1} columns; the table has ${margin.length - 1}`,
    );
  }
  return published.map((cell, column) => {
    if (isShown(cell) && margin[column] < k) {
      throw new RangeError(`shared total ${column} is shown but this table's total there is under k`);
    }
    return !isShown(cell);
  });
}

/** The table with a total column on the right and a total row at the bottom. */
function withTotals(counts: readonly (readonly number[])[]): number[][] {
  const body = counts.map((cells) => [...cells, sum(cells)]);
  const totals = body[0].map((_, column) => sum(body.map((cells) => cells[column])));
  return [...body, totals];
}

/** Every row and column of the table with totals, each with the cell that holds its total. */
function linesOf(rows: number, columns: number): Line[] {
  const lines: Line[] = [];
  for (let row = 0; row <= rows; row += 1) {
    lines.push({ cells: range(columns).map((column) => [row, column] as const), total: [row, columns] });
  }
  for (let column = 0; column <= columns; column += 1) {
    lines.push({ cells: range(rows).map((row) => [row, column] as const), total: [rows, column] });
  }
  return lines;
}

/**
 * Hides cells until the pattern is safe. Repeats from the first rule after every change, because a cell
 * hidden to protect one relation can expose another.
 */
function protect(p: Protection): void {
  for (;;) {
    if (protectLines(p)) continue;
    if (p.closeBridges && closeBridge(p)) continue;
    if (linkColumns(p)) continue;
    return;
  }
}

/**
 * Secondary suppression line by line. A line with one hidden cell gives it away (total minus the rest); a
 * line whose total is shown also gives away the sum of its hidden cells, so that sum must reach k too.
 */
function protectLines(p: Protection): boolean {
  let changed = false;
  for (const line of p.lines) {
    const members = [...line.cells, line.total];
    const hiddenMembers = members.filter(([row, column]) => p.hidden[row][column]);
    if (hiddenMembers.length === 0) continue;
    const [totalRow, totalColumn] = line.total;
    const hiddenSum = sum(hiddenMembers.map(([row, column]) => p.grid[row][column]));
    const exposed = hiddenMembers.length === 1 || (!p.hidden[totalRow][totalColumn] && hiddenSum < p.k);
    if (!exposed) continue;
    if (hide(p, members)) changed = true;
  }
  return changed;
}

/**
 * Hidden cells are edges between their row and their column. A hidden cell that is a bridge of that graph
 * (on no cycle) can be solved from the totals even when every line hides two cells, so one more cell is
 * hidden to put it on a cycle: one joining the bridge's two sides.
 */
function closeBridge(p: Protection): boolean {
  const edges = hiddenEdges(p);
  for (const bridge of edges) {
    const rowSide = reachable(edges, { row: bridge[0] }, bridge);
    if (rowSide.columns.has(bridge[1])) continue;
    const columnSide = reachable(edges, { column: bridge[1] }, bridge);
    const joining = allPositions(p).filter(
      ([row, column]) =>
        (rowSide.rows.has(row) && columnSide.columns.has(column)) ||
        (columnSide.rows.has(row) && rowSide.columns.has(column)),
    );
    if (hide(p, joining)) return true;
  }
  return false;
}

/**
 * A hidden shared total stays hidden across every linked table only if, in each table, the columns whose
 * totals are hidden are joined through hidden cells: then a change to one hidden total can be balanced by
 * another in every table at once. Hides the smallest cell that joins two parts, one holding such a column.
 */
function linkColumns(p: Protection): boolean {
  if (p.linkedColumns.length === 0) return false;
  const edges = hiddenEdges(p);
  const first = reachable(edges, { column: p.linkedColumns[0] });
  if (p.linkedColumns.every((column) => first.columns.has(column))) return false;
  const componentOf = (start: { row: number } | { column: number }): string => {
    const part = reachable(edges, start);
    return `${[...part.rows].sort((a, b) => a - b).join(',')}|${[...part.columns].sort((a, b) => a - b).join(',')}`;
  };
  const linked = new Set(p.linkedColumns.map((column) => componentOf({ column })));
  const joining = allPositions(p).filter(([row, column]) => {
    const rowPart = componentOf({ row });
    const columnPart = componentOf({ column });
    return rowPart !== columnPart && (linked.has(rowPart) || linked.has(columnPart));
  });
  const bothLinked = joining.filter(
    ([row, column]) => linked.has(componentOf({ row })) && linked.has(componentOf({ column })),
  );
  return hide(p, bothLinked) || hide(p, joining);
}

function hiddenEdges(p: Protection): Position[] {
  return allPositions(p).filter(([row, column]) => p.hidden[row][column]);
}

function allPositions(p: Protection): Position[] {
  return p.grid.flatMap((cells, row) => cells.map((_, column) => [row, column] as const));
}

/** Rows and columns connected to `start` through hidden cells, optionally not using `without`. */
function reachable(
  edges: readonly Position[],
  start: { row: number } | { column: number },
  without?: Position,
): { rows: Set<number>; columns: Set<number> } {
  const rows = new Set<number>();
  const columns = new Set<number>();
  const queue: ({ row: number } | { column: number })[] = [start];
  if ('row' in start) rows.add(start.row);
  else columns.add(start.column);
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const edge of edges) {
      if (edge === without) continue;
      const [row, column] = edge;
      if ('row' in next && row === next.row && !columns.has(column)) {
        columns.add(column);
        queue.push({ column });
      } else if ('column' in next && column === next.column && !rows.has(row)) {
        rows.add(row);
        queue.push({ row });
      }
    }
  }
  return { rows, columns };
}

/**
 * Hides the smallest cell among `positions` that is shown and not frozen; the first listed wins a tie, so
 * the result never depends on anything but the counts. False when there is none.
 */
function hide(p: Protection, positions: readonly Position[]): boolean {
  let best: Position | undefined;
  for (const position of positions) {
    const [row, column] = position;
    if (p.hidden[row][column] || p.frozen[row][column]) continue;
    if (!best || p.grid[row][column] < p.grid[best[0]][best[1]]) best = position;
  }
  if (!best) return false;
  p.hidden[best[0]][best[1]] = true;
  return true;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function range(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}
