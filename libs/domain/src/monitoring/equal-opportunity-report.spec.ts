import { ALL_STAGES } from '../stage-model';
import { determinedCells, seededRandom } from './disclosure-audit.spec-helper';
import type {
  EqualOpportunityReport,
  FunnelFigures,
  GroupStageCount,
  StageGroup,
} from './equal-opportunity-report';
import {
  STAGE_GROUPS,
  STAGES_BY_GROUP,
  buildEqualOpportunityReport,
  stageGroupOf,
} from './equal-opportunity-report';
import type { MonitoringCategory } from './monitoring-categories';
import { MONITORING_CATEGORIES, monitoringGroups } from './monitoring-categories';
import type { CountCell } from './suppress-table';
import { isShown } from './suppress-table';
import type { SuppressionPolicy } from './suppression-policy';

const K10: SuppressionPolicy = { minimumCellCount: 10, roundingBase: 5 };

type Row = [inProgress: number, granted: number, refused: number, closedWithoutDecision: number];

/** Aggregate rows as the database would return them, from a group → counts map. */
function countsOf(rows: Record<string, Row>): GroupStageCount[] {
  return Object.entries(rows).flatMap(([group, counts]) =>
    STAGE_GROUPS.map((stageGroup, i) => ({ group, stageGroup, count: counts[i] })),
  );
}

function groupOf(report: EqualOpportunityReport, group: string): FunnelFigures {
  const found = report.groups.find((g) => g.group === group);
  if (!found) throw new Error(`no group ${group}`);
  return found;
}

const CELLS: (keyof FunnelFigures)[] = [
  'inProgress',
  'granted',
  'refused',
  'closedWithoutDecision',
  'applied',
];

/** Which published figures of the table are hidden, in the order the audit expects (row total last). */
function hiddenOf(figures: FunnelFigures): boolean[] {
  return CELLS.map((name) => !isShown(figures[name] as CountCell));
}

/** Everything an attacker could solve for across several categories' reports of the same cases. */
function solvable(reports: readonly EqualOpportunityReport[]): string[] {
  return determinedCells(
    reports.map((report) => ({ name: report.category, hidden: report.groups.map(hiddenOf) })),
    // A total shown on any dashboard is known, whatever the others hide.
    hiddenOf(reports[0].allCases).map((_, j) => reports.every((report) => hiddenOf(report.allCases)[j])),
  );
}

describe('stage groups', () => {
  it('put every stage in exactly one group', () => {
    const listed = STAGE_GROUPS.flatMap((group) => STAGES_BY_GROUP[group]);
    expect([...listed].sort()).toEqual([...ALL_STAGES].sort());
  });

  it.each([
    ['ELIGIBILITY_SCREENING', 'IN_PROGRESS'],
    ['DECISION', 'IN_PROGRESS'],
    ['GRANTED', 'GRANTED'],
    ['GRANTED_WITH_CONDITIONS', 'GRANTED'],
    ['REFUSED', 'REFUSED'],
    ['INELIGIBLE', 'CLOSED_WITHOUT_DECISION'],
    ['WITHDRAWN', 'CLOSED_WITHOUT_DECISION'],
    ['LAPSED', 'CLOSED_WITHOUT_DECISION'],
  ] as const)('puts %s in %s', (stage, group: StageGroup) => {
    expect(stageGroupOf(stage)).toBe(group);
  });
});

describe('buildEqualOpportunityReport', () => {
  // Every cell at least k: nothing is suppressed, so the figures can be checked by hand.
  const plain = countsOf({
    FEMALE: [30, 13, 11, 10],
    MALE: [40, 20, 15, 12],
    PREFER_NOT_TO_SAY: [10, 10, 10, 10],
    NOT_ANSWERED: [20, 10, 10, 10],
  });

  it('lists every answer of the category, then the unanswered, with the funnel of each', () => {
    const report = buildEqualOpportunityReport('sex', plain, K10);
    expect(report.groups.map((g) => g.group)).toEqual([
      'FEMALE',
      'MALE',
      'PREFER_NOT_TO_SAY',
      'NOT_ANSWERED',
    ]);
    expect(groupOf(report, 'FEMALE')).toEqual({
      group: 'FEMALE',
      applied: { value: 65 },
      inProgress: { value: 30 },
      decided: { value: 25 },
      granted: { value: 15 },
      refused: { value: 10 },
      closedWithoutDecision: { value: 10 },
      successRate: 0.6,
    });
  });

  it('computes the success rate from the published counts, not the real ones', () => {
    // The published 15 granted of 25 decided is 0.6; the real 13 of 24 (0.54) would move with every decision.
    expect(groupOf(buildEqualOpportunityReport('sex', plain, K10), 'FEMALE').successRate).toBe(0.6);
  });

  it('publishes "decided" as the sum of the published granted and refused counts', () => {
    // Real 20 + 15 = 35 decided; published 20 + 15 as well, but 13 + 11 = 24 publishes 15 + 10 = 25.
    const report = buildEqualOpportunityReport('sex', plain, K10);
    for (const figures of [...report.groups, report.allCases]) {
      const { granted, refused, decided } = figures;
      if ('value' in granted && 'value' in refused)
        expect(decided).toEqual({ value: granted.value + refused.value });
      else expect(decided).toEqual({ suppressed: true });
    }
  });

  it('gives the funnel of all cases from the column totals', () => {
    expect(buildEqualOpportunityReport('sex', plain, K10).allCases).toEqual({
      applied: { value: 240 },
      inProgress: { value: 100 },
      decided: { value: 100 },
      granted: { value: 55 },
      refused: { value: 45 },
      closedWithoutDecision: { value: 40 },
      successRate: 0.55,
    });
  });

  it('counts "prefer not to say" and unanswered as undeclared in the declaration rate', () => {
    // Published: 240 cases less 40 who preferred not to say and 50 unanswered is 150 declared, 0.625.
    expect(buildEqualOpportunityReport('sex', plain, K10).declarationRate).toBe(0.63);
  });

  it('echoes the policy it applied', () => {
    expect(buildEqualOpportunityReport('sex', plain, K10).policy).toEqual(K10);
  });

  it('adds up several rows for the same group and stage group', () => {
    const twice = [...plain, { group: 'FEMALE', stageGroup: 'IN_PROGRESS' as const, count: 10 }];
    expect(groupOf(buildEqualOpportunityReport('sex', twice, K10), 'FEMALE').inProgress).toEqual({
      value: 40,
    });
  });

  it('refuses a group the category does not have', () => {
    expect(() =>
      buildEqualOpportunityReport('sex', [{ group: 'WHITE', stageGroup: 'GRANTED', count: 12 }], K10),
    ).toThrow(/WHITE is not a group of sex/);
  });

  describe('one person of a group refused', () => {
    const counts = countsOf({
      FEMALE: [40, 20, 12, 0],
      MALE: [44, 22, 1, 0],
      PREFER_NOT_TO_SAY: [11, 0, 0, 0],
      NOT_ANSWERED: [30, 0, 0, 0],
    });
    const report = buildEqualOpportunityReport('sex', counts, K10);

    it('hides the refusal, the decided count it is part of, and the success rate', () => {
      const male = groupOf(report, 'MALE');
      expect(male.refused).toEqual({ suppressed: true });
      expect(male.decided).toEqual({ suppressed: true });
      expect(male.successRate).toBeNull();
    });

    it('hides the granted count too, since applied minus in progress minus granted would be that one', () => {
      expect(groupOf(report, 'MALE').granted).toEqual({ suppressed: true });
    });

    it('leaves nothing an attacker could solve for', () => {
      expect(solvable([report])).toEqual([]);
    });

    it('never publishes the number 1 anywhere', () => {
      expect(JSON.stringify(report)).not.toMatch(/"value":1[,}]/);
    });
  });

  describe('groups of exactly k - 1 and exactly k', () => {
    // The 4 who preferred not to say are hidden too, so the hidden group sizes add up to 13, not under k.
    const counts = countsOf({
      DISABLED: [9, 0, 0, 0],
      NOT_DISABLED: [10, 0, 0, 0],
      PREFER_NOT_TO_SAY: [4, 0, 0, 0],
      NOT_ANSWERED: [60, 25, 15, 20],
    });
    const report = buildEqualOpportunityReport('disability', counts, K10);

    it('hides how many applied from the group of k - 1', () => {
      expect(groupOf(report, 'DISABLED').applied).toEqual({ suppressed: true });
    });

    it('shows how many applied from the group of exactly k', () => {
      expect(groupOf(report, 'NOT_DISABLED').applied).toEqual({ value: 10 });
    });

    it('leaves nothing an attacker could solve for', () => {
      expect(solvable([report])).toEqual([]);
    });

    it('hides the group of exactly k as well when its only partner under k would otherwise be revealed', () => {
      const alone = countsOf({
        DISABLED: [9, 0, 0, 0],
        NOT_DISABLED: [10, 0, 0, 0],
        NOT_ANSWERED: [60, 25, 15, 20],
      });
      // Total minus the shown groups would be 9: the next smallest group, the 10, goes with it.
      expect(groupOf(buildEqualOpportunityReport('disability', alone, K10), 'NOT_DISABLED').applied).toEqual({
        suppressed: true,
      });
    });
  });

  describe('declaration rate', () => {
    it('is withheld when the "prefer not to say" group is too small to show', () => {
      const counts = countsOf({
        FEMALE: [40, 20, 12, 10],
        MALE: [44, 22, 11, 10],
        PREFER_NOT_TO_SAY: [3, 0, 0, 0],
        NOT_ANSWERED: [30, 10, 10, 10],
      });
      expect(buildEqualOpportunityReport('sex', counts, K10).declarationRate).toBeNull();
    });

    it('is withheld when fewer than k cases declared', () => {
      const counts = countsOf({
        FEMALE: [5, 0, 0, 0],
        MALE: [4, 0, 0, 0],
        PREFER_NOT_TO_SAY: [20, 10, 10, 10],
        NOT_ANSWERED: [30, 10, 10, 10],
      });
      expect(buildEqualOpportunityReport('sex', counts, K10).declarationRate).toBeNull();
    });

    it('is withheld when there are fewer than k cases at all', () => {
      expect(
        buildEqualOpportunityReport('sex', countsOf({ FEMALE: [4, 0, 0, 0] }), K10).declarationRate,
      ).toBeNull();
    });

    it('is withheld rather than shown as 0 when nobody has declared', () => {
      const report = buildEqualOpportunityReport('sex', countsOf({ NOT_ANSWERED: [50, 20, 20, 20] }), K10);
      expect(report.declarationRate).toBeNull();
    });
  });

  it('publishes every figure as a multiple of 5 or as { suppressed: true }, and nothing per person', () => {
    const counts = countsOf({
      ASIAN_OR_ASIAN_BRITISH: [14, 3, 2, 1],
      WHITE: [120, 40, 11, 25],
      OTHER_ETHNIC_GROUP: [1, 0, 0, 0],
      NOT_ANSWERED: [33, 9, 12, 4],
    });
    const report = buildEqualOpportunityReport('ethnicity', counts, K10);
    const figures = [...report.groups, report.allCases].flatMap((g) =>
      [...CELLS, 'decided' as const].map((name) => g[name] as CountCell),
    );
    for (const cell of figures) {
      expect(Object.keys(cell)).toEqual(isShown(cell) ? ['value'] : ['suppressed']);
      if (isShown(cell)) expect(cell.value % 5).toBe(0);
    }
    expect(JSON.stringify(report)).not.toMatch(/caseId|[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });

  it('shows the same all-cases figures whichever category is asked for', () => {
    const population = countsOf({
      FEMALE: [40, 20, 3, 0],
      MALE: [44, 22, 1, 0],
      NOT_ANSWERED: [30, 0, 0, 2],
    });
    const byReligion = countsOf({ CHRISTIAN: [60, 2, 1, 1], NO_RELIGION: [54, 40, 3, 1] });
    expect(buildEqualOpportunityReport('religion', byReligion, K10).allCases).toEqual(
      buildEqualOpportunityReport('sex', population, K10).allCases,
    );
  });

  describe('on random populations, every category published at once', () => {
    const random = seededRandom(42);
    const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
      let roll = random() * weights.reduce((a, b) => a + b, 0);
      for (const [i, w] of weights.entries()) if ((roll -= w) <= 0) return items[i];
      return items[items.length - 1];
    };

    it('leaves no count an attacker could solve for from all the dashboards together', () => {
      for (let run = 0; run < 60; run += 1) {
        const people = Math.floor(random() * 250);
        const stageWeights = STAGE_GROUPS.map(() => random() ** 3);
        const groupWeights = new Map(
          MONITORING_CATEGORIES.map((c) => [c, monitoringGroups(c).map(() => random() ** 3)] as const),
        );
        const tallies = new Map<MonitoringCategory, Map<string, number>>();
        for (let person = 0; person < people; person += 1) {
          const stageGroup = pick(STAGE_GROUPS, stageWeights);
          for (const category of MONITORING_CATEGORIES) {
            const group = pick(monitoringGroups(category), groupWeights.get(category) ?? []);
            const tally = tallies.get(category) ?? new Map<string, number>();
            tally.set(`${group}|${stageGroup}`, (tally.get(`${group}|${stageGroup}`) ?? 0) + 1);
            tallies.set(category, tally);
          }
        }
        const reports = MONITORING_CATEGORIES.map((category) =>
          buildEqualOpportunityReport(
            category,
            [...(tallies.get(category) ?? new Map<string, number>()).entries()].map(([key, count]) => {
              const [group, stageGroup] = key.split('|') as [string, StageGroup];
              return { group, stageGroup, count };
            }),
            K10,
          ),
        );
        expect({ run, solvable: solvable(reports) }).toEqual({ run, solvable: [] });
        for (const report of reports) {
          for (const figures of [...report.groups, report.allCases]) {
            if (figures.successRate !== null) {
              expect(isShown(figures.granted) && isShown(figures.refused)).toBe(true);
            }
          }
        }
      }
    });
  });
});

describe('differencing attack: the dashboard before and after one decision', () => {
  /** The published counts of a report: what an HR analyst sees rounded or withheld. */
  const publishedCounts = (report: EqualOpportunityReport): CountCell[] =>
    [...report.groups, report.allCases].flatMap((figures) => CELLS.map((name) => figures[name] as CountCell));

  /** The counts after one in-progress case of `group` is decided. */
  const afterOneDecision = (
    counts: readonly GroupStageCount[],
    group: string,
    outcome: 'GRANTED' | 'REFUSED',
  ): GroupStageCount[] => [
    ...counts,
    { group, stageGroup: 'IN_PROGRESS', count: -1 },
    { group, stageGroup: outcome, count: 1 },
  ];

  it("does not move a group's success rate when one decision leaves every rounded count as it was", () => {
    // The reported attack: 25 granted of 50 decided, then one more grant. Every rounded cell stays the same
    // (26 → 25, 51 → 50, 29 in progress → 30), but a rate from the real counts went 0.50 → 0.51.
    const before = countsOf({
      FEMALE: [30, 25, 25, 10],
      MALE: [30, 20, 20, 10],
      PREFER_NOT_TO_SAY: [10, 10, 10, 10],
      NOT_ANSWERED: [10, 10, 10, 10],
    });
    const first = buildEqualOpportunityReport('sex', before, K10);
    const second = buildEqualOpportunityReport('sex', afterOneDecision(before, 'FEMALE', 'GRANTED'), K10);
    expect(publishedCounts(second)).toEqual(publishedCounts(first));
    expect(groupOf(second, 'FEMALE').successRate).toBe(groupOf(first, 'FEMALE').successRate);
    expect(second).toEqual(first);
  });

  it('changes no published figure on random populations unless a published count changed', () => {
    const random = seededRandom(9);
    let unchangedCounts = 0;
    for (let run = 0; run < 400; run += 1) {
      const category: MonitoringCategory = MONITORING_CATEGORIES[run % MONITORING_CATEGORIES.length];
      const groups = monitoringGroups(category);
      const counts: GroupStageCount[] = groups.flatMap((group) =>
        STAGE_GROUPS.map((stageGroup) => ({
          group,
          stageGroup,
          count: Math.floor(random() ** 2 * 60),
        })),
      );
      const candidates = counts.filter((c) => c.stageGroup === 'IN_PROGRESS' && c.count > 0);
      if (candidates.length === 0) continue;
      const decided = candidates[Math.floor(random() * candidates.length)];
      const outcome = random() < 0.5 ? 'GRANTED' : 'REFUSED';
      const first = buildEqualOpportunityReport(category, counts, K10);
      const second = buildEqualOpportunityReport(
        category,
        afterOneDecision(counts, decided.group, outcome),
        K10,
      );
      if (JSON.stringify(publishedCounts(second)) !== JSON.stringify(publishedCounts(first))) continue;
      unchangedCounts += 1;
      expect({ run, report: second }).toEqual({ run, report: first });
    }
    // The property was exercised, not skipped: most single decisions leave every rounded count alone.
    expect(unchangedCounts).toBeGreaterThan(50);
  });
});
