import type { Principal } from '../../libs/domain/src';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import {
  adjudicator,
  auditor,
  lead,
  newApplicant,
  officer,
  otherOfficer,
  sponsor,
} from '../support/principals';
import { until } from '../support/until';

/**
 * The aftercare of a DV clearance over HTTP (issue 12), on the real dev server and worker: a clearance granted
 * through the DV stages, then its holder, sponsor, an officer and adjudicators act on it through the API, with
 * appraisal years a few seconds long.
 */
const YEAR_MS = 20_000;
const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  AFTERCARE_YEAR_MS: String(YEAR_MS),
  APPRAISAL_REMINDER_MS: '6000',
  APPRAISAL_OVERDUE_MS: '12000',
});
const dv = new DvFlow(api);

/** Officer who reviews the clearance, and who also sits as an adjudicator: four eyes keep them from withdrawing. */
const reviewer: Principal = {
  subject: 'aftercare-officer-1',
  roles: ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR'],
};
const strangerSponsor: Principal = { subject: 'sponsor-elsewhere', roles: ['SPONSOR'] };

interface ClearanceBody {
  clearanceId: string;
  status: string;
  grantedOn: string;
  renewalDue: string;
  appraisal: { n: number; status: string; dueAt: string } | null;
  tasks?: {
    taskId: string;
    kind: string;
    status: string;
    outcome: string | null;
    reviewedBy: string | null;
    assignee?: string | null;
    checks?: { checkType: string; status: string; outcome: string | null }[];
  }[];
  reviewers?: string[];
}
interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string }[]; clearanceStatus?: string; allowedClearanceActions?: string[] };
}

let holder: Principal;
let caseId: string;
let clearanceId: string;

beforeAll(async () => {
  await api.start();
  const started = await dv.newCase(undefined, sponsor);
  holder = started.applicant;
  caseId = started.caseId;
  await dv.toDecision(caseId, holder);
  await dv.expectOk(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
  // The grant starts the clearance-held workflow, which writes its first snapshot.
  clearanceId = await dv.heldClearanceId(holder, 30_000);
}, 300_000);
afterAll(() => api.stop());

const url = (path = ''): string => `/clearances/${clearanceId}${path}`;
/** The referral queue as `who` reads it. */
const referrals = async (who: Principal): Promise<{ clearanceId: string; reason: string }[]> => {
  const res = await api.as(who).get('/clearances/referrals?pageSize=100');
  expect(res.status).toBe(200);
  return (res.body as { items: { clearanceId: string; reason: string }[] }).items;
};

describe('aftercare over HTTP', () => {
  it('shows the holder their clearance with its status and dates, and the sponsor its id and status', async () => {
    const own = await api.as(holder).get(url());
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      clearanceId,
      level: 'DV',
      status: 'VALID',
      grantedOn: expect.any(String) as string,
      renewalDue: expect.any(String) as string,
      appraisal: null,
      conditions: [],
      endedAt: null,
    });
    const lookup = await api.as(sponsor).get(`/clearances/status?personId=${holder.subject}`);
    expect(lookup.body).toEqual({ personId: holder.subject, status: 'VALID', clearanceId });
  });

  it('answers anyone else as if there were no clearance', async () => {
    const stranger = newApplicant();
    for (const [who, res] of [
      ['another applicant reading', await api.as(stranger).get(url())],
      [
        'another applicant reporting',
        await api
          .as(stranger)
          .post(url('/changes'), { kind: 'NEW_PARTNER', occurredOn: '2026-01-02', summary: 'x' }),
      ],
      ['another sponsor reading', await api.as(strangerSponsor).get(url())],
      ['another sponsor reporting', await api.as(strangerSponsor).post(url('/incidents'), { summary: 'x' })],
      ['no such clearance', await api.as(holder).get('/clearances/7a0c1f7e-2f6b-4d0e-9a55-3f3c1b2a9d10')],
    ] as const) {
      expect({ who, status: res.status, error: (res.body as ErrorBody).error }).toEqual({
        who,
        status: 404,
        error: 'CLEARANCE_NOT_FOUND',
      });
    }
    expect((await api.as(stranger).get('/clearances/mine')).body).toEqual({ items: [] });
  });

  it('refuses bad bodies with 400 naming what is wrong', async () => {
    const bad: [string, Principal, string, object, string][] = [
      [
        'unknown change kind',
        holder,
        '/changes',
        { kind: 'ALIENS', occurredOn: '2026-01-02', summary: 's' },
        'kind',
      ],
      [
        'not a date',
        holder,
        '/changes',
        { kind: 'NEW_PARTNER', occurredOn: '2026-02-30', summary: 's' },
        'occurredOn',
      ],
      [
        'blank summary',
        holder,
        '/changes',
        { kind: 'NEW_PARTNER', occurredOn: '2026-01-02', summary: '   ' },
        'summary',
      ],
      ['unknown field', sponsor, '/incidents', { summary: 's', severity: 'high' }, 'severity'],
      ['appraisal year missing', holder, '/appraisals', { raisesConcern: false, summary: 's' }, 'n'],
      ['no leaving date', sponsor, '/leaver', {}, 'leftOn'],
      ['closed reasons missing', adjudicator, '/withdrawal', { disclosableReasons: 'd' }, 'closedReasons'],
      ['no reason to leave it valid', adjudicator, '/referral-closure', {}, 'reason'],
      ['blank reason to leave it valid', adjudicator, '/referral-closure', { reason: '  ' }, 'reason'],
      [
        'unknown outcome',
        reviewer,
        '/review-tasks/task-1/outcome',
        { outcome: 'SHRUG', notes: 'n' },
        'outcome',
      ],
      ['bad task id', reviewer, '/review-tasks/T1/outcome', { outcome: 'NO_CHANGE', notes: 'n' }, 'taskId'],
    ];
    for (const [what, who, path, body, field] of bad) {
      const res = await api.as(who).post(url(path), body);
      const error = res.body as ErrorBody;
      expect({
        what,
        status: res.status,
        error: error.error,
        field: error.details?.fields?.[0]?.field,
      }).toEqual({
        what,
        status: 400,
        error: 'VALIDATION_FAILED',
        field,
      });
    }
    const badId = await api.as(holder).get('/clearances/not-a-uuid');
    expect([badId.status, (badId.body as ErrorBody).error]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses with 409 what the rules do not allow in the current status', async () => {
    const restore = await api.as(adjudicator).post(url('/restoration'), { reason: 'nothing to restore' });
    expect(restore.status).toBe(409);
    expect(restore.body).toMatchObject({
      error: 'ILLEGAL_TRANSITION',
      details: {
        clearanceStatus: 'VALID',
        allowedClearanceActions: expect.arrayContaining(['SUSPEND']) as string[],
      },
    });
    const noTask = await api.as(reviewer).post(url('/review-tasks/task-999/outcome'), {
      outcome: 'NO_CHANGE',
      notes: 'n',
    });
    expect([noTask.status, (noTask.body as ErrorBody).error]).toEqual([409, 'TASK_NOT_FOUND']);
  });

  it('takes a change of circumstances into the officers’ queue and records the review outcome', async () => {
    const reported = await api.as(holder).post(url('/changes'), {
      kind: 'NEW_PARTNER',
      occurredOn: '2026-11-20',
      summary: 'Moved in with my partner',
    });
    expect(reported.status).toBe(200);
    // The holder sees the coarse view only: no tasks, no reviewers.
    expect(reported.body).not.toHaveProperty('tasks');

    const queue = await api.as(reviewer).get('/clearances/review-tasks?pageSize=100');
    expect(queue.status).toBe(200);
    const page = queue.body as {
      items: { clearanceId: string; taskId: string; kind: string }[];
      total: number;
    };
    const task = page.items.find((t) => t.clearanceId === clearanceId);
    expect(task).toMatchObject({
      kind: 'CHANGE_OF_CIRCUMSTANCES',
      taskId: expect.stringMatching(/^task-\d+$/) as string,
    });
    if (!task) throw new Error('no review task');
    // A new partner re-runs the checks tied to associates; "no change" is taken once they are back.
    const checked = await until(
      'the re-run checks to come back',
      async () => {
        const view = (await api.as(reviewer).get(url())).body as ClearanceBody;
        const t = view.tasks?.find((x) => x.taskId === task.taskId);
        return t?.checks?.every((c) => c.status !== 'RUNNING') ? t : undefined;
      },
      30_000,
      250,
    );
    expect(checked.checks?.map((c) => [c.checkType, c.status, c.outcome])).toEqual([
      ['THIRD_PARTY', 'RESULT', 'CLEAR'],
      ['SECURITY_SERVICE', 'RESULT', 'CLEAR'],
      ['FINANCIAL_REVIEW', 'RESULT', 'CLEAR'],
    ]);
    // Every result back, the queue no longer says the task awaits them.
    const backQueue = await api.as(reviewer).get('/clearances/review-tasks?pageSize=100');
    expect(
      (
        backQueue.body as { items: { clearanceId: string; taskId: string; awaitingResults: boolean }[] }
      ).items.find((t) => t.taskId === task.taskId && t.clearanceId === clearanceId),
    ).toMatchObject({ awaitingResults: false });

    const reviewed = await api.as(reviewer).post(url(`/review-tasks/${task.taskId}/outcome`), {
      outcome: 'NO_CHANGE',
      notes: 'Partner checked; nothing of concern',
    });
    expect(reviewed.status).toBe(200);
    const after = reviewed.body as ClearanceBody;
    expect(after.tasks?.find((t) => t.taskId === task.taskId)).toMatchObject({
      status: 'CLOSED',
      outcome: 'NO_CHANGE',
      reviewedBy: reviewer.subject,
    });
    expect(after.reviewers).toEqual([reviewer.subject]);
    const again = await api.as(reviewer).get('/clearances/review-tasks?pageSize=100');
    expect((again.body as typeof page).items.some((t) => t.clearanceId === clearanceId)).toBe(false);

    // Every action is audited against the case that granted the clearance.
    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=100`);
    const actions = (audit.body as { items: { action: string; outcome: string }[] }).items.map((e) => [
      e.action,
      e.outcome,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['CLEARANCE_ACTION:REPORT_CHANGE', '200'],
        ['CLEARANCE_ACTION:RECORD_REVIEW', '200'],
      ]),
    );
  });

  it('changes the conditions by a review: the holder sees them, and another outcome may not carry any', async () => {
    expect((await api.as(sponsor).post(url('/incidents'), { summary: 'Travel not notified' })).status).toBe(
      200,
    );
    const queue = await api.as(reviewer).get('/clearances/review-tasks?pageSize=100');
    const task = (queue.body as { items: { clearanceId: string; taskId: string }[] }).items.find(
      (t) => t.clearanceId === clearanceId,
    );
    if (!task) throw new Error('no review task');
    const path = url(`/review-tasks/${task.taskId}/outcome`);

    const travel = { type: 'TRAVEL_RESTRICTION', detail: 'Notify travel to the listed countries' };
    for (const [what, body] of [
      ['conditions with another outcome', { outcome: 'NO_CHANGE', notes: 'n', conditions: [travel] }],
      [
        'an unknown condition type',
        { outcome: 'CONDITIONS_CHANGED', notes: 'n', conditions: [{ type: 'CURFEW', detail: 'd' }] },
      ],
      [
        'a condition with no detail',
        { outcome: 'CONDITIONS_CHANGED', notes: 'n', conditions: [{ type: 'TRAVEL_RESTRICTION' }] },
      ],
      ['conditions that are not a list', { outcome: 'CONDITIONS_CHANGED', notes: 'n', conditions: 'travel' }],
    ] as const) {
      const res = await api.as(reviewer).post(path, body);
      expect({ what, status: res.status, error: (res.body as ErrorBody).error }).toEqual({
        what,
        status: 400,
        error: 'VALIDATION_FAILED',
      });
    }

    const reviewed = await api.as(reviewer).post(path, {
      outcome: 'CONDITIONS_CHANGED',
      notes: 'Reminded of the travel rules; condition added',
      conditions: [travel],
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ conditions: [travel] });
    const own = await api.as(holder).get(url());
    expect(own.body).toMatchObject({ status: 'VALID', conditions: [travel] });
    // The task is closed: the outcome cannot be recorded twice.
    expect((await api.as(reviewer).post(path, { outcome: 'NO_CHANGE', notes: 'again' })).status).toBe(409);
  });

  it('assigns review tasks as cases are: an officer takes one, the team lead reassigns it, only the assignee reviews', async () => {
    expect((await api.as(sponsor).post(url('/incidents'), { summary: 'Lost a pass' })).status).toBe(200);
    const staffView = async (): Promise<ClearanceBody> =>
      (await api.as(officer).get(url())).body as ClearanceBody;
    const taskId = (await staffView()).tasks?.filter((t) => t.status === 'OPEN').at(-1)?.taskId;
    if (!taskId) throw new Error('no review task');
    const assign = (who: Principal, officerId: string) =>
      api.as(who).post(url(`/review-tasks/${taskId}/assignment`), { officerId });
    type Queue = { items: { clearanceId: string; taskId: string; assignee: string | null }[] };
    const listed = async (who: Principal, filter: string): Promise<string | null | undefined> => {
      const res = await api.as(who).get(`/clearances/review-tasks?pageSize=100${filter}`);
      expect(res.status).toBe(200);
      const item = (res.body as Queue).items.find(
        (t) => t.clearanceId === clearanceId && t.taskId === taskId,
      );
      return item ? item.assignee : undefined;
    };
    expect(await listed(officer, '&assignee=none')).toBeNull();
    expect(await listed(officer, '&assignee=me')).toBeUndefined();

    // Refusals, each saying why: roles the table does not name, an officer assigning someone else, an officer
    // the staff directory does not know.
    expect((await assign(holder, officer.subject)).status).toBe(403);
    expect((await assign(adjudicator, officer.subject)).status).toBe(403);
    const forOther = await assign(officer, otherOfficer.subject);
    expect([forOther.status, (forOther.body as ErrorBody).error]).toEqual([403, 'FORBIDDEN']);
    const typo = await assign(lead, 'offcer-7');
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({
      error: 'INVALID_COMMAND',
      message: 'no such officer: offcer-7 is not in the staff directory',
      details: { fields: [{ field: 'officerId' }] },
    });
    expect((await api.as(officer).get('/clearances/review-tasks?assignee=someone')).status).toBe(400);

    const taken = await assign(officer, officer.subject);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ clearanceId, taskId, kind: 'INCIDENT', assignee: officer.subject });
    expect(await listed(officer, '&assignee=me')).toBe(officer.subject);
    expect(await listed(officer, '&assignee=none')).toBeUndefined();
    expect(await listed(otherOfficer, '&assignee=me')).toBeUndefined();
    expect(await listed(lead, '')).toBe(officer.subject);
    expect((await staffView()).tasks?.find((t) => t.taskId === taskId)).toMatchObject({
      assignee: officer.subject,
    });

    // Taken: another officer may neither take it nor review it; reassigning is the team lead's call.
    const outcome = url(`/review-tasks/${taskId}/outcome`);
    const review = { outcome: 'NO_CHANGE', notes: 'Pass reissued; nothing more' };
    const grab = await assign(otherOfficer, otherOfficer.subject);
    expect([grab.status, (grab.body as ErrorBody).error]).toEqual([409, 'NOT_ASSIGNED_OFFICER']);
    const notTheirs = await api.as(otherOfficer).post(outcome, review);
    expect([notTheirs.status, (notTheirs.body as ErrorBody).error]).toEqual([409, 'NOT_ASSIGNED_OFFICER']);
    expect((await assign(lead, officer.subject)).status).toBe(409);

    // The lead's assignment page reads the one task; the holder (a party) is not answered.
    const one = await api.as(lead).get(url(`/review-tasks/${taskId}`));
    expect([one.status, one.body]).toEqual([
      200,
      expect.objectContaining({ clearanceId, taskId, kind: 'INCIDENT', assignee: officer.subject }),
    ]);
    expect((await api.as(holder).get(url(`/review-tasks/${taskId}`))).status).toBe(403);

    const reassigned = await assign(lead, otherOfficer.subject);
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ assignee: otherOfficer.subject });
    // Told discreetly, being assigned by someone else; the officer who took it themself was told nothing.
    type Inbox = { items: { reason: string; body: string }[] };
    const told = await until(
      'the review-assigned notice',
      async () =>
        ((await api.as(otherOfficer).get('/inbox')).body as Inbox).items.find(
          (m) => m.reason === 'REVIEW_TASK_ASSIGNED',
        ),
      15_000,
      250,
    );
    expect(told.body).not.toMatch(/review|clearance|incident|vetting/i);
    // The officer it was taken from is told too, as discreetly (it left their share of the queue).
    const unassigned = await until(
      'the review-unassigned notice',
      async () =>
        ((await api.as(officer).get('/inbox')).body as Inbox).items.find(
          (m) => m.reason === 'REVIEW_TASK_UNASSIGNED',
        ),
      15_000,
      250,
    );
    expect(unassigned.body).not.toMatch(/review|clearance|incident|vetting|officer-8/i);
    const officerInbox = (await api.as(officer).get('/inbox')).body as Inbox;
    expect(officerInbox.items.map((m) => m.reason)).not.toContain('REVIEW_TASK_ASSIGNED');
    expect(officerInbox.items.filter((m) => m.reason === 'REVIEW_TASK_UNASSIGNED')).toHaveLength(1);
    const newAssigneeInbox = (await api.as(otherOfficer).get('/inbox')).body as Inbox;
    expect(newAssigneeInbox.items.map((m) => m.reason)).not.toContain('REVIEW_TASK_UNASSIGNED');
    expect((await api.as(officer).post(outcome, review)).status).toBe(409);
    expect((await api.as(otherOfficer).post(outcome, review)).status).toBe(200);

    // Closed: nothing more to assign.
    const late = await assign(lead, officer.subject);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      error: 'ILLEGAL_TRANSITION',
      message: `review task ${taskId} is closed already`,
    });

    // The lead's queue is their team's share: a task an officer of another team took leaves it.
    const elsewhere: Principal = {
      subject: 'officer-elsewhere',
      roles: ['VETTING_OFFICER'],
      team: 'dv-team-2',
    };
    await api.enrol(elsewhere);
    expect((await api.as(sponsor).post(url('/incidents'), { summary: 'Door left open' })).status).toBe(200);
    const second = (await staffView()).tasks?.filter((t) => t.status === 'OPEN').at(-1)?.taskId;
    if (!second) throw new Error('no second review task');
    const secondUrl = url(`/review-tasks/${second}`);
    expect((await api.as(lead).get(secondUrl)).status).toBe(200);
    const takenElsewhere = await api
      .as(elsewhere)
      .post(`${secondUrl}/assignment`, { officerId: elsewhere.subject });
    expect(takenElsewhere.status).toBe(200);
    const leadQueue = (await api.as(lead).get('/clearances/review-tasks?pageSize=100')).body as Queue;
    expect(leadQueue.items.some((t) => t.clearanceId === clearanceId && t.taskId === second)).toBe(false);
    expect((await api.as(lead).get(secondUrl)).status).toBe(409);
    expect((await api.as(elsewhere).post(`${secondUrl}/outcome`, review)).status).toBe(200);

    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=100`);
    const actions = (audit.body as { items: { action: string; outcome: string }[] }).items.map((e) => [
      e.action,
      e.outcome,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['CLEARANCE_ACTION:ASSIGN_REVIEW', '200'],
        ['CLEARANCE_REVIEW_TASK_READ', '200'],
      ]),
    );
  });

  it("takes the year's appraisal once it falls due", async () => {
    const due = await until(
      'the first appraisal to fall due',
      async () => {
        const res = await api.as(holder).get(url());
        const appraisal = (res.body as ClearanceBody).appraisal;
        return appraisal && appraisal.status !== 'SUBMITTED' ? appraisal : undefined;
      },
      YEAR_MS + 15_000,
      500,
    );
    const submitted = await api.as(holder).post(url('/appraisals'), {
      n: due.n,
      raisesConcern: false,
      summary: 'No changes; line manager content',
    });
    expect(submitted.status).toBe(200);
    expect((submitted.body as ClearanceBody).appraisal).toMatchObject({ n: due.n, status: 'SUBMITTED' });
    const twice = await api
      .as(holder)
      .post(url('/appraisals'), { n: due.n, raisesConcern: false, summary: 'again' });
    expect(twice.status).toBe(409);
  });

  it('leaves a referred clearance valid: it comes off the referral queue and its holder sees no change', async () => {
    const reason = { reason: 'Incident minor and explained; no further action' };
    const close = (who: Principal, body: object = reason) => api.as(who).post(url('/referral-closure'), body);
    // Nothing has referred it yet: there is no referral to close.
    const early = await close(adjudicator);
    expect([early.status, (early.body as ErrorBody).error]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect((early.body as ErrorBody).message).toContain('no open referral');
    for (const who of [holder, sponsor]) expect((await close(who)).status).toBe(403);

    expect((await api.as(sponsor).post(url('/incidents'), { summary: 'Lost a pass' })).status).toBe(200);
    const queue = await api.as(reviewer).get('/clearances/review-tasks?pageSize=100');
    const task = (queue.body as { items: { clearanceId: string; taskId: string }[] }).items.find(
      (t) => t.clearanceId === clearanceId,
    );
    if (!task) throw new Error('no review task');
    const referred = await api.as(reviewer).post(url(`/review-tasks/${task.taskId}/outcome`), {
      outcome: 'REFER_TO_ADJUDICATOR',
      notes: 'Second lost pass this year; for an adjudicator',
    });
    expect(referred.status).toBe(200);
    expect(referred.body).toMatchObject({ status: 'VALID', referralOpen: true });
    expect((await referrals(adjudicator)).find((r) => r.clearanceId === clearanceId)).toMatchObject({
      reason: 'REFERRED',
    });
    // The adjudicator deciding it reads the review's notes (sealed in its event); no one else does.
    const notes = await api.as(adjudicator).get(url('/referral-notes'));
    expect(notes.status).toBe(200);
    expect(notes.body).toEqual({
      clearanceId,
      items: [
        {
          taskId: task.taskId,
          officerId: reviewer.subject,
          recordedAt: expect.any(String) as string,
          notes: 'Second lost pass this year; for an adjudicator',
        },
      ],
    });
    expect((await api.as(reviewer).get(url('/referral-notes'))).status).toBe(404);
    for (const who of [holder, sponsor, officer])
      expect((await api.as(who).get(url('/referral-notes'))).status).toBe(403);

    // The officer who referred it also sits as an adjudicator: four eyes, as for withdrawal.
    const byReviewer = await close(reviewer);
    expect([byReviewer.status, (byReviewer.body as ErrorBody).error]).toEqual([409, 'FOUR_EYES_VIOLATION']);
    expect((await close(holder)).status).toBe(403);

    const left = await close(adjudicator);
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: 'VALID', referralOpen: false, endedAt: null });
    // The reason is the vetting team's: kept in the sealed event, never in a view.
    expect(JSON.stringify(left.body)).not.toContain('no further action');
    expect((await referrals(adjudicator)).some((r) => r.clearanceId === clearanceId)).toBe(false);
    expect((await api.as(holder).get(url())).body).toMatchObject({ status: 'VALID', endedAt: null });
    const lookup = await api.as(sponsor).get(`/clearances/status?personId=${holder.subject}`);
    expect(lookup.body).toEqual({ personId: holder.subject, status: 'VALID', clearanceId });

    // Closed once: a second closing has no referral to close.
    const again = await close(adjudicator);
    expect([again.status, (again.body as ErrorBody).error]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=100`);
    const actions = (audit.body as { items: { action: string; outcome: string }[] }).items.map((e) => [
      e.action,
      e.outcome,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['CLEARANCE_ACTION:CLOSE_REFERRAL', '200'],
        ['CLEARANCE_REFERRAL_NOTES_READ', '200'],
        // The reviewer's read refused, on the same case's trail.
        ['CLEARANCE_REFERRAL_NOTES_READ', expect.stringMatching(/CLEARANCE_NOT_FOUND$/) as string],
      ]),
    );
    // Closed, the referral has no notes to show.
    expect((await api.as(adjudicator).get(url('/referral-notes'))).body).toEqual({ clearanceId, items: [] });
  });

  it('refuses the withdrawal to the officer who reviewed the clearance and accepts it from another adjudicator', async () => {
    const reasons = {
      disclosableReasons: 'Undeclared foreign contact',
      closedReasons: 'Information from a partner agency',
    };
    // Suspended first: it waits in the adjudicators' referral queue, which never shows the reviewer a clearance
    // they reviewed, and which other roles may not read.
    expect((await referrals(adjudicator)).some((r) => r.clearanceId === clearanceId)).toBe(false);
    const suspended = await api
      .as(adjudicator)
      .post(url('/suspension'), { reason: 'Pending an investigation' });
    expect(suspended.status).toBe(200);
    expect((await referrals(adjudicator)).find((r) => r.clearanceId === clearanceId)).toMatchObject({
      reason: 'SUSPENDED',
    });
    expect((await referrals(reviewer)).some((r) => r.clearanceId === clearanceId)).toBe(false);
    expect((await api.as(holder).get('/clearances/referrals')).status).toBe(403);
    expect((await api.as(adjudicator).get('/clearances/referrals?pageSize=0')).status).toBe(400);

    const byReviewer = await api.as(reviewer).post(url('/withdrawal'), reasons);
    expect([byReviewer.status, (byReviewer.body as ErrorBody).error]).toEqual([409, 'FOUR_EYES_VIOLATION']);

    const withdrawn = await api
      .as(adjudicator)
      .post(url('/withdrawal'), reasons, { 'Idempotency-Key': `withdraw-${clearanceId}` });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { by: adjudicator.subject, disclosableReasons: 'Undeclared foreign contact' },
    });
    expect((await referrals(adjudicator)).some((r) => r.clearanceId === clearanceId)).toBe(false);
    // The closed reasons are kept in the event history only.
    expect(JSON.stringify(withdrawn.body)).not.toContain('partner agency');

    const lookup = await api.as(sponsor).get(`/clearances/status?personId=${holder.subject}`);
    expect(lookup.body).toEqual({ personId: holder.subject, status: 'WITHDRAWN', clearanceId });
    expect((await api.as(holder).get(url())).body).toMatchObject({
      status: 'WITHDRAWN',
      endedAt: expect.any(String) as string,
    });

    // An ended clearance accepts nothing more, and says why.
    const late = await api.as(sponsor).post(url('/incidents'), { summary: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      error: 'ILLEGAL_TRANSITION',
      details: { clearanceStatus: 'WITHDRAWN' },
    });
    expect(late.body).not.toHaveProperty('details.allowedClearanceActions');
  });
});
