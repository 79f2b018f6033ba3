import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../../libs/config/src';
import type { Principal } from '../../../../libs/domain/src';
import { DashboardReadModel } from '../../../../libs/persistence/src';
import type {
  AftercareCounts,
  OpenStageFigures,
  StageWorkingDaysMedian,
} from '../../../../libs/persistence/src';
import { DashboardService } from './dashboard.service';

// Every figure of the summary, the median working days included, is read on every request. The read-model itself
// is tested on PostgreSQL (test/integration/case-counters.spec.ts, read-model.spec.ts); this stands in for it to
// count the reads and see what the service asks for.

class CountingReadModel extends DashboardReadModel {
  openReads = 0;

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
  medianReads: { limit: number; team: string | null; calendar: string }[] = [];
  override medianWorkingDaysByStage(
    limit: number,
    team: string | null,
    calendar: string,
  ): Promise<StageWorkingDaysMedian[]> {
    this.medianReads.push({ limit, team, calendar });
    return Promise.resolve([{ stage: 'QUESTIONNAIRE', median: 2.04 }]);
  }
}

const config = loadConfig({ DATABASE_URL: 'postgres://unused@localhost:5432/unused' });
const HR: Principal = { subject: 'hr-1', roles: ['HR_ANALYST'] };
const LEAD: Principal = { subject: 'lead-1', roles: ['TEAM_LEAD'], team: 'team-a' };

it('reads every figure, the median working days included, on every summary', async () => {
  const readModel = new CountingReadModel();
  const service = new DashboardService(readModel, config);

  const first = await service.summary(HR);
  // Rounded to a tenth; a stage no recent visit left has no median.
  expect(first.sla.medianWorkingDaysByStage.QUESTIONNAIRE).toBe(2);
  expect(first.sla.medianWorkingDaysByStage.RECORD_CHECKS).toBeNull();
  await service.summary(HR);
  await service.summary(LEAD);
  const calendar = config.clock.policy.calendar;
  expect(readModel.medianReads).toEqual([
    { limit: 10_000, team: null, calendar },
    { limit: 10_000, team: null, calendar },
    { limit: 10_000, team: 'team-a', calendar },
  ]);
  expect(readModel.openReads).toBe(3);
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
