// An attacker's view of published tables, written independently of suppressTable so the tests can check its
// promise: treating every shown count as exact, solve the linear relations (row sums, column sums, the total
// line) and list every hidden count they pin down to a single value.

/** One published table: which body cells are hidden; the last column is the row total. */
export interface AuditedTable {
  readonly name: string;
  readonly hidden: readonly (readonly boolean[])[];
}

type Equation = Map<string, number>;

/**
 * Hidden cells ("table:row:column", or "total:column" for the shared totals) whose value follows from the
 * shown ones. Tables share their column totals (`totalsHidden`, the last one being the grand total).
 */
export function determinedCells(tables: readonly AuditedTable[], totalsHidden: readonly boolean[]): string[] {
  const columns = totalsHidden.length - 1;
  const total = (column: number): string | undefined =>
    totalsHidden[column] ? `total:${column}` : undefined;
  const equations: Equation[] = [];
  const unknowns = new Set<string>();
  const add = (terms: [string | undefined, number][]): void => {
    const equation: Equation = new Map();
    for (const [key, coefficient] of terms) {
      if (key === undefined) continue;
      unknowns.add(key);
      equation.set(key, (equation.get(key) ?? 0) + coefficient);
    }
    if (equation.size > 0) equations.push(equation);
  };

  add([
    ...range(columns).map((column): [string | undefined, number] => [total(column), 1]),
    [total(columns), -1],
  ]);
  for (const table of tables) {
    const cell = (row: number, column: number): string | undefined =>
      table.hidden[row][column] ? `${table.name}:${row}:${column}` : undefined;
    for (const row of range(table.hidden.length)) {
      add([
        ...range(columns).map((column): [string | undefined, number] => [cell(row, column), 1]),
        [cell(row, columns), -1],
      ]);
    }
    for (const column of range(columns + 1)) {
      add([
        ...range(table.hidden.length).map((row): [string | undefined, number] => [cell(row, column), 1]),
        [total(column), -1],
      ]);
    }
  }

  const keys = [...unknowns];
  return solvedColumns(equations.map((equation) => keys.map((key) => equation.get(key) ?? 0))).map(
    (column) => keys[column],
  );
}

/**
 * Unknowns the equations fix to one value: in reduced row echelon form, a pivot whose row has no other
 * non-zero entry (no free unknown can move it). Entries are small integers, so a tolerance is safe.
 */
function solvedColumns(matrix: readonly (readonly number[])[]): number[] {
  const m = matrix.map((row) => [...row]);
  const width = m[0]?.length ?? 0;
  const pivots: number[] = [];
  let r = 0;
  for (let column = 0; column < width && r < m.length; column += 1) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i += 1)
      if (Math.abs(m[i][column]) > Math.abs(m[pivot][column])) pivot = i;
    if (Math.abs(m[pivot][column]) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    const scale = m[r][column];
    for (let j = 0; j < width; j += 1) m[r][j] /= scale;
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const factor = m[i][column];
      if (factor !== 0) for (let j = 0; j < width; j += 1) m[i][j] -= factor * m[r][j];
    }
    pivots.push(column);
    r += 1;
  }
  return pivots.filter((column, row) => m[row].every((value, j) => j === column || Math.abs(value) < 1e-9));
}

function range(length: number): number[] {
  return Array.from({ length }, (_, index) => index);
}

/** A small seeded generator (mulberry32), so a failing random case can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
