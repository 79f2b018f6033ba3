// Baseline (BPSS) checks over HTTP with the real worker: every outcome an officer can record, every mistake an
// applicant or officer can make, and the applicant's chaser and lapse on a second-scale clock.
import type { DataSource } from 'typeorm';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { testDatabaseUrl } from '../support/env';
import { lead, officer } from '../support/principals';
import { completeBaselineDeclaration } from '../support/questionnaire-fixture';
import { until } from '../support/until';

const S = 1000;
const HOUR = 3600 * S;
const LAPSE_AFTER = 30 * S;
/** Hour-long stage clocks, and a baseline declaration chased after 3 s and lapsed after 30 s of silence. */
const POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'baseline-e2e',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: Object.fromEntries(
    Object.keys(DEFAULT_CLOCK_POLICY.stages).map((stage) => [
      stage,
      { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    ]),
  ),
  applicantChasers: {
    questionnaire: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
    invitation: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
    baseline: { chaseAt: [3 * S], lapseAt: LAPSE_AFTER },
  },
};

/** Stays abroad of 3 months or more are asked for here, not the published 6: each new case records the figure. */
const BPSS_ENV = { BPSS_ABROAD_MINIMUM_MONTHS: '3' };
const api = new ApiHarness({ ...FAST_CHECKS_ENV, ...BPSS_ENV, CLOCK_POLICY: JSON.stringify(POLICY) });
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

interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}

/** A new case waiting for its baseline declaration, assigned to `officer`. */
async function awaitingBaseline() {
  const created = await dv.newCase();
  await dv.waitForStage(created.caseId, 'BASELINE_CHECKS');
  await api.enrol(officer);
  await dv.expectOk(lead, created.caseId, 'assignment', { officerId: officer.subject });
  return created;
}

describe('baseline (BPSS) checks', () => {
  it('refuses an incomplete declaration with 400 naming each missing part, and an outcome with nothing to review', async () => {
    const { caseId, applicant } = await awaitingBaseline();

    const { identity, rightToWork } = completeBaselineDeclaration();
    const partial = await dv.act(applicant, caseId, 'baseline/submission', { identity, rightToWork });
    expect(partial.status).toBe(400);
    const fields = ((partial.body as ErrorBody).details?.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['employment', 'convictions', 'abroad']));

    const wrongType = await dv.act(applicant, caseId, 'baseline/submission', {
      ...completeBaselineDeclaration(),
      identity: { documentKind: 'LIBRARY_CARD', documentReference: '1' },
    });
    expect(wrongType.status).toBe(400);

    // Nothing was declared, so there is nothing for the officer to decide.
    const early = await dv.act(officer, caseId, 'baseline/outcome', { outcome: 'PASS' });
    expect(early.status).toBe(409);
    // An outcome missing what it needs is a 400, whatever the stage.
    const noItems = await dv.act(officer, caseId, 'baseline/outcome', { outcome: 'NEEDS_INFORMATION' });
    expect(noItems.status).toBe(400);
    expect(JSON.stringify(noItems.body)).toContain('missingItems');
    const noNotes = await dv.act(officer, caseId, 'baseline/outcome', { outcome: 'FAIL' });
    expect(noNotes.status).toBe(400);
    expect(JSON.stringify(noNotes.body)).toContain('notes');

    const detail = await dv.inspect(caseId);
    expect(detail.stage).toBe('BASELINE_CHECKS');
    expect(detail.history.map((e) => e.action)).not.toContain('SUBMIT_BASELINE');

    // The applicant's view carries the figures the case judges by, so the form can ask in them.
    expect((await api.as(applicant).get(`/cases/${caseId}`)).body).toMatchObject({
      baselineStatus: 'AWAITING',
      baselinePolicy: { historyYears: 3, maxUnexplainedGapDays: 28, abroadYears: 3, abroadMinimumMonths: 3 },
    });

    // Answers so far are kept to come back to: incomplete is fine, a wrong shape is not; sealed at rest; the
    // applicant's alone.
    const draftPath = `/cases/${caseId}/baseline/draft`;
    expect((await api.as(applicant).get(draftPath)).body).toMatchObject({ content: null, version: 0 });
    const saved = await api.as(applicant).put(draftPath, { identity, rightToWork });
    expect(saved.status).toBe(204);
    expect(saved.headers.etag).toBe('"1"');
    expect((await api.as(applicant).get(draftPath)).body).toMatchObject({
      content: { identity, rightToWork },
      version: 1,
    });
    const badShape = await api.as(applicant).put(draftPath, { identity: { documentKind: 'LIBRARY_CARD' } });
    expect(badShape.status).toBe(400);
    const sealed: { content: string }[] = await db.query(
      `SELECT content FROM baseline_draft WHERE case_id = $1`,
      [caseId],
    );
    expect(sealed[0]?.content).toMatch(/^aesgcm:/);
    expect((await api.as(officer).get(draftPath)).status).toBe(403);
    // Only the applicant declares: an officer's declaration is refused.
    expect((await dv.act(officer, caseId, 'baseline/submission', completeBaselineDeclaration())).status).toBe(
      403,
    );
  });

  it('refuses a save of the answers from a stale copy with 409 STALE_STAGE, as the questionnaire does', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.waitForStage(caseId, 'BASELINE_CHECKS');
    const draftPath = `/cases/${caseId}/baseline/draft`;
    const save = (body: object, ifMatch?: string) =>
      api.as(applicant).put(draftPath, body, ifMatch === undefined ? {} : { 'If-Match': ifMatch });
    const { identity, rightToWork } = completeBaselineDeclaration();

    // The read's ETag is the version to send back: "0" before anything is saved.
    expect((await api.as(applicant).get(draftPath)).headers.etag).toBe('"0"');
    expect((await save({ identity }, '"0"')).headers.etag).toBe('"1"');
    // Two tabs loaded version 1: the first save wins, the second is refused and changes nothing.
    expect((await save({ identity, rightToWork }, '1')).headers.etag).toBe('"2"');
    for (const stale of ['"1"', '0']) {
      const res = await save({ convictions: {} }, stale);
      expect(res.status).toBe(409);
      expect(res.body as ErrorBody).toMatchObject({
        error: 'STALE_STAGE',
        message: expect.stringContaining('your saved answers changed since you loaded them') as string,
      });
    }
    const kept = await api.as(applicant).get(draftPath);
    expect(kept.headers.etag).toBe('"2"');
    expect(kept.body).toMatchObject({ version: 2, content: { identity, rightToWork } });

    // If-Match is optional, as the questionnaire's: without it the save wins. One that is not a draft version
    // (a weak tag, a list, a word) is a 400 naming the header, and saves nothing.
    expect((await save({ identity })).headers.etag).toBe('"3"');
    for (const garbled of ['W/"3"', '"3", "4"', 'latest', '*']) {
      const res = await save({ convictions: {} }, garbled);
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).details?.fields?.map((f) => f.field)).toEqual(['If-Match']);
    }
    expect((await api.as(applicant).get(draftPath)).body).toMatchObject({
      version: 3,
      content: { identity },
    });
  });

  it('asks for more information, which the applicant sees and sends, then passes to the questionnaire', async () => {
    const { caseId, applicant } = await awaitingBaseline();
    const draftPath = `/cases/${caseId}/baseline/draft`;
    expect((await api.as(applicant).put(draftPath, { convictions: {} })).status).toBe(204);
    await dv.expectOk(applicant, caseId, 'baseline/submission', completeBaselineDeclaration());
    // Sent, the saved answers are forgotten: the declaration is in the case history.
    expect((await api.as(applicant).get(draftPath)).body).toMatchObject({ content: null });
    await dv.waitForBaselineCheck(caseId);
    await dv.expectOk(officer, caseId, 'baseline/outcome', {
      outcome: 'NEEDS_INFORMATION',
      missingItems: ['A share code for your right to work'],
    });

    const own = await api.as(applicant).get(`/cases/${caseId}`);
    expect(own.body).toMatchObject({
      status: 'ACTION_NEEDED',
      baselineStatus: 'NEEDS_INFORMATION',
      itemsToFix: ['A share code for your right to work'],
    });
    // Asked again, the officer cannot pass it before the applicant answers.
    expect((await dv.act(officer, caseId, 'baseline/outcome', { outcome: 'PASS' })).status).toBe(409);

    // The case judges stays abroad by the figure it started with (BPSS_ABROAD_MINIMUM_MONTHS=3): two months is
    // too short to list, four (too short under the published six) is a stay to account for.
    const lastYear = new Date().getUTCFullYear() - 1;
    const stay = { country: 'FR', reason: 'Work placement' };
    const shortStay = { ...stay, from: `${lastYear}-06-01`, to: `${lastYear}-07-31` };
    const tooShort = await dv.act(applicant, caseId, 'baseline/submission', {
      ...completeBaselineDeclaration(),
      abroad: { livedAbroad: true, periods: [shortStay] },
    });
    expect(tooShort.status).toBe(400);
    expect(JSON.stringify(tooShort.body)).toContain('shorter than 3 months');
    expect((await dv.inspect(caseId)).baseline?.policy).toMatchObject({
      abroadMinimumMonths: 3,
      historyYears: 3,
    });
    await dv.expectOk(applicant, caseId, 'baseline/submission', {
      ...completeBaselineDeclaration(),
      rightToWork: { evidenceKind: 'SHARE_CODE', evidenceReference: 'W4X-7YZ-123' },
      abroad: {
        livedAbroad: true,
        periods: [{ ...stay, from: `${lastYear}-01-01`, to: `${lastYear}-04-30` }],
      },
    });
    await dv.expectOk(officer, caseId, 'baseline/outcome', { outcome: 'PASS' });
    const passed = await dv.waitForStage(caseId, 'QUESTIONNAIRE');
    const actions = passed.history.map((e) => e.action);
    expect(actions.filter((a) => a === 'SUBMIT_BASELINE')).toHaveLength(2);
    expect(actions.filter((a) => a === 'RECORD_BASELINE_OUTCOME')).toHaveLength(2);
    // The BPSS check ran once: a second declaration does not repeat it.
    expect(passed.checks.filter((c) => c.checkType === 'BASIC_CRIMINAL_RECORD')).toHaveLength(1);
    // The declaration is personal data: its officers read it in the history, but it is stored sealed.
    expect(JSON.stringify(passed.history)).toContain('W4X-7YZ-123');
    const stored: { payload: string }[] = await db.query(
      `SELECT payload::text AS payload FROM case_event WHERE case_id = $1`,
      [caseId],
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((row) => row.payload).join()).not.toContain('W4X-7YZ-123');
  });

  it('fails a case: it closes, the applicant is told plainly, and nothing more can be declared', async () => {
    const { caseId, applicant } = await awaitingBaseline();
    await dv.expectOk(applicant, caseId, 'baseline/submission', completeBaselineDeclaration());
    await dv.waitForBaselineCheck(caseId);
    await dv.expectOk(officer, caseId, 'baseline/outcome', {
      outcome: 'FAIL',
      notes: 'Identity document reported lost and stolen',
    });
    expect(await dv.waitForStage(caseId, 'BASELINE_FAILED')).toMatchObject({ status: 'CLOSED' });

    const own = await api.as(applicant).get(`/cases/${caseId}`);
    expect(own.body).toMatchObject({
      status: 'DECISION_MADE',
      message: 'Your application cannot go ahead because it did not pass the baseline checks.',
    });
    // The officer's internal reason is not the applicant's to see.
    expect(JSON.stringify(own.body)).not.toContain('stolen');
    const again = await dv.act(applicant, caseId, 'baseline/submission', completeBaselineDeclaration());
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).not.toContain('BASELINE');
    const draft = await api.as(applicant).put(`/cases/${caseId}/baseline/draft`, { convictions: {} });
    expect(draft.status).toBe(409);
    expect(JSON.stringify(draft.body)).not.toContain('BASELINE');
  });

  it('chases an applicant who does not declare, then lapses the case', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.waitForStage(caseId, 'BASELINE_CHECKS');
    const chased = await until(
      'a baseline chaser for the applicant',
      async () => {
        const rows: { dedupe_key: string }[] = await db.query(
          `SELECT dedupe_key FROM notification WHERE case_id = $1 AND recipient = $2`,
          [caseId, applicant.subject],
        );
        return rows.length > 0 ? rows : undefined;
      },
      20_000,
      250,
    );
    expect(chased.length).toBeGreaterThanOrEqual(1);
    const lapsed = await dv.waitForStage(caseId, 'LAPSED', LAPSE_AFTER + 30_000);
    expect(lapsed.status).toBe('CLOSED');
    expect(lapsed.history.map((e) => e.action)).toContain('LAPSE');
  }, 90_000);
});
