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

type Position = readonly [row: number, column: number];

/** One additive relation of the table: its cells sum to its total. */
interface Line {
  readonly cells: Position[];
  readonly total: Position;
}

const SUPPRESSED: CountCell = Object.freeze({ suppressed: true });

/**
 * Makes a table of counts (rows = groups, columns = disjoint outcomes) safe to publish: hides every count
 * under k, hides complementary counts until no hidden count can be worked out from what is shown, and
 * rounds what is left.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): SuppressedTable {
  const problems = validateSuppressionPolicy(policy);
  if (problems.length > 0) throw new RangeError(`invalid suppression policy: ${problems.join('; ')}`);
  assertCounts(counts);

  const grid = withTotals(counts);
  const hidden = protectedCells(grid, policy.minimumCellCount);
  const publish = (row: number, column: number): CountCell =>
    hidden[row][column] ? SUPPRESSED : { value: roundCount(grid[row][column], policy.roundingBase) };

  const rows = counts.length;
  const columns = counts[0].length;
  return {
    cells: counts.map((cellsOfRow, row) => cellsOfRow.map((_, column) => publish(row, column))),
    rowTotals: counts.map((_, row) => publish(row, columns)),
    columnTotals: counts[0].map((_, column) => publish(rows, column)),
    grandTotal: publish(rows, columns),
  };
}

/** A count rounded to the nearest multiple of `base` (halves round up). */
export function roundCount(value: number, base: number): number {
  return Math.round(value / base) * base;
}

/** True when the cell was published with a value. */
export function isShown(cell: CountCell): cell is { readonly value: number } {
  return 'value' in cell;
}

function assertCounts(counts: readonly (readonly number[])[]): void {
  const columns = counts[0]?.length ?? 0;
  if (counts.length === 0 || columns === 0) throw new RangeError('a table needs at least one row and one column');
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

/** The table with a total column on the right and a total row at the bottom. */
function withTotals(counts: readonly (readonly number[])[]): number[][] {
  const body = counts.map((cells) => [...cells, sum(cells)]);
  const totals = body[0].map((_, column) => sum(body.map((cells) => cells[column])));
  return [...body, totals];
}

/**
 * Which cells of the table with totals must be hidden. Repeats until nothing changes, because every cell
 * hidden to protect one relation can expose another.
 */
function protectedCells(grid: readonly (readonly number[])[], k: number): boolean[][] {
  const hidden = grid.map((cells) => cells.map((value) => value < k));
  const lines = linesOf(grid.length - 1, grid[0].length - 1);
  for (;;) {
    if (protectLines(grid, hidden, lines, k)) continue;
    if (closeBridge(grid, hidden)) continue;
    return hidden;
  }
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
 * Secondary suppression line by line. A line with one hidden cell gives it away (total minus the rest); a
 * line whose total is shown also gives away the sum of its hidden cells, so that sum must reach k too.
 */
function protectLines(
  grid: readonly (readonly number[])[],
  hidden: boolean[][],
  lines: readonly Line[],
  k: number,
): boolean {
  let changed = false;
  for (const line of lines) {
    const members = [...line.cells, line.total];
    const hiddenMembers = members.filter(([row, column]) => hidden[row][column]);
    if (hiddenMembers.length === 0) continue;
    const [totalRow, totalColumn] = line.total;
    const hiddenSum = sum(hiddenMembers.map(([row, column]) => grid[row][column]));
    const exposed = hiddenMembers.length === 1 || (!hidden[totalRow][totalColumn] && hiddenSum < k);
    if (!exposed) continue;
    const next = smallestVisible(grid, hidden, members);
    if (!next) continue;
    hidden[next[0]][next[1]] = true;
    changed = true;
  }
  return changed;
}

/**
 * Hidden cells are edges between their row and their column. A hidden cell that is a bridge of that graph
 * (on no cycle) can be solved from the totals even when every line hides two cells, so one more cell is
 * hidden to put it on a cycle: one joining the bridge's two sides.
 */
function closeBridge(grid: readonly (readonly number[])[], hidden: boolean[][]): boolean {
  const rows = grid.length;
  const columns = grid[0].length;
  const edges: Position[] = [];
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) if (hidden[row][column]) edges.push([row, column]);
  }
  for (const bridge of edges) {
    const rowSide = reachable(edges, bridge, { row: bridge[0] });
    if (rowSide.columns.has(bridge[1])) continue;
    const columnSide = reachable(edges, bridge, { column: bridge[1] });
    const candidates: Position[] = [];
    for (let row = 0; row < rows; row += 1) {
      for (let column = 0; column < columns; column += 1) {
        const joins =
          (rowSide.rows.has(row) && columnSide.columns.has(column)) ||
          (columnSide.rows.has(row) && rowSide.columns.has(column));
        if (joins && !hidden[row][column]) candidates.push([row, column]);
      }
    }
    const next = smallestVisible(grid, hidden, candidates);
    if (!next) continue;
    hidden[next[0]][next[1]] = true;
    return true;
  }
  return false;
}

/** Rows and columns connected to `start` through hidden cells, not using `without`. */
function reachable(
  edges: readonly Position[],
  without: Position,
  start: { row: number } | { column: number },
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

/** The smallest shown cell among `positions`; the first one listed wins a tie, so the result is stable. */
function smallestVisible(
  grid: readonly (readonly number[])[],
  hidden: readonly (readonly boolean[])[],
  positions: readonly Position[],
): Position | undefined {
  let best: Position | undefined;
  for (const position of positions) {
    const [row, column] = position;
    if (hidden[row][column]) continue;
    if (!best || grid[row][column] < grid[best[0]][best[1]]) best = position;
  }
  return best;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function range(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}
