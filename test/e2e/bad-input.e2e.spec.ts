import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiHarness } from '../support/api-harness';
import { eligibleApplication } from '../support/fixtures';
import { admin, adjudicator, lead, newApplicant, officer } from '../support/principals';

const api = new ApiHarness();
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}

async function caseCount(): Promise<number> {
  const res = await api.as(admin).get('/cases?pageSize=1');
  expect(res.status).toBe(200);
  return (res.body as { total: number }).total;
}

/** POST /applications as a fresh applicant, with a raw body and headers. */
async function apply(body: unknown, headers: Record<string, string> = {}): Promise<request.Response> {
  const token = await api.tokenFor(newApplicant());
  const req = request(api.server).post('/applications').set('Authorization', `Bearer ${token}`).set(headers);
  return typeof body === 'string'
    ? req.set('Content-Type', 'application/json').send(body)
    : req.send(body as object);
}

/** Today and its neighbours as the API judges them (the UK's calendar), so the test holds on any day. */
function withRelativeDates<T>(value: T): T {
  const day = (offsetDays: number, years = 0): string => {
    const date = new Date(Date.now() + offsetDays * 86_400_000);
    const uk = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date);
    return `${Number(uk.slice(0, 4)) + years}${uk.slice(4)}`;
  };
  const words: Record<string, string> = {
    TODAY: day(0),
    YESTERDAY: day(-1),
    TOMORROW: day(1),
    IN_3_YEARS: day(0, 3),
  };
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' && v in words ? words[v] : v,
  ) as T;
}

function fieldsOf(body: unknown): string[] {
  return ((body as ErrorBody).details?.fields ?? []).map((f) => f.field);
}

describe('bad input gets a 4xx that says what is wrong, and creates nothing', () => {
  let before: number;
  beforeEach(async () => {
    before = await caseCount();
  });
  afterEach(async () => {
    expect(await caseCount()).toBe(before);
  });

  it('names every missing field', async () => {
    const res = await apply({});
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining([
        'givenName',
        'familyName',
        'email',
        'dateOfBirth',
        'nationality',
        'addressHistory',
        'discretionAcknowledged',
      ]),
    );
  });

  it('names nested fields by path', async () => {
    const app = eligibleApplication({
      addressHistory: [{ country: 'United Kingdom', from: '2023-02-29', to: null }],
    });
    const res = await apply(app);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining(['addressHistory.0.country', 'addressHistory.0.from']),
    );
    expect((res.body as ErrorBody).message).toMatch(/addressHistory\.0\.from: from must be a real date/);
  });

  it.each([
    ['a date of birth today or later', { dateOfBirth: 'TODAY' }, 'dateOfBirth', /must be before today/],
    [
      'an intended start before today',
      { intendedStartDate: 'YESTERDAY' },
      'intendedStartDate',
      /not be before/,
    ],
    [
      'an intended start over two years ahead',
      { intendedStartDate: 'IN_3_YEARS' },
      'intendedStartDate',
      /2 years/,
    ],
    [
      'an address period that starts in the future',
      { addressHistory: [{ country: 'GB', from: 'TOMORROW', to: null }] },
      'addressHistory.0.from',
      /not be after today/,
    ],
    [
      'an address period that ends in the future',
      { addressHistory: [{ country: 'GB', from: '2008-01-01', to: 'TOMORROW' }] },
      'addressHistory.0.to',
      /not be after today/,
    ],
  ])('refuses %s with 400 naming the field', async (_what, override, field, problem) => {
    const res = await apply(eligibleApplication(withRelativeDates(override)));
    expect(res.status).toBe(400);
    const named = (res.body as ErrorBody).details?.fields?.find((f) => f.field === field);
    expect(named?.problems.join(' ')).toMatch(problem);
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const res = await apply({ ...eligibleApplication(), isAdmin: true });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).message).toMatch(/isAdmin/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a %s key like any other unknown key, at the top and nested',
    async (key) => {
      const top = `{"givenName":"Test","${key}":{"isAdmin":true}`;
      const res = await apply(JSON.stringify(eligibleApplication()).replace('{"givenName":"Test"', top));
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual([key]);
      const nested = JSON.stringify(eligibleApplication()).replace(
        '"country":"GB"',
        `"country":"GB","${key}":1`,
      );
      const deep = await apply(nested);
      expect(deep.status).toBe(400);
      expect(fieldsOf(deep.body)).toEqual([`addressHistory.0.${key}`]);
    },
  );

  it('refuses NUL, other control characters, lone surrogates and non-characters with 400 naming the field', async () => {
    const res = await apply(
      '{"givenName":"Te\\u0000st","familyName":"A\\ud800","email":"a\\u0007@example.org","nationality":{"status":"BRITISH_BY_BIRTH","otherNationalities":["\\uffff"]}}',
    );
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual([
      'givenName',
      'familyName',
      'email',
      'nationality.otherNationalities.0',
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/\\u0000|\\ud800/);
    const query = await api.as(officer).get('/cases?status=%00');
    expect(query.status).toBe(400);
    expect(fieldsOf(query.body)).toEqual(['query.status']);
  });

  it('refuses an address period that ends before it starts', async () => {
    const app = eligibleApplication({
      addressHistory: [{ country: 'GB', from: '2020-01-01', to: '2019-01-01' }],
    });
    const res = await apply(app);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain('addressHistory');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await apply('{"givenName": ');
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).message).toMatch(/JSON/);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await apply({ ...eligibleApplication(), givenName: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect((res.body as ErrorBody).error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await apply(eligibleApplication(), { 'Idempotency-Key': 'x' });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).message).toMatch(/Idempotency-Key/);
  });

  it('answers 400 for a case id that is not a UUID and 404 for an unknown one', async () => {
    expect((await api.as(officer).get('/cases/not-a-uuid')).status).toBe(400);
    const res = await api.as(officer).get(`/cases/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error).toBe('CASE_NOT_FOUND');
    expect((await api.as(lead).post(`/cases/${randomUUID()}/assignment`, { officerId: 'b' })).status).toBe(
      404,
    );
  });

  it('refuses bad list filters', async () => {
    const res = await api.as(officer).get('/cases?stage=NOPE&pageSize=1000&page=0');
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['stage', 'pageSize', 'page']));
  });

  it('filters by several SLA states at once, and refuses an unknown one naming sla', async () => {
    const escalated = await api.as(lead).get('/cases?status=OPEN&sla=AT_RISK,BREACHED&sort=urgency');
    expect(escalated.status).toBe(200);
    for (const item of (escalated.body as { items: { slaState: string | null }[] }).items)
      expect(['AT_RISK', 'BREACHED']).toContain(item.slaState);
    expect((await api.as(lead).get('/cases?sla=BREACHED&sla=AT_RISK')).status).toBe(200);
    const bad = await api.as(lead).get('/cases?sla=AT_RISK,SOON');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['sla']);
  });

  it('issue 9 item 18: page=1e21 answers 400 naming page on every list route, not 500', async () => {
    for (const [who, route] of [
      [officer, '/cases'],
      [admin, '/audit'],
      [officer, '/inbox'],
    ] as const) {
      const res = await api.as(who).get(`${route}?page=1e21`);
      expect({ route, status: res.status }).toEqual({ route, status: 400 });
      expect(fieldsOf(res.body)).toEqual(['page']);
    }
  });

  it('refuses an unknown stage in a completion path', async () => {
    const res = await api
      .as(officer)
      .post(`/cases/${randomUUID()}/stages/SOMEWHERE/completion`, { outcome: 'b' });
    expect(res.status).toBe(400);
  });

  it('refuses a conditional decision without conditions and a returned questionnaire without items', async () => {
    const id = randomUUID();
    const decision = await api
      .as(adjudicator)
      .post(`/cases/${id}/decision`, { outcome: 'GRANTED_WITH_CONDITIONS' });
    expect(decision.status).toBe(400);
    expect(fieldsOf(decision.body)).toContain('conditions');
    const ret = await api.as(officer).post(`/cases/${id}/questionnaire/return`, { items: [] });
    expect(ret.status).toBe(400);
    expect(fieldsOf(ret.body)).toContain('items');
  });

  it('refuses requests without a valid token (401) and roles without access (403)', async () => {
    const none = await request(api.server).get('/cases');
    expect(none.status).toBe(401);
    expect((none.body as ErrorBody).error).toBe('UNAUTHENTICATED');
    const forged = await request(api.server).get('/cases').set('Authorization', 'Bearer abc.def.ghi');
    expect(forged.status).toBe(401);
    const hr = await api.as({ subject: 'hr-1', roles: ['HR_ANALYST'] }).get('/cases');
    expect(hr.status).toBe(403);
  });

  it('asks an admin reading outside their queue for a reason', async () => {
    const created = await apply(eligibleApplication());
    expect(created.status).toBe(201);
    before += 1;
    const caseId = (created.body as { caseId: string }).caseId;
    const res = await api.as(admin).get(`/cases/${caseId}`);
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error).toBe('REASON_REQUIRED');
    expect((await api.as(admin).get(`/cases/${caseId}`, { 'X-Access-Reason': 'quality check' })).status).toBe(
      200,
    );
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await api.as(officer).get('/nowhere');
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).statusCode).toBe(404);
  });
});
