import type { DataSource } from 'typeorm';
import type { Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { testDatabaseUrl } from '../support/env';
import { adjudicator, sponsor } from '../support/principals';
import { until } from '../support/until';

/**
 * Record checks re-run when a clearance holder reports a change of circumstances (issue 12), over HTTP on the
 * real dev server and worker, through the simulated provider adapter. The provider's credit and financial lines
 * are down for good (the case never runs them, so the grant is not held up): a financial change's checks keep
 * retrying until their timeout while everything else on the clearance carries on, and the appraisal year ends
 * (continue-as-new) while they run.
 */
const YEAR_MS = 15_000;
const CHECK_TIMEOUT_MS = 35_000;
const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  DV_CHECKS: 'DEPARTMENTAL_RECORDS,CRIMINAL_RECORDS,SECURITY_SERVICE,THIRD_PARTY',
  SIMULATED_PROVIDER_OUTAGES: '{"CREDIT_REFERENCE":1000000,"FINANCIAL_REVIEW":1000000}',
  RECORD_CHECK_TIMEOUT_MS: String(CHECK_TIMEOUT_MS),
  AFTERCARE_YEAR_MS: String(YEAR_MS),
  APPRAISAL_REMINDER_MS: '4000',
  APPRAISAL_OVERDUE_MS: '8000',
});
const dv = new DvFlow(api);
const reviewer: Principal = { subject: 'aftercare-checks-officer', roles: ['VETTING_OFFICER'] };

interface CheckBody {
  checkType: string;
  status: string;
  outcome: string | null;
  startedAt: string;
  resolvedAt: string | null;
}
interface TaskBody {
  taskId: string;
  kind: string;
  status: string;
  outcome: string | null;
  checks?: CheckBody[];
}
interface ClearanceBody {
  status: string;
  appraisal: { n: number; status: string; dueAt: string } | null;
  tasks: TaskBody[];
}

let db: DataSource;
let holder: Principal;
let caseId: string;
let clearanceId: string;
let financialTask: string;
let reportedAt: number;

const url = (path = ''): string => `/clearances/${clearanceId}${path}`;
const staffView = async (): Promise<ClearanceBody> => {
  const res = await api.as(reviewer).get(url());
  expect(res.status).toBe(200);
  return res.body as ClearanceBody;
};
const task = async (taskId: string): Promise<TaskBody | undefined> =>
  (await staffView()).tasks.find((t) => t.taskId === taskId);
const report = async (kind: string, summary: string): Promise<string> => {
  const before = (await staffView()).tasks.map((t) => t.taskId);
  const res = await api.as(holder).post(url('/changes'), { kind, occurredOn: '2026-11-20', summary });
  expect(res.status).toBe(200);
  // The holder is told nothing about checks: the coarse view has no tasks.
  expect(res.body).not.toHaveProperty('tasks');
  const opened = (await staffView()).tasks.find((t) => !before.includes(t.taskId));
  if (!opened) throw new Error(`no review task for ${kind}`);
  return opened.taskId;
};

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  const started = await dv.newCase(undefined, sponsor);
  holder = started.applicant;
  caseId = started.caseId;
  await dv.toDecision(caseId, holder);
  await dv.expectOk(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
  clearanceId = await dv.heldClearanceId(holder, 30_000);
}, 300_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

describe('checks re-run on a change of circumstances', () => {
  it('starts the financial checks on a financial change; the provider being down holds them RUNNING', async () => {
    reportedAt = Date.now();
    financialTask = await report('FINANCIAL_CHANGE', 'County court judgment');
    const opened = await task(financialTask);
    expect(opened).toMatchObject({ kind: 'CHANGE_OF_CIRCUMSTANCES', status: 'OPEN' });
    expect(opened?.checks?.map((c) => [c.checkType, c.status])).toEqual([
      ['CREDIT_REFERENCE', 'RUNNING'],
      ['FINANCIAL_REVIEW', 'RUNNING'],
    ]);
    // The officers' queue says the task still awaits its checks' results.
    const queue = await api.as(reviewer).get('/clearances/review-tasks?pageSize=100');
    const listed = (
      queue.body as { items: { taskId: string; clearanceId: string; awaitingResults: boolean }[] }
    ).items.find((t) => t.clearanceId === clearanceId && t.taskId === financialTask);
    expect(listed?.awaitingResults).toBe(true);
    // Through the provider adapter: the check's own row, retrying the request through the outage, under its
    // own id (the granting case's checks are untouched).
    await until(
      'the credit check retrying through the outage',
      async () => {
        const rows: { attempts: number; status: string; case_id: string }[] = await db.query(
          `SELECT attempts, status, case_id FROM record_check
            WHERE check_type = 'CREDIT_REFERENCE' AND check_id LIKE '%:CREDIT_REFERENCE' AND case_id <> $1`,
          [caseId],
        );
        return rows.some((r) => r.status === 'REQUESTING' && r.attempts >= 2) || undefined;
      },
      20_000,
      250,
    );
  });

  it('refuses "no change" on that task while its checks run, and says which', async () => {
    const early = await api
      .as(reviewer)
      .post(url(`/review-tasks/${financialTask}/outcome`), { outcome: 'NO_CHANGE', notes: 'too soon' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'ILLEGAL_TRANSITION' });
    expect((early.body as { message: string }).message).toContain('CREDIT_REFERENCE');
  });

  it('runs the criminal record check for police contact through the adapter, shows it, and takes the review', async () => {
    // The database is shared with every suite of the run: only this report's check row counts.
    const [{ since }] = await db.query<{ since: Date }[]>(`SELECT now() AS since`);
    const policeTask = await report('POLICE_CONTACT', 'Questioned as a witness');
    const done = await until(
      'the criminal record check to come back',
      async () => {
        const t = await task(policeTask);
        return t?.checks?.every((c) => c.status !== 'RUNNING') ? t : undefined;
      },
      30_000,
      250,
    );
    expect(done.checks).toEqual([
      {
        checkType: 'CRIMINAL_RECORDS',
        status: 'RESULT',
        outcome: 'CLEAR',
        startedAt: expect.any(String) as string,
        resolvedAt: expect.any(String) as string,
      },
    ]);
    const rows: { status: string; outcome: string; provider: string }[] = await db.query(
      `SELECT status, outcome, provider FROM record_check
        WHERE check_type = 'CRIMINAL_RECORDS' AND case_id <> $1 AND status = 'RESULT' AND created_at >= $2`,
      [caseId, since],
    );
    expect(rows).toEqual([{ status: 'RESULT', outcome: 'CLEAR', provider: 'simulated' }]);

    const reviewed = await api.as(reviewer).post(url(`/review-tasks/${policeTask}/outcome`), {
      outcome: 'NO_CHANGE',
      notes: 'Witness only; clear',
    });
    expect(reviewed.status).toBe(200);
    expect((reviewed.body as ClearanceBody).tasks.find((t) => t.taskId === policeTask)).toMatchObject({
      status: 'CLOSED',
      outcome: 'NO_CHANGE',
      checks: [{ checkType: 'CRIMINAL_RECORDS', status: 'RESULT', outcome: 'CLEAR' }],
    });
  });

  it('keeps the clearance working while the provider is down: incidents and appraisals are taken', async () => {
    const incident = await api.as(sponsor).post(url('/incidents'), { summary: 'Late badge returns' });
    expect(incident.status).toBe(200);
    const due = await until(
      'the appraisal to fall due',
      async () => {
        const view = await staffView();
        return view.appraisal && view.appraisal.status !== 'SUBMITTED' ? view.appraisal : undefined;
      },
      30_000,
      250,
    );
    const appraisal = await api.as(holder).post(url('/appraisals'), {
      n: due.n,
      raisesConcern: false,
      summary: 'Nothing to add',
    });
    expect(appraisal.status).toBe(200);
    expect((await task(financialTask))?.checks?.every((c) => c.status === 'RUNNING')).toBe(true);
  });

  it('carries the running checks across the year’s continue-as-new, records their timeout, then takes the review', async () => {
    // The report came before the year ended; the run waited for its checks rather than lose them.
    const { appraisal } = await staffView();
    if (!appraisal) throw new Error('no appraisal');
    const firstYearEnds = Date.parse(appraisal.dueAt) + (2 - appraisal.n) * YEAR_MS;
    expect(reportedAt).toBeLessThan(firstYearEnds);
    const ended = await until(
      'the financial checks to time out',
      async () => {
        const t = await task(financialTask);
        return t?.checks?.every((c) => c.status !== 'RUNNING') ? t : undefined;
      },
      CHECK_TIMEOUT_MS + 30_000,
      500,
    );
    expect(ended.checks?.map((c) => [c.checkType, c.status, c.outcome])).toEqual([
      ['CREDIT_REFERENCE', 'TIMED_OUT', null],
      ['FINANCIAL_REVIEW', 'TIMED_OUT', null],
    ]);
    // The next year's run began once they were back, with them recorded (no check was lost).
    const nextYear = await until(
      'the next appraisal year',
      async () => {
        const view = await staffView();
        return (view.appraisal?.n ?? 0) >= 2 ? view : undefined;
      },
      30_000,
      500,
    );
    expect(nextYear.tasks.find((t) => t.taskId === financialTask)?.checks).toHaveLength(2);

    const reviewed = await api.as(reviewer).post(url(`/review-tasks/${financialTask}/outcome`), {
      outcome: 'NO_CHANGE',
      notes: 'Checks timed out; judgment satisfied, evidence seen',
    });
    expect(reviewed.status).toBe(200);
  }, 120_000);
});
