// Equal-opportunity monitoring over HTTP: applicants answer, HR reads suppressed aggregates, nobody reads an
// individual's answers. The dashboard counts every case in the database, so this suite runs the API and the
// worker on a database of its own and knows exactly what is in it.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Principal, Stage } from '../../libs/domain/src';
import type { MonitoringAnswers } from '../../libs/domain/src/monitoring';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { eligibleApplication, ineligibleApplication } from '../support/fixtures';
import {
  admin,
  adjudicator,
  auditor,
  hrAnalyst,
  lead,
  newApplicant,
  officer,
  sponsor,
  TEAM,
} from '../support/principals';
import { seedReadModelCase } from '../support/seed';

let database: PrivateDatabase;
let api: ApiHarness;
let db: DataSource;

beforeAll(async () => {
  database = await createPrivateDatabase();
  api = new ApiHarness({ DATABASE_URL: database.runtimeUrl, RATE_LIMIT_PER_MINUTE: '100000' });
  db = createDataSource(database.url);
  await db.initialize();
  await api.start();
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await db?.destroy();
  await database?.drop();
});

interface ErrorBody {
  error: string;
  details?: { fields?: { field: string }[] };
}
type Cell = { value: number } | { suppressed: true };
interface Funnel {
  applied: Cell;
  inProgress: Cell;
  decided: Cell;
  granted: Cell;
  refused: Cell;
  closedWithoutDecision: Cell;
  successRate: number | null;
}
interface Dashboard {
  category: string;
  policy: { minimumCellCount: number; roundingBase: number };
  groups: (Funnel & { group: string })[];
  allCases: Funnel;
  declarationRate: number | null;
}

const HIDDEN = { suppressed: true };

/** An application over HTTP, screened by the real worker; returns the case and its applicant. */
async function applyOverHttp(eligible: boolean): Promise<{ caseId: string; applicant: Principal }> {
  const applicant = newApplicant();
  const res = await api
    .as(applicant)
    .post('/applications', eligible ? eligibleApplication() : ineligibleApplication());
  expect(res.status).toBe(201);
  return { caseId: (res.body as { caseId: string }).caseId, applicant };
}

/** A case written straight into the read-model (no workflow), for stages that take a whole vetting to reach. */
async function seeded(stage: Stage): Promise<{ caseId: string; applicant: Principal }> {
  const caseId = randomUUID();
  const applicant = newApplicant();
  await seedReadModelCase(db, caseId, {
    stage,
    assignee: officer.subject,
    team: TEAM,
    sponsorId: sponsor.subject,
    applicantId: applicant.subject,
  });
  return { caseId, applicant };
}

/** Bodies a client might send instead of JSON: [Content-Type (none if empty), body (none if undefined)]. */
const NOT_JSON: [string, string | undefined][] = [
  ['text/plain', '{"sex":null}'],
  ['application/x-www-form-urlencoded', 'sex=MALE'],
  ['application/xml', '<answers><sex>MALE</sex></answers>'],
  [
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="sex"\r\n\r\nMALE\r\n--x--\r\n',
  ],
  ['', '{"sex":null}'],
  ['', undefined],
];

/** Sends `body` with exactly the Content-Type given (none when empty; supertest would pick one). */
function sendAs(req: request.Test, type: string, body: string | undefined): request.Test {
  if (body === undefined) return req;
  return type ? req.set('Content-Type', type).send(body) : req.send(body).unset('Content-Type');
}

function answer(who: { caseId: string; applicant: Principal }, answers: MonitoringAnswers | object) {
  return api.as(who.applicant).put(`/cases/${who.caseId}/monitoring`, answers);
}

async function dashboard(category: string): Promise<Dashboard> {
  const res = await api.as(hrAnalyst).get(`/dashboard/equal-opportunity?category=${category}`);
  expect(res.status).toBe(200);
  return res.body as Dashboard;
}

// First, while the database holds nothing else: the other suites below add cases of their own.
describe('the equal-opportunity dashboard on a crafted population', () => {
  let report: Dashboard;
  let raw: string;
  const caseIds: string[] = [];

  beforeAll(async () => {
    const population: [
      MonitoringAnswers | null,
      () => Promise<{ caseId: string; applicant: Principal }>,
      number,
    ][] = [
      // Over HTTP, through screening: 12 in progress (with the one below) and 10 ineligible.
      [{ religion: 'CHRISTIAN', sex: 'FEMALE' }, () => applyOverHttp(true), 11],
      [{ religion: 'CHRISTIAN' }, () => applyOverHttp(false), 10],
      // Seeded: 15 granted and exactly one refused, which must never show.
      [{ religion: 'NO_RELIGION' }, () => seeded('QUESTIONNAIRE'), 20],
      [{ religion: 'NO_RELIGION' }, () => seeded('GRANTED'), 15],
      [{ religion: 'NO_RELIGION' }, () => seeded('REFUSED'), 1],
      [{ religion: 'MUSLIM' }, () => seeded('GRANTED_WITH_CONDITIONS'), 14],
      [{ religion: 'MUSLIM' }, () => seeded('REFUSED'), 11],
      // Groups of k - 1 and exactly k, and a small one that keeps the k - 1 company.
      [{ religion: 'HINDU' }, () => seeded('INVESTIGATION'), 9],
      [{ religion: 'SIKH' }, () => seeded('INVESTIGATION'), 10],
      [{ religion: 'BUDDHIST' }, () => seeded('RECORD_CHECKS'), 3],
      [{ religion: 'PREFER_NOT_TO_SAY' }, () => seeded('DECISION'), 10],
      // No response at all.
      [null, () => seeded('QUESTIONNAIRE'), 10],
    ];
    const changedMind = await applyOverHttp(true);
    caseIds.push(changedMind.caseId);
    // Answers twice the same, then changes: still one case, counted once, in its final group.
    expect((await answer(changedMind, { religion: 'HINDU' })).status).toBe(204);
    expect((await answer(changedMind, { religion: 'HINDU' })).status).toBe(204);
    expect((await answer(changedMind, { religion: 'CHRISTIAN' })).status).toBe(204);
    for (const [answers, create, count] of population) {
      const created = await Promise.all(Array.from({ length: count }, () => create()));
      for (const who of created) {
        caseIds.push(who.caseId);
        if (answers) expect((await answer(who, answers)).status).toBe(204);
      }
    }
    const res = await api.as(hrAnalyst).get('/dashboard/equal-opportunity?category=religion');
    expect(res.status).toBe(200);
    report = res.body as Dashboard;
    raw = JSON.stringify(res.body);
  }, 180_000);

  const group = (name: string): Funnel & { group: string } => {
    const found = report.groups.find((g) => g.group === name);
    if (!found) throw new Error(`no group ${name}`);
    return found;
  };

  it('lists every answer to the question, then NOT_ANSWERED, under the published policy', () => {
    expect(report.category).toBe('religion');
    expect(report.policy).toEqual({ minimumCellCount: 10, roundingBase: 5 });
    expect(report.groups.map((g) => g.group)).toEqual([
      'NO_RELIGION',
      'BUDDHIST',
      'CHRISTIAN',
      'HINDU',
      'JEWISH',
      'MUSLIM',
      'SIKH',
      'OTHER_RELIGION',
      'PREFER_NOT_TO_SAY',
      'NOT_ANSWERED',
    ]);
  });

  it('hides the one refusal, and the granted count that would give it away as applied minus the rest', () => {
    expect(group('NO_RELIGION')).toEqual({
      group: 'NO_RELIGION',
      applied: { value: 35 },
      inProgress: { value: 20 },
      decided: HIDDEN,
      granted: HIDDEN,
      refused: HIDDEN,
      closedWithoutDecision: HIDDEN,
      successRate: null,
    });
  });

  it('hides the group of k - 1 and shows the group of exactly k', () => {
    expect(group('HINDU').applied).toEqual(HIDDEN);
    expect(group('SIKH').applied).toEqual({ value: 10 });
  });

  it('rounds what it shows to the nearest 5, and counts a case that changed its answer once', () => {
    // 22 Christians (one changed from Hindu), 12 of them in progress.
    expect(group('CHRISTIAN')).toMatchObject({ applied: { value: 20 }, inProgress: { value: 10 } });
    expect(group('MUSLIM')).toMatchObject({ applied: { value: 25 }, granted: { value: 15 } });
  });

  it('counts cases with no response as NOT_ANSWERED', () => {
    expect(group('NOT_ANSWERED').applied).toEqual({ value: 10 });
    expect(group('PREFER_NOT_TO_SAY').applied).toEqual({ value: 10 });
  });

  it('gives all-case figures, and a success rate from the published counts only', () => {
    // The published 30 granted of 40 decided: 0.75 (the real 29 of 41, 0.71, would move with each decision).
    expect(report.allCases).toEqual({
      applied: { value: 125 },
      inProgress: { value: 75 },
      decided: { value: 40 },
      granted: { value: 30 },
      refused: { value: 10 },
      closedWithoutDecision: { value: 10 },
      successRate: 0.75,
    });
  });

  it('gives the declaration rate: a stated religion over all cases', () => {
    // Published: 125 less 10 "prefer not to say" and 10 with no response is 105 of 125.
    expect(report.declarationRate).toBe(0.84);
  });

  it('shows only multiples of 5 or { suppressed: true }, and no case id or per-person data', () => {
    for (const figures of [...report.groups, report.allCases]) {
      for (const cell of [
        figures.applied,
        figures.inProgress,
        figures.decided,
        figures.granted,
        figures.refused,
      ]) {
        if ('value' in cell) expect(cell.value % 5).toBe(0);
        else expect(cell).toEqual(HIDDEN);
      }
    }
    for (const caseId of caseIds) expect(raw).not.toContain(caseId);
    expect(raw).not.toMatch(/applicant-|"value":1[,}]/);
  });

  it('shows the same all-case figures whichever category is asked for', async () => {
    expect((await dashboard('sex')).allCases).toEqual(report.allCases);
    expect((await dashboard('ageBand')).allCases).toEqual(report.allCases);
  });
});

describe('PUT /cases/:id/monitoring', () => {
  let own: { caseId: string; applicant: Principal };
  beforeAll(async () => {
    own = await seeded('QUESTIONNAIRE');
  });

  it('records voluntary answers with 204, every question optional', async () => {
    expect((await answer(own, { sex: 'FEMALE', ageBand: 'AGE_25_TO_34' })).status).toBe(204);
    expect((await answer(own, {})).status).toBe(204);
  });

  it('refuses an answer the question does not offer with 400, naming the field', async () => {
    for (const bad of [
      { ethnicity: 'white' },
      { sex: 'WHITE' },
      { religion: 7 },
      { disability: ['DISABLED'] },
    ]) {
      const res = await answer(own, bad);
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error).toBe('VALIDATION_FAILED');
      expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(Object.keys(bad));
    }
  });

  it('answers 415 to a body that is not JSON, and keeps the answers already given', async () => {
    const mine = await seeded('QUESTIONNAIRE');
    expect((await answer(mine, { sex: 'FEMALE', ageBand: 'AGE_25_TO_34' })).status).toBe(204);
    const stored = async (): Promise<unknown> =>
      db.query(`SELECT sex, age_band FROM monitoring.response WHERE case_id = $1`, [mine.caseId]);
    const before = await stored();
    const token = await api.tokenFor(mine.applicant);
    for (const [type, body] of NOT_JSON) {
      const res = await sendAs(
        request(api.server).put(`/cases/${mine.caseId}/monitoring`).set('Authorization', `Bearer ${token}`),
        type,
        body,
      );
      expect({ type, status: res.status, error: (res.body as ErrorBody).error }).toEqual({
        type,
        status: 415,
        error: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('refuses a question that does not exist with 400', async () => {
    const res = await answer(own, { favouriteColour: 'BLUE' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/favouriteColour/);
  });

  it('answers 404 CASE_NOT_FOUND for a case that does not exist', async () => {
    const res = await answer({ caseId: randomUUID(), applicant: own.applicant }, { sex: 'MALE' });
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error).toBe('CASE_NOT_FOUND');
  });

  it("answers 404 for someone else's case, exactly as for a missing one", async () => {
    const res = await answer({ caseId: own.caseId, applicant: newApplicant() }, { sex: 'MALE' });
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error).toBe('CASE_NOT_FOUND');
  });

  it('answers 400 for a case id that is not a UUID', async () => {
    expect((await answer({ caseId: 'not-a-uuid', applicant: own.applicant }, {})).status).toBe(400);
  });

  it('is open to applicants only', async () => {
    for (const who of [officer, lead, adjudicator, sponsor, hrAnalyst, auditor, admin]) {
      expect({
        who: who.subject,
        status: (await api.as(who).put(`/cases/${own.caseId}/monitoring`, {})).status,
      }).toEqual({ who: who.subject, status: 403 });
    }
  });
});

describe('nobody can read one applicant’s answers', () => {
  it('has no route that returns them, for any role', async () => {
    const { caseId, applicant } = await seeded('QUESTIONNAIRE');
    expect((await answer({ caseId, applicant }, { religion: 'JEWISH' })).status).toBe(204);
    for (const who of [applicant, officer, adjudicator, sponsor, hrAnalyst, admin]) {
      expect((await api.as(who).get(`/cases/${caseId}/monitoring`)).status).toBe(404);
    }
    const detail = await api.as(admin).get(`/cases/${caseId}`, { 'X-Access-Reason': 'monitoring e2e check' });
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.body)).not.toMatch(/JEWISH|monitoring/i);
  });
});

describe('GET /dashboard/equal-opportunity', () => {
  it('is open to HR analysts and admins only', async () => {
    for (const who of [officer, lead, adjudicator, sponsor, auditor, newApplicant()]) {
      const res = await api.as(who).get('/dashboard/equal-opportunity?category=ethnicity');
      expect({ who: who.subject, status: res.status }).toEqual({ who: who.subject, status: 403 });
    }
    expect((await api.as(admin).get('/dashboard/equal-opportunity?category=ethnicity')).status).toBe(200);
  });

  it('refuses a missing or unknown category with 400', async () => {
    for (const query of ['', '?category=shoeSize', '?category=ethnicity&caseId=x']) {
      const res = await api.as(hrAnalyst).get(`/dashboard/equal-opportunity${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });
});
