import request from 'supertest';
import type { DataSource } from 'typeorm';
import { QuestionnaireService } from '../../apps/api/src/questionnaire/questionnaire.service';
import type { ApplicationInput } from '../../libs/contracts/src';
import type { Principal, QuestionnaireDraft, QuestionnaireProblem } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { QuestionnaireStore } from '../../libs/persistence/src/questionnaire-store';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { testDatabaseUrl } from '../support/env';
import { eligibleApplication, ineligibleApplication } from '../support/fixtures';
import { admin, auditor, lead, newApplicant, officer, otherOfficer, sponsor } from '../support/principals';
import { completeQuestionnaire } from '../support/questionnaire-fixture';
import { fieldCipher } from '../support/field-cipher';

const api = new ApiHarness(FAST_CHECKS_ENV);
const dv = new DvFlow(api);
let db: DataSource;
beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await api.stop();
});

interface DraftBody {
  caseId: string;
  version: number;
  updatedAt: string | null;
  content: QuestionnaireDraft;
  problems: QuestionnaireProblem[];
  submittable: boolean;
  asOf: string;
}
interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[]; stage?: string; allowedActions?: string[] };
}
const REASON = { 'X-Access-Reason': 'questionnaire e2e verification' };

/**
 * A new case; an eligible one is taken through its baseline checks (by `officer`, assigned for them), so the
 * questionnaire is open, unless `unassigned` asks for one nobody has been given yet.
 */
async function newCase(
  application: ApplicationInput = eligibleApplication(),
  unassigned = false,
): Promise<{ caseId: string; applicant: Principal }> {
  const applicant = newApplicant();
  const res = await api.as(applicant).post('/applications', application);
  expect(res.status).toBe(201);
  const caseId = (res.body as { caseId: string }).caseId;
  // An ineligible one is closed at screening, with nothing to pass.
  if (unassigned) await dv.waitForStage(caseId, 'BASELINE_CHECKS');
  else if ((res.body as { status?: string }).status !== 'DECISION_MADE')
    await dv.toQuestionnaire(caseId, applicant);
  return { caseId, applicant };
}

/** PUT the draft with optional If-Match (the harness's put sends no headers). */
async function saveDraft(
  who: Principal,
  caseId: string,
  draft: unknown,
  ifMatch?: string,
): Promise<request.Response> {
  let req = request(api.server)
    .put(`/cases/${caseId}/questionnaire/draft`)
    .set('Authorization', `Bearer ${await api.tokenFor(who)}`);
  if (ifMatch !== undefined) req = req.set('If-Match', ifMatch);
  return req.send(draft as object);
}

async function readDraft(who: Principal, caseId: string): Promise<DraftBody> {
  const res = await api.as(who).get(`/cases/${caseId}/questionnaire/draft`);
  expect(res.status).toBe(200);
  return res.body as DraftBody;
}

const paths = (problems: QuestionnaireProblem[]): string[] => problems.map((p) => p.path);
const fieldsOf = (res: request.Response): string[] =>
  ((res.body as ErrorBody).details?.fields ?? []).map((f) => f.field);

describe('questionnaire drafts over HTTP', () => {
  it('saves a partial draft, reads it back with what is still missing, then a complete one with no problems', async () => {
    const { caseId, applicant } = await newCase();

    const empty = await readDraft(applicant, caseId);
    expect(empty).toMatchObject({ caseId, version: 0, updatedAt: null, content: {}, submittable: false });
    expect(paths(empty.problems)).toEqual(expect.arrayContaining(['identity', 'addresses', 'referees']));

    const { identity } = completeQuestionnaire();
    const partial = { identity, referees: [{ name: 'Only One', isRelative: true }] };
    const saved = await saveDraft(applicant, caseId, partial);
    expect(saved.status).toBe(204);
    expect(saved.headers.etag).toBe('"1"');

    const first = await readDraft(applicant, caseId);
    expect(first).toMatchObject({ version: 1, content: partial, submittable: false });
    expect(first.updatedAt).toEqual(expect.any(String));
    expect(paths(first.problems)).not.toContain('identity');
    expect(first.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'addresses', code: 'REQUIRED' }),
        expect.objectContaining({ path: 'referees.0.knownSince', code: 'REQUIRED' }),
        expect.objectContaining({ path: 'referees', code: 'NOT_ENOUGH_REFEREES' }),
      ]),
    );

    const complete = completeQuestionnaire();
    const resaved = await saveDraft(applicant, caseId, complete, '"1"');
    expect(resaved.status).toBe(204);
    expect(resaved.headers.etag).toBe('"2"');
    const second = await readDraft(applicant, caseId);
    expect(second).toMatchObject({ version: 2, content: complete, problems: [], submittable: true });

    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=50`);
    const actions = (audit.body as { items: { action: string; actor: string; outcome: string }[] }).items
      .filter((row) => row.action.startsWith('QUESTIONNAIRE_'))
      .map((row) => [row.action, row.actor, row.outcome])
      .reverse();
    expect(actions).toEqual([
      ['QUESTIONNAIRE_DRAFT_READ', applicant.subject, '200'],
      ['QUESTIONNAIRE_DRAFT_SAVE', applicant.subject, '204'],
      ['QUESTIONNAIRE_DRAFT_READ', applicant.subject, '200'],
      ['QUESTIONNAIRE_DRAFT_SAVE', applicant.subject, '204'],
      ['QUESTIONNAIRE_DRAFT_READ', applicant.subject, '200'],
    ]);

    // The submit endpoint runs the same check through the service.
    const check = await api.app.get(QuestionnaireService).validateForSubmission(caseId);
    expect(check).toMatchObject({ content: complete, problems: [], draftVersion: 2 });
  });

  it('refuses a save from a stale copy with 409 STALE_STAGE and keeps the newer draft', async () => {
    const { caseId, applicant } = await newCase();
    expect((await saveDraft(applicant, caseId, { travel: [] }, '0')).status).toBe(204);
    expect((await saveDraft(applicant, caseId, { travel: [], coResidents: [] }, '1')).status).toBe(204);

    for (const stale of ['1', '"1"', '0']) {
      const res = await saveDraft(applicant, caseId, { education: [] }, stale);
      expect(res.status).toBe(409);
      expect(res.body as ErrorBody).toMatchObject({
        error: 'STALE_STAGE',
        message: expect.stringContaining('the draft changed since you loaded it') as string,
      });
    }
    const kept = await readDraft(applicant, caseId);
    expect(kept).toMatchObject({ version: 2, content: { travel: [], coResidents: [] } });
    // The read says the version as its ETag too, ready to send back as If-Match.
    expect((await api.as(applicant).get(`/cases/${caseId}/questionnaire/draft`)).headers.etag).toBe('"2"');

    // Without If-Match the save always wins.
    expect((await saveDraft(applicant, caseId, { education: [] })).headers.etag).toBe('"3"');

    const malformed = await saveDraft(applicant, caseId, {}, 'W/"3"');
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['If-Match']);
  });

  it("hides an applicant's draft from everyone else: 404 for another applicant, 403 for other roles", async () => {
    const { caseId, applicant } = await newCase();
    expect((await saveDraft(applicant, caseId, { travel: [] })).status).toBe(204);
    const stranger = newApplicant();

    const read = await api.as(stranger).get(`/cases/${caseId}/questionnaire/draft`);
    expect(read.status).toBe(404);
    expect((read.body as ErrorBody).error).toBe('CASE_NOT_FOUND');
    const write = await saveDraft(stranger, caseId, { travel: [{ country: 'FR' }] });
    expect(write.status).toBe(404);
    expect((await readDraft(applicant, caseId)).content).toEqual({ travel: [] });

    expect((await api.as(officer).get(`/cases/${caseId}/questionnaire/draft`)).status).toBe(403);
    expect((await api.as(admin).get(`/cases/${caseId}/questionnaire/draft`, REASON)).status).toBe(403);
  });

  it('names every badly shaped field by its path (400), and saves nothing', async () => {
    const { caseId, applicant } = await newCase();
    const res = await saveDraft(applicant, caseId, {
      identity: {
        dateOfBirth: '2023-02-29',
        nationalities: [{ country: 'United Kingdom', acquiredBy: 'BOUGHT' }],
      },
      addresses: { periods: [{ from: 20200101, lines: 'one line' }], gaps: [{ explanation: 7 }] },
      finances: { bankruptcy: [], significantDebts: [{ amountGbp: 'lots' }] },
      referees: 'none',
      travel: ['Paris'],
      favouriteColour: 'blue',
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual(
      expect.arrayContaining([
        'identity.dateOfBirth',
        'identity.nationalities.0.country',
        'identity.nationalities.0.acquiredBy',
        'addresses.periods.0.from',
        'addresses.periods.0.lines',
        'addresses.gaps.0.explanation',
        'finances.bankruptcy',
        'finances.significantDebts.0.amountGbp',
        'referees',
        'travel.0',
        'favouriteColour',
      ]),
    );
    expect((res.body as ErrorBody).message).toMatch(/identity\.dateOfBirth: dateOfBirth must be a real date/);
    expect((await readDraft(applicant, caseId)).version).toBe(0);

    // An empty JSON array has no fields for the validation pipe to refuse; the draft must still be an object.
    const array = await saveDraft(applicant, caseId, []);
    expect(array.status).toBe(400);
    expect(fieldsOf(array)).toEqual(['body']);
  });

  it('answers 415 to a draft that is not JSON (text, form, XML, multipart, none), and keeps the saved one', async () => {
    const { caseId, applicant } = await newCase();
    const { identity } = completeQuestionnaire();
    expect((await saveDraft(applicant, caseId, { identity })).status).toBe(204);
    const before = await readDraft(applicant, caseId);
    const token = await api.tokenFor(applicant);
    const notJson: [string, string | undefined][] = [
      ['text/plain', '{}'],
      ['application/x-www-form-urlencoded', 'identity='],
      ['application/xml', '<draft/>'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
      ],
      ['', '{}'],
      ['', undefined],
    ];
    for (const [type, body] of notJson) {
      let req = request(api.server)
        .put(`/cases/${caseId}/questionnaire/draft`)
        .set('Authorization', `Bearer ${token}`);
      if (body !== undefined)
        req = type ? req.set('Content-Type', type).send(body) : req.send(body).unset('Content-Type');
      const res = await req;
      expect({ type, status: res.status, error: (res.body as ErrorBody).error }).toEqual({
        type,
        status: 415,
        error: 'UNSUPPORTED_MEDIA_TYPE',
      });
    }
    expect(await readDraft(applicant, caseId)).toEqual(before);
  });

  it('refuses NUL and other hostile text in any draft field with 400 naming it, and the draft route still works', async () => {
    const { caseId, applicant } = await newCase();
    const { identity } = completeQuestionnaire();
    const res = await saveDraft(applicant, caseId, { identity: { ...identity, familyName: 'Smith\u0000' } });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(['identity.familyName']);
    expect((await saveDraft(applicant, caseId, { identity })).status).toBe(204);
    expect((await readDraft(applicant, caseId)).content).toEqual({ identity });
  });

  it('refuses a draft once the case is no longer waiting for it, without telling the applicant the stage', async () => {
    const { caseId, applicant } = await newCase(ineligibleApplication());
    const res = await saveDraft(applicant, caseId, { travel: [] });
    expect(res.status).toBe(409);
    expect(res.body as ErrorBody).toMatchObject({ error: 'ILLEGAL_TRANSITION', details: { caseId } });
    expect(JSON.stringify(res.body)).not.toContain('INELIGIBLE');
  });

  it('refuses a draft before the questionnaire opens (baseline checks first), without telling the stage', async () => {
    const { caseId, applicant } = await newCase(eligibleApplication(), true);
    const res = await saveDraft(applicant, caseId, { travel: [] });
    expect(res.status).toBe(409);
    expect(res.body as ErrorBody).toMatchObject({ error: 'ILLEGAL_TRANSITION', details: { caseId } });
    expect(JSON.stringify(res.body)).not.toContain('BASELINE');
  });

  it("shows submitted versions to the case's officers and its applicant, and to no one else", async () => {
    const { caseId, applicant } = await newCase(eligibleApplication(), true);
    const store = new QuestionnaireStore(db, fieldCipher);
    const content = completeQuestionnaire();
    expect(await store.storeVersion(caseId, 1, content, applicant.subject)).toBe(true);
    expect(await store.storeVersion(caseId, 1, { changed: true }, 'someone-else')).toBe(false);
    await expect(
      db.query(`UPDATE questionnaire_version SET submitted_by = 'someone-else' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/append-only/);
    const base = `/cases/${caseId}/questionnaire/versions`;

    const list = await api.as(applicant).get(base);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      caseId,
      items: [{ version: 1, submittedAt: expect.any(String) as string, submittedBy: applicant.subject }],
    });
    const one = await api.as(applicant).get(`${base}/1`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ caseId, version: 1, content });

    expect((await api.as(officer).get(`${base}/1`)).status).toBe(404);
    expect(
      (await api.as(lead).post(`/cases/${caseId}/assignment`, { officerId: officer.subject })).status,
    ).toBe(200);
    expect((await api.as(officer).get(`${base}/1`)).body).toMatchObject({ version: 1, content });
    expect((await api.as(otherOfficer).get(base)).status).toBe(404);
    expect((await api.as(newApplicant()).get(base)).status).toBe(404);
    expect((await api.as(sponsor).get(base)).status).toBe(403);
    expect((await api.as(admin).get(base)).status).toBe(400);
    expect((await api.as(admin).get(base, REASON)).status).toBe(200);

    const missing = await api.as(officer).get(`${base}/2`);
    expect(missing.status).toBe(404);
    expect((missing.body as ErrorBody).message).toContain('no submitted questionnaire version 2');
    const malformed = await api.as(officer).get(`${base}/first`);
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['version']);
  });
});
