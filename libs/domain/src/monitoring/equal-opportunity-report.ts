import type { Stage } from '../stage-model';
import { OPEN_STAGES } from '../stage-model';
import type { MonitoringCategory, MonitoringGroup } from './monitoring-categories';
import { NOT_ANSWERED, PREFER_NOT_TO_SAY, isDeclaredGroup, monitoringGroups } from './monitoring-categories';
import type { CountCell } from './suppress-table';
import { isShown, roundCount, suppressLine, suppressTable } from './suppress-table';
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
  CLOSED_WITHOUT_DECISION: ['INELIGIBLE', 'WITHDRAWN', 'LAPSED'],
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
  /** Granted over decided, to two decimal places; null when it could reveal a suppressed count. */
  readonly successRate: number | null;
}

/** HR's equal-opportunity view of one category: aggregates only, safe to publish. */
export interface EqualOpportunityReport {
  readonly category: MonitoringCategory;
  readonly policy: SuppressionPolicy;
  readonly groups: readonly ({ readonly group: MonitoringGroup } & FunnelFigures)[];
  readonly allCases: FunnelFigures;
  /** Cases that declared a group (not "prefer not to say", not unanswered) over all cases; null when unsafe. */
  readonly declarationRate: number | null;
}

/**
 * Builds the funnel per group of a category from aggregate counts, passing every figure through
 * small-number suppression. Rates come from the raw counts but only where every count behind them is shown.
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

  const rowTotalShown = (group: string): boolean =>
    isShown(table.rowTotals[(groups as readonly string[]).indexOf(group)]);
  const allCases = raw.reduce((n, cells) => n + cells.reduce((a, b) => a + b, 0), 0);
  const declared = raw
    .filter((_, row) => isDeclaredGroup(groups[row]))
    .reduce((n, cells) => n + cells.reduce((a, b) => a + b, 0), 0);
  const k = policy.minimumCellCount;
  // The rate gives away how many did not declare, and with it the total; both are safe to reveal only when
  // the rows and the total they come from are shown anyway, or it would undo their suppression.
  const declarationRateSafe =
    allCases >= k &&
    declared >= k &&
    isShown(table.grandTotal) &&
    rowTotalShown(PREFER_NOT_TO_SAY) &&
    rowTotalShown(NOT_ANSWERED);

  return {
    category,
    policy: { minimumCellCount: policy.minimumCellCount, roundingBase: policy.roundingBase },
    groups: groups.map((group, row) => ({
      group,
      ...funnel(raw[row], table.cells[row], table.rowTotals[row], policy),
    })),
    allCases: funnel(rawTotals, table.columnTotals, table.grandTotal, policy),
    declarationRate: declarationRateSafe ? ratio(declared, allCases) : null,
  };
}

function funnel(
  raw: readonly number[],
  cells: readonly CountCell[],
  applied: CountCell,
  policy: SuppressionPolicy,
): FunnelFigures {
  const at = (group: StageGroup): number => STAGE_GROUPS.indexOf(group);
  const granted = cells[at('GRANTED')];
  const refused = cells[at('REFUSED')];
  const rawDecided = raw[at('GRANTED')] + raw[at('REFUSED')];
  // "Decided" is the sum of two cells: shown beside one hidden part it would give that part away.
  const decidedShown = isShown(granted) && isShown(refused);
  return {
    applied,
    inProgress: cells[at('IN_PROGRESS')],
    decided: decidedShown ? { value: roundCount(rawDecided, policy.roundingBase) } : { suppressed: true },
    granted,
    refused,
    closedWithoutDecision: cells[at('CLOSED_WITHOUT_DECISION')],
    successRate:
      decidedShown && rawDecided >= policy.minimumCellCount ? ratio(raw[at('GRANTED')], rawDecided) : null,
  };
}

function ratio(numerator: number, base: number): number {
  return Math.round((numerator / base) * 100) / 100;
}
