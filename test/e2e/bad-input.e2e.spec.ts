import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiHarness } from '../support/api-harness';
import { eligibleApplication } from '../support/fixtures';

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
  const res = await request(api.server).get('/cases?pageSize=1').expect(200);
  return (res.body as { total: number }).total;
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
    const res = await request(api.server).post('/applications').send({}).expect(400);
    expect((res.body as ErrorBody).error).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res.body)).toEqual(
      expect.arrayContaining(['givenName', 'familyName', 'email', 'dateOfBirth', 'nationality', 'addressHistory', 'discretionAcknowledged']),
    );
  });

  it('names nested fields by path', async () => {
    const app = eligibleApplication({ addressHistory: [{ country: 'United Kingdom', from: '2023-02-29', to: null }] });
    const res = await request(api.server).post('/applications').send(app).expect(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['addressHistory.0.country', 'addressHistory.0.from']));
    expect((res.body as ErrorBody).message).toMatch(/addressHistory\.0\.from: from must be a real date/);
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const res = await request(api.server).post('/applications').send({ ...eligibleApplication(), isAdmin: true }).expect(400);
    expect((res.body as ErrorBody).message).toMatch(/isAdmin/);
  });

  it('refuses an address period that ends before it starts', async () => {
    const app = eligibleApplication({ addressHistory: [{ country: 'GB', from: '2020-01-01', to: '2019-01-01' }] });
    const res = await request(api.server).post('/applications').send(app).expect(400);
    expect(fieldsOf(res.body)).toContain('addressHistory');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await request(api.server)
      .post('/applications')
      .set('Content-Type', 'application/json')
      .send('{"givenName": ')
      .expect(400);
    expect((res.body as ErrorBody).message).toMatch(/JSON/);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await request(api.server)
      .post('/applications')
      .send({ ...eligibleApplication(), givenName: 'x'.repeat(200_000) })
      .expect(413);
    expect((res.body as ErrorBody).error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await request(api.server).post('/applications').set('Idempotency-Key', 'x').send(eligibleApplication()).expect(400);
    expect((res.body as ErrorBody).message).toMatch(/Idempotency-Key/);
  });

  it('answers 400 for a case id that is not a UUID and 404 for an unknown one', async () => {
    await request(api.server).get('/cases/not-a-uuid').expect(400);
    const res = await request(api.server).get(`/cases/${randomUUID()}`).expect(404);
    expect((res.body as ErrorBody).error).toBe('CASE_NOT_FOUND');
    await request(api.server).post(`/cases/${randomUUID()}/assignment`).send({ actor: 'a', officerId: 'b' }).expect(404);
  });

  it('refuses bad list filters', async () => {
    const res = await request(api.server).get('/cases?stage=NOPE&pageSize=1000&page=0').expect(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['stage', 'pageSize', 'page']));
  });

  it('refuses an unknown stage in a completion path', async () => {
    await request(api.server).post(`/cases/${randomUUID()}/stages/SOMEWHERE/completion`).send({ actor: 'a', outcome: 'b' }).expect(400);
  });

  it('refuses a conditional decision without conditions and a returned questionnaire without items', async () => {
    const id = randomUUID();
    const decision = await request(api.server).post(`/cases/${id}/decision`).send({ actor: 'a', outcome: 'GRANTED_WITH_CONDITIONS' }).expect(400);
    expect(fieldsOf(decision.body)).toContain('conditions');
    const ret = await request(api.server).post(`/cases/${id}/questionnaire/return`).send({ actor: 'a', items: [] }).expect(400);
    expect(fieldsOf(ret.body)).toContain('items');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(api.server).get('/nowhere').expect(404);
    expect((res.body as ErrorBody).statusCode).toBe(404);
  });
});
