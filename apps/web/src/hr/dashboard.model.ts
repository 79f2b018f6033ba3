import type { DataTable, RenderedChart } from '../charts';
import { formatNumber, formatPercent, renderBarChart, renderFunnelChart, renderLineChart } from '../charts';
import { OPEN_STAGES } from '../../../../libs/domain/src';
import { words } from '../common/view-filters';
import type { CountCell, DashboardSummary, EqualOpportunityReport, Funnel } from './dashboard.types';

/** The published share of DV cases to decide within the target (85%). */
export const DV_TARGET_SHARE = 0.85;

/** RECORD_CHECKS → "Record checks" (the views' words filter). */
export const nameOf = (code: string): string => words(code);

const FUNNEL_NAMES: Record<string, string> = {
  APPLIED: 'Applied',
  QUESTIONNAIRE: 'Questionnaire',
  RECORD_CHECKS: 'Record checks',
  INVESTIGATION: 'Investigation',
  RECOMMENDATION: 'Recommendation',
  DECISION: 'Awaiting decision',
  DECIDED: 'Decided',
  GRANTED: 'Granted',
};

/** One section of the dashboard: a chart (or none) and its table, downloadable as CSV by `key`. */
export interface DashboardSection {
  key: string;
  heading: string;
  chart: RenderedChart | null;
  table: DataTable;
}

export interface DashboardModel {
  /** Aftercare's headline figures, when the API answers them. */
  aftercare: {
    appraisalsOverdue: string;
    renewalsDue: string;
    withinDays: number;
    renewalShare: string | null;
    publishedShare: string;
    targetDays: number;
  } | null;
  headline: {
    decided: string;
    withinTarget: string;
    share: string | null;
    targetDays: number;
    meetsTarget: boolean | null;
    openCases: string;
  };
  sections: DashboardSection[];
}

/**
 * Turns the API's figures into the dashboard's charts and tables. Pure: the page and the CSV share it. The
 * funnel comes from the summary when it has one, else from the equal-opportunity report's "all cases" row
 * (rounded and suppressed as published, so a suppressed step is shown as such).
 */
export function dashboardModel(summary: DashboardSummary, allCases?: Funnel): DashboardModel {
  const stages = OPEN_STAGES.filter((s) => summary.stages.some((x) => x.stage === s));
  const open = new Map(summary.stages.map((s) => [s.stage, s.openCases]));
  const busiest = [...summary.stages].sort((a, b) => b.openCases - a.openCases)[0];
  const sla = summary.sla;

  const openByStage = renderBarChart({
    id: 'open-by-stage',
    title: 'Open cases by stage',
    description:
      summary.openCases === 0
        ? 'There are no open cases.'
        : `${formatNumber(summary.openCases)} open cases; the most are in ${nameOf(busiest?.stage ?? '').toLowerCase()} (${formatNumber(busiest?.openCases ?? 0)}).`,
    categoryLabel: 'Stage',
    valueLabel: 'Open cases',
    data: stages.map((s) => ({ label: nameOf(s), value: open.get(s) ?? 0 })),
  });

  const deadlineTable: DataTable = {
    caption: 'Open cases at risk of missing, or past, their stage deadline',
    head: ['Stage', 'Open cases', 'At risk', 'Past deadline'],
    rows: stages.map((s) => [
      nameOf(s),
      formatNumber(open.get(s) ?? 0),
      formatNumber(sla.atRiskOpenByStage[s] ?? 0),
      formatNumber(sla.breachedOpenByStage[s] ?? 0),
    ]),
    numeric: [false, true, true, true],
  };
  const breachedTotal = Object.values(sla.breachedOpenByStage).reduce((a, b) => a + b, 0);
  const breached = renderBarChart({
    id: 'breached-by-stage',
    title: 'Open cases past their stage deadline',
    description: `${formatNumber(breachedTotal)} open ${breachedTotal === 1 ? 'case is' : 'cases are'} past the deadline of their current stage.`,
    categoryLabel: 'Stage',
    valueLabel: 'Past deadline',
    data: stages.map((s) => ({ label: nameOf(s), value: sla.breachedOpenByStage[s] ?? 0 })),
  });

  const durations = renderBarChart({
    id: 'stage-durations',
    title: 'Median working days spent in each stage',
    description: 'How long cases took in each stage they have left, in working days (the middle value).',
    categoryLabel: 'Stage',
    valueLabel: 'Median working days',
    data: stages.map((s) => ({ label: nameOf(s), value: sla.medianWorkingDaysByStage[s] ?? null })),
    missingText: 'no case has left this stage yet',
  });

  const funnel = summary.funnel
    ? funnelFromSummary(summary.funnel)
    : allCases
      ? funnelFromReport(allCases)
      : null;
  const trend = summary.trend && summary.trend.length > 0 ? summary.trend : null;
  const weeks = trend?.map((w) => shortDate(w.weekStarting)) ?? [];
  const trendChart = trend
    ? renderLineChart({
        id: 'trend',
        title: 'Cases opened and decided each week',
        description: `The last ${trend.length} weeks: ${formatNumber(sum(trend.map((w) => w.opened)))} opened and ${formatNumber(sum(trend.map((w) => w.decided)))} decided.`,
        xLabel: 'Week starting',
        xLabels: weeks,
        series: [
          { name: 'Opened', values: trend.map((w) => w.opened) },
          { name: 'Decided', values: trend.map((w) => w.decided) },
        ],
      })
    : null;
  // Week by week when the API gives weeks; otherwise the share so far against the target.
  const compliance = trend
    ? renderLineChart({
        id: 'compliance-trend',
        title: 'Share decided within the DV target each week',
        description: `Each week's decisions made within ${sla.dvTargetWorkingDays} working days, against the target of ${formatPercent(DV_TARGET_SHARE)}. Weeks with no decisions have no point.`,
        xLabel: 'Week starting',
        xLabels: weeks,
        series: [
          {
            name: 'Decided within target',
            values: trend.map((w) => (w.decided > 0 ? w.decidedWithinTarget / w.decided : null)),
          },
        ],
        format: formatPercent,
        max: 1,
        target: { value: DV_TARGET_SHARE, label: 'Target' },
      })
    : renderBarChart({
        id: 'compliance',
        title: `Share of decided cases decided within ${sla.dvTargetWorkingDays} working days`,
        description:
          sla.shareDecidedWithinTarget === null
            ? 'No case has been decided yet.'
            : `${formatPercent(sla.shareDecidedWithinTarget)} of ${formatNumber(sla.decidedCases)} decided cases were decided within ${sla.dvTargetWorkingDays} working days, against the target of ${formatPercent(DV_TARGET_SHARE)}.`,
        categoryLabel: 'Measure',
        valueLabel: 'Share',
        data: [{ label: 'Decided within target', value: sla.shareDecidedWithinTarget }],
        format: formatPercent,
        missingText: 'no decisions yet',
        target: { value: DV_TARGET_SHARE, label: 'Target' },
      });

  const aftercare = summary.aftercare ? aftercareSection(summary.aftercare) : null;
  const share = sla.shareDecidedWithinTarget;
  return {
    aftercare: summary.aftercare
      ? {
          appraisalsOverdue: formatNumber(summary.aftercare.appraisalsOverdue),
          renewalsDue: formatNumber(summary.aftercare.renewalsDue),
          withinDays: summary.aftercare.renewalsDueWithinDays,
          renewalShare:
            summary.aftercare.shareRenewalsWithinTarget === null
              ? null
              : formatPercent(summary.aftercare.shareRenewalsWithinTarget),
          publishedShare: formatPercent(summary.aftercare.publishedShareRenewalsWithinTarget),
          targetDays: summary.aftercare.renewalTargetWorkingDays,
        }
      : null,
    headline: {
      decided: formatNumber(sla.decidedCases),
      withinTarget: formatNumber(sla.decidedWithinTarget),
      share: share === null ? null : formatPercent(share),
      targetDays: sla.dvTargetWorkingDays,
      meetsTarget: share === null ? null : share >= DV_TARGET_SHARE,
      openCases: formatNumber(summary.openCases),
    },
    sections: [
      {
        key: 'compliance',
        heading: 'Decided within the DV target',
        chart: compliance,
        table: compliance.table,
      },
      { key: 'open-by-stage', heading: 'Open cases by stage', chart: openByStage, table: openByStage.table },
      { key: 'deadlines', heading: 'Stage deadlines', chart: breached, table: deadlineTable },
      { key: 'stage-durations', heading: 'Time in each stage', chart: durations, table: durations.table },
      ...(funnel ? [{ key: 'funnel', heading: 'Funnel', chart: funnel, table: funnel.table }] : []),
      ...(trendChart ? [{ key: 'trend', heading: 'Trend', chart: trendChart, table: trendChart.table }] : []),
      ...(aftercare ? [aftercare] : []),
    ],
  };
}

/**
 * Aftercare: our renewal share beside the published one (14% of DV renewals met their target, the number HR
 * watches), and the figures as a table: appraisals overdue, renewals due, renewals decided.
 */
function aftercareSection(a: NonNullable<DashboardSummary['aftercare']>): DashboardSection {
  const chart = renderBarChart({
    id: 'renewal-share',
    title: `Renewals decided within ${a.renewalTargetWorkingDays} working days, ours and published`,
    description:
      a.shareRenewalsWithinTarget === null
        ? `No renewal has been decided yet. The published figure is ${formatPercent(a.publishedShareRenewalsWithinTarget)}.`
        : `${formatPercent(a.shareRenewalsWithinTarget)} of our ${formatNumber(a.renewalsDecided)} decided renewals were decided within ${a.renewalTargetWorkingDays} working days; the published figure is ${formatPercent(a.publishedShareRenewalsWithinTarget)}.`,
    categoryLabel: 'Measure',
    valueLabel: 'Share',
    data: [
      { label: 'Our renewals', value: a.shareRenewalsWithinTarget },
      { label: 'Published figure', value: a.publishedShareRenewalsWithinTarget },
    ],
    format: formatPercent,
    missingText: 'no renewals decided yet',
  });
  return {
    key: 'aftercare',
    heading: 'Aftercare and renewals',
    chart,
    table: {
      caption: 'Aftercare and renewal figures',
      head: ['Measure', 'Figure'],
      rows: [
        ['Annual appraisals overdue', formatNumber(a.appraisalsOverdue)],
        [`Renewals due within ${a.renewalsDueWithinDays} days`, formatNumber(a.renewalsDue)],
        ['Of those, renewal under way', formatNumber(a.renewalsDueOpen)],
        ['Renewals decided', formatNumber(a.renewalsDecided)],
        [
          `Decided within ${a.renewalTargetWorkingDays} working days`,
          formatNumber(a.renewalsDecidedWithinTarget),
        ],
        [
          'Share decided within target',
          a.shareRenewalsWithinTarget === null
            ? 'no renewals decided yet'
            : formatPercent(a.shareRenewalsWithinTarget),
        ],
        ['Published share (DV renewals)', formatPercent(a.publishedShareRenewalsWithinTarget)],
      ],
      numeric: [false, true],
    },
  };
}

/** A published count as text: the rounded number, or "suppressed". */
export function countText(cell: CountCell): string {
  return cell.suppressed || cell.value === undefined ? 'suppressed' : formatNumber(cell.value);
}

const FUNNEL_COLUMNS: [keyof Omit<Funnel, 'successRate'>, string][] = [
  ['applied', 'Applied'],
  ['inProgress', 'In progress'],
  ['decided', 'Decided'],
  ['granted', 'Granted'],
  ['refused', 'Refused'],
  ['closedWithoutDecision', 'Closed without a decision'],
];

/** One equal-opportunity category as a table; suppressed cells say so, never a number. */
export function equalOpportunityTable(report: EqualOpportunityReport): DataTable {
  const row = (label: string, f: Funnel): string[] => [
    label,
    ...FUNNEL_COLUMNS.map(([key]) => countText(f[key])),
    f.successRate === null ? 'suppressed' : formatPercent(f.successRate),
  ];
  return {
    caption: `Recruitment funnel by ${nameOf(report.category).toLowerCase()}`,
    head: ['Group', ...FUNNEL_COLUMNS.map(([, name]) => name), 'Success rate'],
    rows: [
      ...report.groups.map((g) => row(g.group === 'NOT_ANSWERED' ? 'Not answered' : nameOf(g.group), g)),
      row('All cases', report.allCases),
    ],
    numeric: [false, true, true, true, true, true, true, true],
  };
}

function funnelFromSummary(steps: { step: string; cases: number }[]): RenderedChart {
  const first = steps[0]?.cases ?? 0;
  const granted = steps.find((f) => f.step === 'GRANTED')?.cases ?? 0;
  return renderFunnelChart({
    id: 'funnel',
    title: 'How far cases have got',
    description: `Of ${formatNumber(first)} applications, ${formatNumber(granted)} have been granted clearance.`,
    stepLabel: 'Step reached',
    valueLabel: 'Cases',
    steps: steps.map((f) => ({ label: FUNNEL_NAMES[f.step] ?? nameOf(f.step), value: f.cases })),
  });
}

function funnelFromReport(all: Funnel): RenderedChart {
  const value = (cell: CountCell): number | null =>
    cell.suppressed || cell.value === undefined ? null : cell.value;
  return renderFunnelChart({
    id: 'funnel',
    title: 'How far cases have got',
    description: `Applications: ${countText(all.applied)}; decided: ${countText(all.decided)}; granted: ${countText(all.granted)}. Counts are rounded, and small ones suppressed.`,
    stepLabel: 'Step reached',
    valueLabel: 'Cases',
    steps: [
      { label: 'Applied', value: value(all.applied) },
      { label: 'Decided', value: value(all.decided) },
      { label: 'Granted', value: value(all.granted) },
    ],
    missingText: 'suppressed',
  });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** 2026-11-23 → 23 Nov */
function shortDate(iso: string): string {
  return SHORT.format(new Date(`${iso}T00:00:00Z`));
}
