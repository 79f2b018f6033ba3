import type { AuditedTable } from './disclosure-audit.spec-helper';
import { determinedCells, seededRandom } from './disclosure-audit.spec-helper';
import type { CountCell, SharedTotals, SuppressedTable } from './suppress-table';
import { isShown, roundCount, suppressLine, suppressTable } from './suppress-table';
import type { SuppressionPolicy } from './suppression-policy';

const K10: SuppressionPolicy = { minimumCellCount: 10, roundingBase: 5 };

/** The table as a grid with totals: rounded numbers, `*` where suppressed. */
function view(table: SuppressedTable): (number | '*')[][] {
  const cell = (c: CountCell): number | '*' => (isShown(c) ? c.value : '*');
  return [
    ...table.cells.map((row, i) => [...row.map(cell), cell(table.rowTotals[i])]),
    [...table.columnTotals.map(cell), cell(table.grandTotal)],
  ];
}

/** What an attacker can solve for in one stand-alone table. */
function solvable(table: SuppressedTable): string[] {
  const audited: AuditedTable = {
    name: 't',
    hidden: table.cells.map((row, i) => [...row, table.rowTotals[i]].map((c) => !isShown(c))),
  };
  return determinedCells(
    [audited],
    [...table.columnTotals, table.grandTotal].map((c) => !isShown(c)),
  );
}

/** The raw table with its totals, for comparing with what was published. */
function rawWithTotals(counts: readonly (readonly number[])[]): number[][] {
  const body = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  return [...body, body[0].map((_, j) => body.reduce((n, row) => n + row[j], 0))];
}

function hiddenCount(table: SuppressedTable): number {
  return view(table)
    .flat()
    .filter((v) => v === '*').length;
}

describe('the independent attacker used to check suppression', () => {
  const table = (hidden: boolean[][]): AuditedTable[] => [{ name: 't', hidden }];
  const allShown = [false, false, false];

  it('solves a row with one hidden cell', () => {
    expect(
      determinedCells(
        table([
          [true, false, false],
          [false, false, false],
        ]),
        allShown,
      ),
    ).toEqual(['t:0:0']);
  });

  it('cannot solve four hidden cells on a cycle', () => {
    const cycle = [
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ];
    expect(determinedCells(table(cycle), allShown)).toEqual([]);
  });

  it('solves a hidden total whose column is shown in full', () => {
    expect(determinedCells(table([[false, false, false]]), [true, true, false])).toEqual([
      'total:0',
      'total:1',
    ]);
  });
});

describe('suppressTable', () => {
  it('shows a table with no small counts in full, every count and total rounded to the nearest 5', () => {
    expect(
      view(
        suppressTable([
          [12, 23],
          [37, 40],
        ]),
      ),
    ).toEqual([
      [10, 25, 35],
      [35, 40, 75],
      [50, 65, 110],
    ]);
  });

  it('uses k = 10 and rounding to 5 when no policy is given', () => {
    expect(
      suppressTable([
        [9, 40],
        [10, 40],
        [3, 40],
      ]),
    ).toEqual(
      suppressTable(
        [
          [9, 40],
          [10, 40],
          [3, 40],
        ],
        K10,
      ),
    );
  });

  it('hides a count of exactly k - 1 and shows a count of exactly k', () => {
    const table = suppressTable(
      [
        [9, 40],
        [10, 40],
        [3, 40],
      ],
      K10,
    );
    expect(table.cells[0][0]).toEqual({ suppressed: true });
    expect(table.cells[1][0]).toEqual({ value: 10 });
  });

  it('moves the boundary with the policy: k = 5 hides 4 and shows 5', () => {
    const table = suppressTable(
      [
        [4, 40],
        [5, 40],
        [3, 40],
      ],
      { minimumCellCount: 5, roundingBase: 1 },
    );
    expect(table.cells[0][0]).toEqual({ suppressed: true });
    expect(table.cells[1][0]).toEqual({ value: 5 });
  });

  it('hides zeros too: "nobody in this group" is itself a disclosure', () => {
    const table = suppressTable(
      [
        [0, 40, 50],
        [30, 25, 60],
        [35, 45, 70],
      ],
      K10,
    );
    expect(table.cells[0][0]).toEqual({ suppressed: true });
  });

  it('publishes a suppressed cell as { suppressed: true } and nothing else', () => {
    const table = suppressTable(
      [
        [3, 40, 50],
        [30, 25, 60],
        [35, 45, 70],
      ],
      K10,
    );
    expect(JSON.stringify(table.cells[0][0])).toBe('{"suppressed":true}');
    for (const cell of view(table).flat()) expect(cell === '*' || cell % 5 === 0).toBe(true);
  });

  it('hides a second cell in a row whose one small cell would be its total minus the rest', () => {
    // 3 = 93 - 40 - 50: hiding the 3 alone would hide nothing.
    const table = suppressTable(
      [
        [3, 40, 50],
        [30, 25, 60],
        [35, 45, 70],
      ],
      K10,
    );
    expect(view(table)[0]).toEqual(['*', '*', 50, 95]);
    expect(solvable(table)).toEqual([]);
  });

  it('hides a second cell in a column with one small cell, then repeats until every line is covered', () => {
    const table = suppressTable(
      [
        [20, 30, 3],
        [40, 25, 22],
        [33, 31, 12],
      ],
      K10,
    );
    // 3 hides 20 (row) and 12 (column); 20 then hides 33 in its column, which covers the row of 12.
    expect(view(table)).toEqual([
      ['*', 30, '*', 55],
      [40, 25, 20, 85],
      ['*', 30, '*', 75],
      [95, 85, 35, 215],
    ]);
    expect(solvable(table)).toEqual([]);
  });

  it('hides all four cells of a 2 x 2 table with one small cell, since any one would give the rest away', () => {
    const table = suppressTable(
      [
        [50, 40],
        [30, 1],
      ],
      K10,
    );
    expect(view(table)).toEqual([
      ['*', '*', 90],
      ['*', '*', 30],
      [80, 40, 120],
    ]);
  });

  it('keeps hiding while the hidden cells of a line with a shown total add up to less than k', () => {
    // Two hidden cells of 2 and 3 would still reveal "5 people" as the total minus the rest.
    const table = suppressTable(
      [
        [2, 3, 50, 60],
        [40, 45, 55, 65],
        [35, 30, 45, 70],
      ],
      K10,
    );
    const hiddenInRow = table.cells[0].filter((c) => !isShown(c)).length;
    expect(hiddenInRow).toBe(3);
    expect(table.cells[0][2]).toEqual({ suppressed: true });
    expect(solvable(table)).toEqual([]);
  });

  it('hides a row total that equals its only cell', () => {
    const table = suppressTable([[3], [40], [50]], K10);
    expect(table.cells[0][0]).toEqual({ suppressed: true });
    expect(table.rowTotals[0]).toEqual({ suppressed: true });
    expect(solvable(table)).toEqual([]);
  });

  it('hides everything when the whole population is under k', () => {
    const table = suppressTable(
      [
        [1, 2],
        [3, 1],
      ],
      K10,
    );
    expect(
      view(table)
        .flat()
        .every((v) => v === '*'),
    ).toBe(true);
  });

  it('hides the margin cells that are small, and what would give them away', () => {
    const table = suppressTable(
      [
        [2, 40],
        [3, 45],
        [1, 50],
      ],
      K10,
    );
    // Column 0 holds 6 people in total: its cells and its total all go.
    expect(table.columnTotals[0]).toEqual({ suppressed: true });
    expect(table.cells.every((row) => !isShown(row[0]))).toBe(true);
    expect(solvable(table)).toEqual([]);
  });

  describe('a hidden cell every line protects twice but the totals still pin down', () => {
    // Two 2 x 2 blocks of small cells joined by one small cell (row 1, column 2): every row and column
    // hides two or more cells, yet the joining cell is a bridge and can be solved.
    const counts = [
      [6, 7, 50, 60, 70],
      [6, 7, 5, 55, 65],
      [45, 50, 6, 7, 80],
      [55, 60, 7, 7, 90],
    ];
    const primary: AuditedTable = {
      name: 't',
      hidden: counts.map((row) => [...row.map((v) => v < 10), false]),
    };

    it('is solvable from the primary pattern alone (so the audit can catch it)', () => {
      expect(determinedCells([primary], [false, false, false, false, false, false])).toEqual(['t:1:2']);
    });

    it('gets one more cell hidden, which puts it on a cycle', () => {
      const table = suppressTable(counts, K10);
      expect(hiddenCount(table)).toBe(10);
      expect(solvable(table)).toEqual([]);
    });
  });

  it('gives the same answer every time for the same counts', () => {
    const counts = [
      [5, 12, 0, 30],
      [14, 3, 22, 9],
      [40, 41, 2, 17],
    ];
    expect(suppressTable(counts, K10)).toEqual(suppressTable(counts, K10));
  });

  it('does not round at all with a rounding base of 1', () => {
    expect(
      view(
        suppressTable(
          [
            [12, 23],
            [37, 41],
          ],
          { minimumCellCount: 10, roundingBase: 1 },
        ),
      ),
    ).toEqual([
      [12, 23, 35],
      [37, 41, 78],
      [49, 64, 113],
    ]);
  });

  describe('refuses input it cannot protect', () => {
    it('refuses a policy with k under 5', () => {
      expect(() => suppressTable([[20]], { minimumCellCount: 4, roundingBase: 1 })).toThrow(
        /minimumCellCount must be at least 5, got 4/,
      );
    });

    it('refuses negative, fractional and non-finite counts', () => {
      expect(() => suppressTable([[-1, 20]], K10)).toThrow(RangeError);
      expect(() => suppressTable([[1.5, 20]], K10)).toThrow(RangeError);
      expect(() => suppressTable([[Number.NaN, 20]], K10)).toThrow(RangeError);
      expect(() => suppressTable([[Number.POSITIVE_INFINITY, 20]], K10)).toThrow(RangeError);
    });

    it('refuses an empty or ragged table', () => {
      expect(() => suppressTable([], K10)).toThrow(/at least one row and one column/);
      expect(() => suppressTable([[]], K10)).toThrow(/at least one row and one column/);
      expect(() => suppressTable([[1, 2], [3]], K10)).toThrow(/row 1 has 1 cells; every row needs 2/);
    });
  });

  describe('on random tables, checked by an independent attacker', () => {
    const random = seededRandom(20251125);
    const small = (): number => Math.floor(random() * 13);
    const tables = Array.from({ length: 400 }, () => {
      const rows = 1 + Math.floor(random() * 8);
      const columns = 1 + Math.floor(random() * 5);
      return Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => (random() < 0.45 ? small() : Math.floor(random() * 90))),
      );
    });
    const policies: SuppressionPolicy[] = [
      K10,
      { minimumCellCount: 5, roundingBase: 5 },
      { minimumCellCount: 7, roundingBase: 1 },
    ];

    it('never shows a count under k, and shows every other one rounded', () => {
      for (const [index, counts] of tables.entries()) {
        const policy = policies[index % policies.length];
        const raw = rawWithTotals(counts);
        view(suppressTable(counts, policy)).forEach((row, i) =>
          row.forEach((shown, j) => {
            if (shown === '*') return;
            expect(raw[i][j]).toBeGreaterThanOrEqual(policy.minimumCellCount);
            expect(shown).toBe(roundCount(raw[i][j], policy.roundingBase));
          }),
        );
      }
    });

    it('leaves no hidden count that the totals and the shown counts pin down', () => {
      for (const [index, counts] of tables.entries()) {
        const table = suppressTable(counts, policies[index % policies.length]);
        expect({ counts, solvable: solvable(table) }).toEqual({ counts, solvable: [] });
      }
    });

    it('never lets the hidden cells of a line with a shown total add up to less than k', () => {
      const exposed: unknown[] = [];
      for (const [index, counts] of tables.entries()) {
        const policy = policies[index % policies.length];
        const raw = rawWithTotals(counts);
        const shown = view(suppressTable(counts, policy));
        const lines = [
          ...raw.map((_, i) => raw[i].map((__, j) => [i, j] as const)),
          ...raw[0].map((_, j) => raw.map((__, i) => [i, j] as const)),
        ];
        for (const line of lines) {
          const [ti, tj] = line[line.length - 1];
          if (shown[ti][tj] === '*') continue;
          const hidden = line.filter(([i, j]) => shown[i][j] === '*');
          const hiddenSum = hidden.reduce((n, [i, j]) => n + raw[i][j], 0);
          if (hidden.length > 0 && hiddenSum < policy.minimumCellCount) exposed.push({ counts, line });
        }
      }
      expect(exposed).toEqual([]);
    });
  });
});

describe('suppressTable with totals shared by linked tables', () => {
  const margin = (counts: number[][]): SharedTotals => {
    const totals = counts[0].map((_, j) => counts.reduce((n, row) => n + row[j], 0));
    const line = suppressLine(totals, K10);
    return { columnTotals: line.cells, grandTotal: line.total };
  };

  it('publishes exactly the shared totals and their pattern', () => {
    const counts = [
      [40, 20, 3],
      [35, 25, 2],
    ];
    const shared = margin(counts);
    const table = suppressTable(counts, K10, shared);
    expect(table.columnTotals).toEqual(shared.columnTotals);
    expect(table.grandTotal).toEqual(shared.grandTotal);
  });

  it('refuses shared totals that show a count this table has under k', () => {
    const shown: SharedTotals = { columnTotals: [{ value: 75 }, { value: 5 }], grandTotal: { value: 80 } };
    expect(() =>
      suppressTable(
        [
          [40, 2],
          [35, 3],
        ],
        K10,
        shown,
      ),
    ).toThrow(/shared total 1 is shown/);
  });

  it('refuses shared totals for a different number of columns', () => {
    const shared: SharedTotals = { columnTotals: [{ value: 75 }], grandTotal: { value: 75 } };
    expect(() =>
      suppressTable(
        [
          [40, 20],
          [35, 25],
        ],
        K10,
        shared,
      ),
    ).toThrow(/shared totals have 1 columns/);
  });

  it('hides a cell in a column whose shared total is hidden, even when every count in it is large', () => {
    // The shared totals hide column 0 (3 people) and column 1 as its complement. Every cell of column 1 is
    // at least k, and nothing else here would hide one: shown, they would add up to its hidden total.
    const counts = [
      [3, 25, 11, 300],
      [0, 25, 11, 300],
      [0, 40, 500, 15],
    ];
    const shared = margin(counts);
    expect(shared.columnTotals.map(isShown)).toEqual([false, false, true, true]);
    const table = suppressTable(counts, K10, shared);
    expect(table.cells.some((row) => !isShown(row[1]))).toBe(true);
    const audited = {
      name: 't',
      hidden: table.cells.map((row, i) => [...row, table.rowTotals[i]].map((c) => !isShown(c))),
    };
    expect(
      determinedCells(
        [audited],
        [...shared.columnTotals, shared.grandTotal].map((c) => !isShown(c)),
      ),
    ).toEqual([]);
  });

  it('keeps every hidden count free across several tables of the same population', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 150; run += 1) {
      const columns = 2 + Math.floor(random() * 3);
      const people = Math.floor(random() * 160);
      const categories = 2 + Math.floor(random() * 3);
      const sizes = Array.from({ length: categories }, () => 2 + Math.floor(random() * 6));
      const tables = sizes.map((rows) =>
        Array.from({ length: rows }, () => Array.from({ length: columns }, () => 0)),
      );
      const columnWeights = Array.from({ length: columns }, () => random() ** 4);
      const pick = (weights: number[]): number => {
        let roll = random() * weights.reduce((a, b) => a + b, 0);
        for (const [i, w] of weights.entries()) if ((roll -= w) <= 0) return i;
        return weights.length - 1;
      };
      const rowWeights = sizes.map((rows) => Array.from({ length: rows }, () => random() ** 2));
      for (let person = 0; person < people; person += 1) {
        const column = pick(columnWeights);
        tables.forEach((table, t) => (table[pick(rowWeights[t])][column] += 1));
      }
      const shared = margin(tables[0]);
      const published = tables.map((counts) => suppressTable(counts, K10, shared));
      const audited = published.map((table, t) => ({
        name: `c${t}`,
        hidden: table.cells.map((row, i) => [...row, table.rowTotals[i]].map((c) => !isShown(c))),
      }));
      const totalsHidden = [...shared.columnTotals, shared.grandTotal].map((c) => !isShown(c));
      expect({ tables, solvable: determinedCells(audited, totalsHidden) }).toEqual({ tables, solvable: [] });
    }
  });
});

describe('suppressLine', () => {
  const shownValues = (counts: number[]): (number | '*')[] => {
    const line = suppressLine(counts, K10);
    return [...line.cells, line.total].map((c) => (isShown(c) ? c.value : '*'));
  };

  it('shows a line with no small counts, rounded', () => {
    expect(shownValues([120, 41, 33])).toEqual([120, 40, 35, 195]);
  });

  it('hides the next smallest count beside a single small one', () => {
    expect(shownValues([120, 41, 3, 33])).toEqual([120, 40, '*', '*', 195]);
  });

  it('keeps hiding while the hidden counts add up to less than k', () => {
    expect(shownValues([120, 41, 3, 2])).toEqual([120, '*', '*', '*', 165]);
  });

  it('hides a zero and a complement for it', () => {
    expect(shownValues([0, 50, 60])).toEqual(['*', '*', 60, 110]);
  });

  it('hides everything when the total is under k', () => {
    expect(shownValues([1, 2, 3])).toEqual(['*', '*', '*', '*']);
  });
});

describe('roundCount', () => {
  it.each([
    [12, 5, 10],
    [13, 5, 15],
    [7, 5, 5],
    [8, 5, 10],
    [15, 10, 20],
    [14, 10, 10],
    [37, 1, 37],
  ])('rounds %i to the nearest %i: %i', (value, base, rounded) => {
    expect(roundCount(value, base)).toBe(rounded);
  });
});
