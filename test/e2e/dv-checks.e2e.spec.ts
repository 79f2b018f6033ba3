import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import type { CaseDetail } from '../support/dv-flow';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { until } from '../support/until';
import { testDatabaseUrl } from '../support/env';
import { officer } from '../support/principals';

// This suite's worker talks to a simulated provider that always finds a trace on criminal records, and whose
// Security Service line is down for the first two requests of every check, then recovers.
const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  SIMULATED_PROVIDER_FORCE: '{"CRIMINAL_RECORDS":"TRACE"}',
  SIMULATED_PROVIDER_OUTAGES: '{"SECURITY_SERVICE":2}',
});
const dv = new DvFlow(api);
let db: DataSource;
beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

function waitForChecks(caseId: string): Promise<CaseDetail> {
  return until(
    `every check on ${caseId} to resolve`,
    async () => {
      const detail = await dv.inspect(caseId);
      // The six DV checks; the baseline's BPSS check (resolved before the questionnaire) is listed beside them.
      const dvChecks = detail.checks.filter((c) => c.checkType !== 'BASIC_CRIMINAL_RECORD');
      return dvChecks.length === 6 && detail.checks.every((c) => c.status === 'RESOLVED')
        ? detail
        : undefined;
    },
    45_000,
    250,
  );
}

describe('record checks that need a person, and a provider outage', () => {
  it('turns a TRACE into an officer review task and holds the stage until it is closed', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.toRecordChecks(caseId, applicant);
    const detail = await waitForChecks(caseId);
    expect(detail.stage).toBe('RECORD_CHECKS');
    expect(detail.checks.find((c) => c.checkType === 'CRIMINAL_RECORDS')).toMatchObject({ outcome: 'TRACE' });
    const review = detail.tasks.find((t) => t.kind === 'CHECK_REVIEW');
    expect(review).toMatchObject({ status: 'OPEN' });
    if (!review) throw new Error('no review task');

    await dv.expectOk(officer, caseId, `tasks/${review.id}/closure`, {
      outcome: 'spent caution; no security concern',
    });
    await dv.waitForStage(caseId, 'INVESTIGATION');
  });

  it('retries a provider through an outage with backoff and records the result once it recovers', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.toRecordChecks(caseId, applicant);
    const detail = await waitForChecks(caseId);
    expect(detail.checks.find((c) => c.checkType === 'SECURITY_SERVICE')).toMatchObject({
      status: 'RESOLVED',
      outcome: 'CLEAR',
    });
    const rows: { attempts: number; status: string }[] = await db.query(
      `SELECT attempts, status FROM record_check WHERE case_id = $1 AND check_type = 'SECURITY_SERVICE'`,
      [caseId],
    );
    expect(rows[0]?.attempts).toBeGreaterThanOrEqual(3);
    // The other checks were not held up by the outage.
    expect(
      detail.checks.filter((c) => c.checkType !== 'SECURITY_SERVICE').every((c) => c.status === 'RESOLVED'),
    ).toBe(true);
  });
});
