import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../../libs/config/src';
import type { Principal } from '../../../../libs/domain/src';
import { DashboardReadModel } from '../../../../libs/persistence/src';
import type { AftercareCounts, OpenStageFigures, StageVisit } from '../../../../libs/persistence/src';
import { DashboardService } from './dashboard.service';

// The summary's counts are read on every request; its median working days (over the latest 10,000 visits, the
// costly read) are reused for 30 s per scope. The read-model itself is tested on PostgreSQL
// (test/integration/case-counters.spec.ts); this stands in for it to count the reads.
const DAY = 86_400_000;
const MONDAY = Date.parse('2025-03-03T09:00:00Z');

class CountingReadModel extends DashboardReadModel {
  visitReads = 0;
  openReads = 0;
  failNextVisits = false;

  constructor() {
    super({} as unknown as DataSource);
  }

  override openStages(): Promise<OpenStageFigures[]> {
    this.openReads += 1;
    return Promise.resolve([{ stage: 'QUESTIONNAIRE', open: this.openReads, medianDaysInStage: 1 }]);
  }
  override closedByOutcome(): Promise<{ outcome: string; count: number }[]> {
    return Promise.resolve([]);
  }
  override oldestOpenCase(): Promise<null> {
    return Promise.resolve(null);
  }
  override decidedAgainstTarget(): Promise<{ decided: number; withinTarget: number }> {
    return Promise.resolve({ decided: 0, withinTarget: 0 });
  }
  override slaCountsByStage(): Promise<[]> {
    return Promise.resolve([]);
  }
  override weeklyTrend(): Promise<[]> {
    return Promise.resolve([]);
  }
  aftercareWindows: number[] = [];
  override aftercare(withinDays: number): Promise<AftercareCounts> {
    this.aftercareWindows.push(withinDays);
    return Promise.resolve({
      appraisalsOverdue: 3,
      renewalsDue: 5,
      renewalsDueOpen: 2,
      renewalsDecided: 8,
      renewalsWithinTarget: 1,
    });
  }
  override stageVisits(): Promise<StageVisit[]> {
    this.visitReads += 1;
    if (this.failNextVisits) {
      this.failNextVisits = false;
      return Promise.reject(new Error('database away'));
    }
    // Monday to Wednesday: two working days.
    return Promise.resolve([{ stage: 'QUESTIONNAIRE', enteredMs: MONDAY, leftMs: MONDAY + 2 * DAY }]);
  }
}

const config = loadConfig({ DATABASE_URL: 'postgres://unused@localhost:5432/unused' });
const HR: Principal = { subject: 'hr-1', roles: ['HR_ANALYST'] };
const LEAD: Principal = { subject: 'lead-1', roles: ['TEAM_LEAD'], team: 'team-a' };

afterEach(() => jest.restoreAllMocks());

it('reads the counts on every summary and the visits once per scope for 30 s', async () => {
  const readModel = new CountingReadModel();
  const service = new DashboardService(readModel, config);
  let now = Date.parse('2026-01-05T10:00:00Z');
  jest.spyOn(Date, 'now').mockImplementation(() => now);

  const first = await service.summary(HR);
  expect(first.sla.medianWorkingDaysByStage.QUESTIONNAIRE).toBe(2);
  now += 29_000;
  const second = await service.summary(HR);
  expect(second.openCases).toBe(2);
  expect(second.sla.medianWorkingDaysByStage.QUESTIONNAIRE).toBe(2);
  expect(readModel.visitReads).toBe(1);
  await service.summary(LEAD);
  expect(readModel.visitReads).toBe(2);
  now += 1_000;
  await service.summary(HR);
  expect(readModel.visitReads).toBe(3);
  expect(readModel.openReads).toBe(4);
});

it('does not reuse a failed read of the visits', async () => {
  const readModel = new CountingReadModel();
  const service = new DashboardService(readModel, config);
  readModel.failNextVisits = true;
  await expect(service.summary(HR)).rejects.toThrow('database away');
  await expect(service.summary(HR)).resolves.toMatchObject({ openCases: 2 });
  expect(readModel.visitReads).toBe(2);
});

it('answers the aftercare figures with our renewal share beside the published 14%', async () => {
  const readModel = new CountingReadModel();
  const service = new DashboardService(readModel, config);
  const summary = await service.summary(HR);
  expect(readModel.aftercareWindows).toEqual([90]);
  expect(summary.aftercare).toEqual({
    appraisalsOverdue: 3,
    renewalsDueWithinDays: 90,
    renewalsDue: 5,
    renewalsDueOpen: 2,
    renewalTargetWorkingDays: config.clock.policy.targets.DV_RENEWAL,
    renewalsDecided: 8,
    renewalsDecidedWithinTarget: 1,
    shareRenewalsWithinTarget: 0.125,
    publishedShareRenewalsWithinTarget: 0.14,
  });
});
