import { tableToCsv } from '../charts';
import { countText, dashboardModel, equalOpportunityTable, nameOf } from './dashboard.model';
import type { DashboardSummary, EqualOpportunityReport } from './dashboard.types';

const summary: DashboardSummary = {
  generatedAt: '2026-11-30T12:00:00Z',
  openCases: 12,
  stages: [
    { stage: 'ELIGIBILITY_SCREENING', openCases: 0, medianDaysInStage: null },
    { stage: 'QUESTIONNAIRE', openCases: 4, medianDaysInStage: 2 },
    { stage: 'INVESTIGATION', openCases: 8, medianDaysInStage: 10 },
  ],
  closedByOutcome: { GRANTED: 3 },
  sla: {
    dvTargetWorkingDays: 95,
    decidedCases: 4,
    decidedWithinTarget: 3,
    shareDecidedWithinTarget: 0.75,
    breachedOpenByStage: { QUESTIONNAIRE: 2 },
    atRiskOpenByStage: { INVESTIGATION: 1 },
    medianWorkingDaysByStage: { QUESTIONNAIRE: 3.5, INVESTIGATION: null, ELIGIBILITY_SCREENING: 0 },
  },
  funnel: [
    { step: 'APPLIED', cases: 20 },
    { step: 'QUESTIONNAIRE', cases: 18 },
    { step: 'DECIDED', cases: 4 },
    { step: 'GRANTED', cases: 3 },
  ],
  trend: [
    { weekStarting: '2026-11-16', opened: 5, decided: 0, decidedWithinTarget: 0 },
    { weekStarting: '2026-11-23', opened: 7, decided: 4, decidedWithinTarget: 3 },
  ],
};

describe('dashboardModel', () => {
  const model = dashboardModel(summary);

  it('headlines the share decided within the target, and whether it meets 85%', () => {
    expect(model.headline).toMatchObject({
      decided: '4',
      withinTarget: '3',
      share: '75%',
      targetDays: 95,
      meetsTarget: false,
      openCases: '12',
    });
    expect(
      dashboardModel({ ...summary, sla: { ...summary.sla, shareDecidedWithinTarget: null } }).headline,
    ).toMatchObject({ share: null, meetsTarget: null });
  });

  it('has a chart and a downloadable table for every section, stages in DV order', () => {
    expect(model.sections.map((s) => s.key)).toEqual([
      'compliance',
      'open-by-stage',
      'deadlines',
      'stage-durations',
      'funnel',
      'trend',
    ]);
    const open = model.sections.find((s) => s.key === 'open-by-stage');
    expect(open?.table.rows).toEqual([
      ['Eligibility screening', '0'],
      ['Questionnaire', '4'],
      ['Investigation', '8'],
    ]);
    expect(open?.chart?.svg).toContain('the most are in investigation (8)');
    const deadlines = model.sections.find((s) => s.key === 'deadlines');
    expect(deadlines?.table.rows[1]).toEqual(['Questionnaire', '4', '0', '2']);
    expect(deadlines?.table.rows[2]).toEqual(['Investigation', '8', '1', '0']);
  });

  it('says so when a stage has no duration yet, and leaves weeks without decisions out of the share', () => {
    const durations = model.sections.find((s) => s.key === 'stage-durations');
    expect(durations?.table.rows[2]).toEqual(['Investigation', 'no case has left this stage yet']);
    const compliance = model.sections.find((s) => s.key === 'compliance');
    expect(compliance?.table.rows).toEqual([
      ['16 Nov', 'no data'],
      ['23 Nov', '75%'],
    ]);
  });

  it('names funnel steps in words', () => {
    const funnel = model.sections.find((s) => s.key === 'funnel');
    expect(funnel?.table.rows.map((r) => r[0])).toEqual(['Applied', 'Questionnaire', 'Decided', 'Granted']);
  });
});

describe('dashboardModel without a funnel or weeks (what the API answers today)', () => {
  const today: DashboardSummary = { ...summary, funnel: undefined, trend: undefined };
  const cell = (value?: number) => (value === undefined ? { suppressed: true as const } : { value });
  const allCases = {
    applied: cell(40),
    inProgress: cell(20),
    decided: cell(15),
    granted: cell(undefined),
    refused: cell(undefined),
    closedWithoutDecision: cell(5),
    successRate: null,
  };

  it('shows the share so far against the target, and no trend', () => {
    const model = dashboardModel(today);
    expect(model.sections.map((s) => s.key)).toEqual([
      'compliance',
      'open-by-stage',
      'deadlines',
      'stage-durations',
    ]);
    expect(model.sections[0]?.table.rows).toEqual([
      ['Decided within target', '75%'],
      ['Target', '85%'],
    ]);
  });

  it('takes the funnel from the equal-opportunity report, suppressed steps shown as suppressed', () => {
    const funnel = dashboardModel(today, allCases).sections.find((s) => s.key === 'funnel');
    expect(funnel?.table.rows.map((r) => r.slice(0, 2))).toEqual([
      ['Applied', '40'],
      ['Decided', '15'],
      ['Granted', 'suppressed'],
    ]);
    expect(funnel?.chart?.svg).toContain('Applications: 40; decided: 15; granted: suppressed.');
  });
});

describe('dashboardModel with aftercare figures', () => {
  const aftercare = {
    appraisalsOverdue: 1234,
    renewalsDueWithinDays: 90,
    renewalsDue: 7,
    renewalsDueOpen: 3,
    renewalTargetWorkingDays: 95,
    renewalsDecided: 8,
    renewalsDecidedWithinTarget: 2,
    shareRenewalsWithinTarget: 0.25,
    publishedShareRenewalsWithinTarget: 0.14,
  };

  it('headlines overdue appraisals, renewals due and our renewal share beside the published 14%', () => {
    const model = dashboardModel({ ...summary, aftercare });
    expect(model.aftercare).toEqual({
      appraisalsOverdue: '1,234',
      renewalsDue: '7',
      withinDays: 90,
      renewalShare: '25%',
      publishedShare: '14%',
      targetDays: 95,
    });
    const section = model.sections.find((s) => s.key === 'aftercare');
    expect(section?.table.rows).toEqual([
      ['Annual appraisals overdue', '1,234'],
      ['Renewals due within 90 days', '7'],
      ['Of those, renewal under way', '3'],
      ['Renewals decided', '8'],
      ['Decided within 95 working days', '2'],
      ['Share decided within target', '25%'],
      ['Published share (DV renewals)', '14%'],
    ]);
    expect(section?.chart?.svg).toContain('the published figure is 14%');
  });

  it('says when no renewal is decided yet, and has no aftercare from an API without it', () => {
    const none = dashboardModel({
      ...summary,
      aftercare: {
        ...aftercare,
        renewalsDecided: 0,
        renewalsDecidedWithinTarget: 0,
        shareRenewalsWithinTarget: null,
      },
    });
    expect(none.aftercare?.renewalShare).toBeNull();
    expect(none.sections.find((s) => s.key === 'aftercare')?.table.rows[5]).toEqual([
      'Share decided within target',
      'no renewals decided yet',
    ]);
    expect(dashboardModel(summary).aftercare).toBeNull();
  });
});

describe('equalOpportunityTable', () => {
  const cell = (value?: number) => (value === undefined ? { suppressed: true as const } : { value });
  const funnel = (applied?: number, granted?: number, rate: number | null = null) => ({
    applied: cell(applied),
    inProgress: cell(10),
    decided: cell(10),
    granted: cell(granted),
    refused: cell(),
    closedWithoutDecision: cell(),
    successRate: rate,
  });
  const report: EqualOpportunityReport = {
    generatedAt: '2026-11-30T12:00:00Z',
    category: 'ethnicity',
    policy: { minimumCellCount: 10, roundingBase: 5 },
    groups: [
      { group: 'WHITE', ...funnel(25, 10, 0.5) },
      { group: 'NOT_ANSWERED', ...funnel(undefined, undefined) },
    ],
    allCases: funnel(40, 20, 0.5),
    declarationRate: 0.8,
  };

  it('shows suppressed cells as suppressed, never as a number', () => {
    const table = equalOpportunityTable(report);
    expect(table.caption).toBe('Recruitment funnel by ethnicity');
    expect(table.rows[0]).toEqual(['White', '25', '10', '10', '10', 'suppressed', 'suppressed', '50%']);
    expect(table.rows[1]?.[0]).toBe('Not answered');
    expect(table.rows[1]?.filter((c) => c === 'suppressed')).toHaveLength(5);
    expect(table.rows[2]?.[0]).toBe('All cases');
    expect(tableToCsv(table).split('\r\n')[0]).toBe(
      'Group,Applied,In progress,Decided,Granted,Refused,Closed without a decision,Success rate',
    );
  });

  it('writes counts and names plainly', () => {
    expect(countText({ value: 1235 })).toBe('1,235');
    expect(countText({ suppressed: true })).toBe('suppressed');
    expect(nameOf('RECORD_CHECKS')).toBe('Record checks');
  });
});
