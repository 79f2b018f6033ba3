// `npm run demo` against the real API over HTTP (listening on a port, as `npm start` would), with a real worker
// and record checks that sometimes come back with a trace: a small demo reaches every stage, the stage clocks
// (second-long here) show breached cases on the dashboard, and a second run adds nothing.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '../../libs/domain/src';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import { fillDemo } from '../../scripts/demo/fill-demo';
import type { FillDemoResult } from '../../scripts/demo/fill-demo';
import { STAGE_OF_TARGET } from '../../scripts/demo/demo-plan';
import { ApiHarness } from '../support/api-harness';
import { FAST_CHECKS_ENV } from '../support/dv-flow';
import { until } from '../support/until';

const HOUR = 3_600_000;
/** Stage deadlines of seconds (so cases breach during the test); chasers and lapses far away. */
const TEST_POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'demo-e2e',
  unit: 'MILLISECONDS',
  stages: {
    ELIGIBILITY_SCREENING: { goal: 2_000, deadline: 4_000, repeatEvery: HOUR },
    RESIDENCY_EXCEPTION_REVIEW: { goal: 2_000, deadline: 4_000, repeatEvery: HOUR },
    QUESTIONNAIRE: { goal: 2_000, deadline: 4_000, repeatEvery: HOUR },
    RECORD_CHECKS: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    INVESTIGATION: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    RECOMMENDATION: { goal: 2_000, deadline: 4_000, repeatEvery: HOUR },
    DECISION: { goal: 2_000, deadline: 4_000, repeatEvery: HOUR },
  },
  applicantChasers: {
    questionnaire: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
    invitation: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
  },
  refereeChasers: { chaseAt: [HOUR], decideAt: 2 * HOUR },
  targets: { DV: 10 * HOUR, CTC_SC: 10 * HOUR, DV_RENEWAL: 10 * HOUR },
};

const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  // Some checks come back with a trace, so the demo has review tasks to close on the way.
  SIMULATED_PROVIDER_OUTCOMES: '{"CLEAR":0.85,"TRACE":0.15}',
  CLOCK_POLICY: JSON.stringify(TEST_POLICY),
  RATE_LIMIT_PER_MINUTE: '100000',
  UPDATE_TIMEOUT_MS: '15000',
  // `npm start`'s default: an application without an invitation waits for its sponsor. The demo applies
  // through invitations, so none of its cases waits.
  APPLICATIONS_WITHOUT_INVITATION: 'HOLD',
});
const admin: Principal = { subject: 'admin-1', roles: ['ADMIN'] };
const hr: Principal = { subject: 'hr-1', roles: ['HR_ANALYST'] };
const prefix = `demo-e2e-${Date.now()}`;
let baseUrl = '';
let first: FillDemoResult;
const lines: string[] = [];

beforeAll(async () => {
  await api.start();
  await api.app.listen(0, '127.0.0.1');
  const server = api.app.getHttpServer() as Server;
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);
afterAll(() => api.stop());

const options = () => ({
  api: baseUrl,
  tokenFor: (p: Principal) => api.tokenFor(p),
  count: 15,
  prefix,
  concurrency: 3,
  stageTimeoutMs: 90_000,
  log: (line: string) => lines.push(line),
});

describe('npm run demo', () => {
  it('fills the system with cases in every stage, reporting progress', async () => {
    first = await fillDemo(options());
    expect(first.filled).toBe(true);
    expect(first.cases).toHaveLength(15);
    for (const c of first.cases) {
      // Checks run by themselves: a case left in record checks may already have moved on.
      const expected =
        c.target === 'RECORD_CHECKS' ? ['RECORD_CHECKS', 'INVESTIGATION'] : [STAGE_OF_TARGET[c.target]];
      expect({ target: c.target, stage: expected.includes(c.stage) }).toEqual({
        target: c.target,
        stage: true,
      });
      // What the demo says it did is what the system holds (a case left to its checks may have moved on since).
      const res = await api.as(admin).get(`/cases/${c.caseId}`, { 'X-Access-Reason': 'demo test' });
      const held = (res.body as { stage: string }).stage;
      expect({ target: c.target, stage: held }).toEqual({
        target: c.target,
        stage: c.target === 'RECORD_CHECKS' && expected.includes(held) ? held : c.stage,
      });
    }
    const stages = new Set(first.cases.map((c) => c.stage));
    for (const stage of [
      'QUESTIONNAIRE',
      'RESIDENCY_EXCEPTION_REVIEW',
      'INELIGIBLE',
      'INVESTIGATION',
      'RECOMMENDATION',
      'DECISION',
      'GRANTED',
      'GRANTED_WITH_CONDITIONS',
      'REFUSED',
      'WITHDRAWN',
    ]) {
      expect({ stage, present: stages.has(stage) }).toEqual({ stage, present: true });
    }
    expect(lines.filter((l) => /^\[demo\]\s+\d+\/15 /.test(l))).toHaveLength(15);
  }, 600_000);

  it('leaves open cases past their stage deadline, and equal-opportunity answers, on the dashboards', async () => {
    const breached = await until(
      'breached cases on the dashboard',
      async () => {
        const res = await api.as(hr).get('/dashboard/summary');
        const sla = (res.body as { sla: { breachedOpenByStage: Record<string, number> } }).sla;
        const total = Object.values(sla.breachedOpenByStage).reduce((a, b) => a + b, 0);
        return total > 0 ? sla.breachedOpenByStage : undefined;
      },
      30_000,
      500,
    );
    expect(Object.keys(breached).length).toBeGreaterThan(0);
    const eo = await api.as(hr).get('/dashboard/equal-opportunity?category=sex');
    expect(eo.status).toBe(200);
  });

  it('gives the sponsors their cases, and the applicants their own', async () => {
    const sponsored = await api
      .as({ subject: 'sponsor-1', roles: ['SPONSOR'] })
      .get('/sponsored-cases?pageSize=100');
    const ids = (sponsored.body as { items: { id: string }[] }).items.map((c) => c.id);
    expect(ids.length).toBeGreaterThan(0);
    const own = await api.as({ subject: `${prefix}-001`, roles: ['APPLICANT'] }).get('/applications');
    expect((own.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([
      first.cases[0]?.caseId,
    ]);
  });

  it('adds nothing when run again', async () => {
    const count = async (): Promise<number> =>
      ((await api.as(admin).get('/cases?pageSize=1')).body as { total: number }).total;
    const before = await count();
    const again = await fillDemo(options());
    expect(again).toEqual({ filled: false, cases: [] });
    expect(await count()).toBe(before);
    expect(lines.at(-1)).toContain('already has an application');
  });
});
