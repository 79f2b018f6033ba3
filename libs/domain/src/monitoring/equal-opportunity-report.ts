import type { Stage } from '../stage-model';
import { OPEN_STAGES } from '../stage-model';
import type { MonitoringCategory, MonitoringGroup } from './monitoring-categories';
import { isDeclaredGroup, monitoringGroups } from './monitoring-categories';
import { publishedDifference, publishedRate, publishedSum } from './published-figures';
import type { CountCell, SuppressedTable } from './suppress-table';
import { suppressLine, suppressTable } from './suppress-table';
import type { SuppressionPolicy } from './suppression-policy';
import { DEFAULT_SUPPRESSION_POLICY } from './suppression-policy';

/**
 * Where a case is, in groups that do not overlap: suppression needs columns that add up to the row total.
 * The funnel's "decided" is GRANTED + REFUSED and "applied" is the row total.
 */
export const STAGE_GROUPS = ['IN_PROGRESS', 'GRANTED', 'REFUSED', 'CLOSED_WITHOUT_DECISION'] as const;
export type StageGroup = (typeof STAGE_GROUPS)[number];

/** The stages in each stage group; every stage is in exactly one. */
export const STAGES_BY_GROUP: Readonly<Record<StageGroup, readonly Stage[]>> = Object.freeze({
  IN_PROGRESS: OPEN_STAGES,
  GRANTED: ['GRANTED', 'GRANTED_WITH_CONDITIONS'],
  REFUSED: ['REFUSED'],
  CLOSED_WITHOUT_DECISION: ['INELIGIBLE', 'WITHDRAWN', 'LAPSED', 'NOT_SPONSORED', 'BASELINE_FAILED'],
});

/** The stage group a stage belongs to. */
export function stageGroupOf(stage: Stage): StageGroup {
  const group = STAGE_GROUPS.find((g) => STAGES_BY_GROUP[g].includes(stage));
  if (!group) throw new RangeError(`stage ${stage} is in no stage group`);
  return group;
}

/** One aggregate row as the database returns it: how many cases of a group are in a stage group. */
export interface GroupStageCount {
  readonly group: string;
  readonly stageGroup: StageGroup;
  readonly count: number;
}

/** The recruitment funnel of one group (or of everyone), after suppression. */
export interface FunnelFigures {
  readonly applied: CountCell;
  readonly inProgress: CountCell;
  readonly decided: CountCell;
  readonly granted: CountCell;
  readonly refused: CountCell;
  readonly closedWithoutDecision: CountCell;
  /** Published granted over published decided, to two decimal places; null when either is withheld. */
  readonly successRate: number | null;
}

/** HR's equal-opportunity view of one category: aggregates only, safe to publish. */
export interface EqualOpportunityReport {
  readonly category: MonitoringCategory;
  readonly policy: SuppressionPolicy;
  readonly groups: readonly ({ readonly group: MonitoringGroup } & FunnelFigures)[];
  readonly allCases: FunnelFigures;
  /**
   * Cases that declared a group (not "prefer not to say", not unanswered) over all cases, from the published
   * totals; null when any of them is withheld or the declared difference is under k.
   */
  readonly declarationRate: number | null;
}

/**
 * Builds the funnel per group of a category from aggregate counts, passing every count through small-number
 * suppression. Every other figure (decided, the success and declaration rates) is derived from the published
 * counts alone and withheld with them (see published-figures.ts): between two dashboards, nothing moves
 * unless a published count moved.
 */
export function buildEqualOpportunityReport(
  category: MonitoringCategory,
  counts: readonly GroupStageCount[],
  policy: SuppressionPolicy = DEFAULT_SUPPRESSION_POLICY,
): EqualOpportunityReport {
  const groups = monitoringGroups(category);
  const raw = groups.map(() => STAGE_GROUPS.map(() => 0));
  for (const { group, stageGroup, count } of counts) {
    const row = (groups as readonly string[]).indexOf(group);
    if (row < 0) throw new RangeError(`${group} is not a group of ${category}`);
    raw[row][STAGE_GROUPS.indexOf(stageGroup)] += count;
  }
  const rawTotals = STAGE_GROUPS.map((_, column) => raw.reduce((n, cells) => n + cells[column], 0));
  // Every category's table has these same totals; deciding their suppression apart from any one category
  // keeps two dashboards from hiding different totals and so revealing each other's hidden counts.
  const margin = suppressLine(rawTotals, policy);
  const table = suppressTable(raw, policy, { columnTotals: margin.cells, grandTotal: margin.total });
  // From here on only the published table is used: no raw count may reach a published figure.
  return publishedReport(category, policy, groups, table);
}

function publishedReport(
  category: MonitoringCategory,
  policy: SuppressionPolicy,
  groups: readonly MonitoringGroup[],
  table: SuppressedTable,
): EqualOpportunityReport {
  // How many declared is all cases less those who preferred not to say or did not answer, as published.
  const undeclared = table.rowTotals.filter((_, row) => !isDeclaredGroup(groups[row]));
  const declared = publishedDifference(table.grandTotal, undeclared, policy.minimumCellCount);
  return {
    category,
    policy: { minimumCellCount: policy.minimumCellCount, roundingBase: policy.roundingBase },
    groups: groups.map((group, row) => ({
      group,
      ...funnel(table.cells[row], table.rowTotals[row]),
    })),
    allCases: funnel(table.columnTotals, table.grandTotal),
    declarationRate: publishedRate(declared, table.grandTotal),
  };
}

/** One row of the published table as a funnel: "decided" and the success rate come from its cells only. */
function funnel(cells: readonly CountCell[], applied: CountCell): FunnelFigures {
  const at = (group: StageGroup): CountCell => cells[STAGE_GROUPS.indexOf(group)];
  const granted = at('GRANTED');
  // "Decided" is the sum of two cells: withheld with either, since beside one hidden part it would give it away.
  const decided = publishedSum([granted, at('REFUSED')]);
  return {
    applied,
    inProgress: at('IN_PROGRESS'),
    decided,
    granted,
    refused: at('REFUSED'),
    closedWithoutDecision: at('CLOSED_WITHOUT_DECISION'),
    successRate: publishedRate(granted, decided),
  };
}
