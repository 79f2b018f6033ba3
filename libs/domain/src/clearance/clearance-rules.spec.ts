import type { ClearanceCommand, ClearanceFacts } from './clearance-rules';
import { checkClearanceCommand, referralOpen } from './clearance-rules';
import {
  CLEARANCE_TRANSITIONS,
  clearanceActionsIn,
  clearanceRolesFor,
  isEndedClearance,
} from './clearance-model';

const facts = (over: Partial<ClearanceFacts> = {}): ClearanceFacts => ({
  status: 'VALID',
  holderId: 'holder-1',
  sponsorId: 'sponsor-1',
  appraisal: null,
  tasks: [],
  reviewers: [],
  ...over,
});
const holder = { subject: 'holder-1', as: 'HOLDER' } as const;
const sponsor = { subject: 'sponsor-1', as: 'SPONSOR' } as const;
const officer = { subject: 'officer-1', as: 'VETTING_OFFICER' } as const;
const adjudicator = { subject: 'adj-1', as: 'SENIOR_ADJUDICATOR' } as const;
const system = { subject: 'system', as: 'SYSTEM' } as const;

const change: ClearanceCommand = {
  type: 'REPORT_CHANGE',
  actor: holder,
  kind: 'NEW_PARTNER',
  occurredOn: '2027-01-02',
  summary: 'moved in with a partner',
};
const withdraw: ClearanceCommand = {
  type: 'WITHDRAW',
  actor: adjudicator,
  disclosableReasons: 'undeclared debts',
  closedReasons: 'security service trace',
};

describe('clearance transition table', () => {
  it('ends withdrawn, expired and lapsed clearances for good: no row leaves them', () => {
    for (const s of ['WITHDRAWN', 'EXPIRED', 'LAPSED'] as const) {
      expect(isEndedClearance(s)).toBe(true);
      expect(clearanceActionsIn(s)).toEqual([]);
    }
    expect(CLEARANCE_TRANSITIONS.every((t) => !isEndedClearance(t.from))).toBe(true);
  });

  it('gives each action one actor, and maps actors to token roles', () => {
    expect(clearanceRolesFor('REPORT_CHANGE')).toEqual(['APPLICANT']);
    expect(clearanceRolesFor('REPORT_LEAVER')).toEqual(['SPONSOR']);
    expect(clearanceRolesFor('RECORD_REVIEW')).toEqual(['VETTING_OFFICER']);
    expect(clearanceRolesFor('WITHDRAW')).toEqual(['SENIOR_ADJUDICATOR']);
    expect(clearanceRolesFor('EXPIRE')).toEqual([]);
  });

  it('suspends only a valid clearance and restores only a suspended one', () => {
    expect(
      checkClearanceCommand(facts(), { type: 'SUSPEND', actor: adjudicator, reason: 'inquiry' }),
    ).toEqual({
      ok: true,
      from: 'VALID',
      to: 'SUSPENDED',
    });
    expect(
      checkClearanceCommand(facts(), { type: 'RESTORE', actor: adjudicator, reason: 'cleared' }),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'ILLEGAL_TRANSITION', status: 'VALID' },
    });
    expect(
      checkClearanceCommand(facts({ status: 'SUSPENDED' }), {
        type: 'RESTORE',
        actor: adjudicator,
        reason: 'ok',
      }),
    ).toEqual({ ok: true, from: 'SUSPENDED', to: 'VALID' });
  });
});

describe('checkClearanceCommand', () => {
  it('lets the holder report a change of circumstances, and answers anyone else as if there were no clearance', () => {
    expect(checkClearanceCommand(facts(), change)).toEqual({ ok: true, from: 'VALID', to: 'VALID' });
    const other = { ...change, actor: { subject: 'someone-else', as: 'HOLDER' as const } };
    expect(checkClearanceCommand(facts(), other)).toMatchObject({
      ok: false,
      rejection: { code: 'CLEARANCE_NOT_FOUND' },
    });
  });

  it('refuses a change report with a bad date or an empty summary, naming the field', () => {
    const badDate = checkClearanceCommand(facts(), { ...change, occurredOn: '2 Jan' });
    expect(badDate).toMatchObject({ ok: false, rejection: { code: 'INVALID_COMMAND' } });
    if (!badDate.ok) expect(badDate.rejection.message).toContain('occurredOn');
    const empty = checkClearanceCommand(facts(), { ...change, summary: '   ' });
    if (empty.ok) throw new Error('expected a refusal');
    expect(empty.rejection.message).toContain('summary');
  });

  it('refuses an action from the wrong capacity even for a live clearance', () => {
    const byOfficer = { ...change, actor: officer };
    expect(checkClearanceCommand(facts(), byOfficer)).toMatchObject({
      ok: false,
      rejection: { code: 'ILLEGAL_TRANSITION' },
    });
  });

  it("lets only the clearance's own sponsor report a leaver, which lapses the clearance", () => {
    const leaver: ClearanceCommand = { type: 'REPORT_LEAVER', actor: sponsor, leftOn: '2028-03-31' };
    expect(checkClearanceCommand(facts(), leaver)).toEqual({ ok: true, from: 'VALID', to: 'LAPSED' });
    const stranger = { ...leaver, actor: { subject: 'sponsor-2', as: 'SPONSOR' as const } };
    expect(checkClearanceCommand(facts(), stranger)).toMatchObject({
      ok: false,
      rejection: { code: 'CLEARANCE_NOT_FOUND' },
    });
  });

  it('refuses withdrawal by an adjudicator who reviewed the clearance (four eyes), allows another', () => {
    const reviewedBy = (subject: string) => facts({ reviewers: [subject] });
    expect(checkClearanceCommand(reviewedBy('adj-1'), withdraw)).toMatchObject({
      ok: false,
      rejection: { code: 'FOUR_EYES_VIOLATION' },
    });
    expect(checkClearanceCommand(reviewedBy('officer-1'), withdraw)).toEqual({
      ok: true,
      from: 'VALID',
      to: 'WITHDRAWN',
    });
    expect(checkClearanceCommand(facts({ status: 'SUSPENDED' }), withdraw)).toMatchObject({
      ok: true,
      to: 'WITHDRAWN',
    });
  });

  it('needs both disclosable and closed reasons to withdraw', () => {
    expect(checkClearanceCommand(facts(), { ...withdraw, closedReasons: '' })).toMatchObject({
      ok: false,
      rejection: { code: 'INVALID_COMMAND' },
    });
  });

  it('refuses everything once the clearance has ended, saying so', () => {
    for (const status of ['WITHDRAWN', 'EXPIRED', 'LAPSED'] as const) {
      const verdict = checkClearanceCommand(facts({ status }), change);
      if (verdict.ok) throw new Error('expected a refusal');
      expect(verdict.rejection).toMatchObject({ code: 'ILLEGAL_TRANSITION', allowedActions: [] });
      expect(verdict.rejection.message).toContain('ended');
    }
  });

  it('reviews only an open task', () => {
    const review: ClearanceCommand = {
      type: 'RECORD_REVIEW',
      actor: officer,
      taskId: 't-1',
      outcome: 'NO_CHANGE',
      notes: 'no concern',
    };
    expect(checkClearanceCommand(facts(), review)).toMatchObject({
      ok: false,
      rejection: { code: 'TASK_NOT_FOUND' },
    });
    const task = {
      taskId: 't-1',
      kind: 'CHANGE_OF_CIRCUMSTANCES' as const,
      openedAt: '2027-01-02T00:00:00.000Z',
      status: 'OPEN' as const,
      outcome: null,
      reviewedBy: null,
    };
    expect(checkClearanceCommand(facts({ tasks: [task] }), review)).toMatchObject({ ok: true });
    expect(checkClearanceCommand(facts({ tasks: [{ ...task, status: 'CLOSED' }] }), review)).toMatchObject({
      ok: false,
      rejection: { code: 'TASK_NOT_FOUND' },
    });
  });

  it('takes new conditions only with the outcome CONDITIONS_CHANGED, each of a known type with a detail', () => {
    const task = {
      taskId: 't-1',
      kind: 'INCIDENT' as const,
      openedAt: '2027-01-02T00:00:00.000Z',
      status: 'OPEN' as const,
      outcome: null,
      reviewedBy: null,
    };
    const open = facts({ tasks: [task] });
    const changed: ClearanceCommand = {
      type: 'RECORD_REVIEW',
      actor: officer,
      taskId: 't-1',
      outcome: 'CONDITIONS_CHANGED',
      notes: 'travel to be notified',
      conditions: [{ type: 'TRAVEL_RESTRICTION', detail: 'Notify travel to the listed countries' }],
    };
    expect(checkClearanceCommand(open, changed)).toMatchObject({ ok: true });
    // An empty list lifts every condition; leaving the list out records the outcome alone.
    expect(checkClearanceCommand(open, { ...changed, conditions: [] })).toMatchObject({ ok: true });
    expect(checkClearanceCommand(open, { ...changed, conditions: undefined })).toMatchObject({ ok: true });
    for (const wrong of [
      { ...changed, outcome: 'NO_CHANGE' as const },
      { ...changed, conditions: [{ type: 'TRAVEL_RESTRICTION' as const, detail: '  ' }] },
      { ...changed, conditions: [{ type: 'CURFEW' as unknown as 'TRAVEL_RESTRICTION', detail: 'd' }] },
    ]) {
      expect(checkClearanceCommand(open, wrong)).toMatchObject({
        ok: false,
        rejection: { code: 'INVALID_COMMAND' },
      });
    }
  });

  it('takes an appraisal only while that year is due or overdue, once', () => {
    const appraisal: ClearanceCommand = {
      type: 'SUBMIT_APPRAISAL',
      actor: holder,
      n: 1,
      raisesConcern: false,
      summary: 'nothing to report',
    };
    expect(checkClearanceCommand(facts(), appraisal)).toMatchObject({ ok: false });
    expect(checkClearanceCommand(facts({ appraisal: { n: 1, status: 'DUE' } }), appraisal)).toMatchObject({
      ok: true,
    });
    expect(checkClearanceCommand(facts({ appraisal: { n: 1, status: 'OVERDUE' } }), appraisal)).toMatchObject(
      {
        ok: true,
      },
    );
    expect(
      checkClearanceCommand(facts({ appraisal: { n: 1, status: 'SUBMITTED' } }), appraisal),
    ).toMatchObject({
      ok: false,
    });
    expect(checkClearanceCommand(facts({ appraisal: { n: 2, status: 'DUE' } }), appraisal)).toMatchObject({
      ok: false,
    });
  });

  it('does not chase an appraisal already submitted', () => {
    const reminder: ClearanceCommand = { type: 'APPRAISAL_REMINDER', actor: system, n: 1 };
    expect(checkClearanceCommand(facts({ appraisal: { n: 1, status: 'DUE' } }), reminder)).toMatchObject({
      ok: true,
    });
    expect(
      checkClearanceCommand(facts({ appraisal: { n: 1, status: 'SUBMITTED' } }), reminder),
    ).toMatchObject({
      ok: false,
    });
  });

  it('expires a live clearance at the renewal date', () => {
    expect(checkClearanceCommand(facts({ status: 'SUSPENDED' }), { type: 'EXPIRE', actor: system })).toEqual({
      ok: true,
      from: 'SUSPENDED',
      to: 'EXPIRED',
    });
  });

  describe('transfer to another sponsor', () => {
    const transfer = (over: Partial<{ toSponsorId: string; reason: string }> = {}): ClearanceCommand => ({
      type: 'TRANSFER_SPONSOR',
      actor: sponsor,
      toSponsorId: 'sponsor-2',
      reason: 'moved to a post in another directorate',
      ...over,
    });

    it('lets the clearance’s own sponsor or an officer hand a live clearance to another sponsor', () => {
      expect(checkClearanceCommand(facts(), transfer())).toEqual({ ok: true, from: 'VALID', to: 'VALID' });
      const byOfficer = { ...transfer(), actor: officer };
      expect(checkClearanceCommand(facts({ status: 'SUSPENDED' }), byOfficer)).toEqual({
        ok: true,
        from: 'SUSPENDED',
        to: 'SUSPENDED',
      });
      expect(clearanceRolesFor('TRANSFER_SPONSOR')).toEqual(['SPONSOR', 'VETTING_OFFICER']);
    });

    it('refuses another sponsor, the holder, and an ended clearance', () => {
      const stranger = { ...transfer(), actor: { subject: 'sponsor-9', as: 'SPONSOR' as const } };
      expect(checkClearanceCommand(facts(), stranger)).toMatchObject({
        ok: false,
        rejection: { code: 'CLEARANCE_NOT_FOUND' },
      });
      expect(checkClearanceCommand(facts(), { ...transfer(), actor: holder })).toMatchObject({
        ok: false,
        rejection: { code: 'ILLEGAL_TRANSITION' },
      });
      expect(checkClearanceCommand(facts({ status: 'LAPSED' }), transfer())).toMatchObject({
        ok: false,
        rejection: { code: 'ILLEGAL_TRANSITION' },
      });
    });

    it.each([
      [{ toSponsorId: 'sponsor-1' }, 'already the sponsor'],
      [{ toSponsorId: 'holder-1' }, 'holder cannot sponsor'],
      [{ toSponsorId: 'a b' }, 'toSponsorId'],
      [{ toSponsorId: '' }, 'toSponsorId'],
      [{ reason: '  ' }, 'reason'],
      [{ reason: 'x'.repeat(2001) }, 'reason'],
    ])('refuses %p, saying what is wrong', (over, words) => {
      const verdict = checkClearanceCommand(facts(), transfer(over));
      if (verdict.ok) throw new Error('expected a refusal');
      expect(verdict.rejection.code).toBe('INVALID_COMMAND');
      expect(verdict.rejection.message).toContain(words);
    });
  });

  describe('leaving a referred clearance valid (closing the referral)', () => {
    const referred = (over: Partial<ClearanceFacts> = {}): ClearanceFacts =>
      facts({ referredAt: '2027-05-01T00:00:00.000Z', reviewers: ['officer-1'], ...over });
    const close = (over: Partial<{ reason: string }> = {}): ClearanceCommand => ({
      type: 'CLOSE_REFERRAL',
      actor: adjudicator,
      reason: 'The incident was minor; no further action',
      ...over,
    });

    it('lets a senior adjudicator close an open referral; the clearance stays valid', () => {
      expect(checkClearanceCommand(referred(), close())).toEqual({ ok: true, from: 'VALID', to: 'VALID' });
      expect(clearanceRolesFor('CLOSE_REFERRAL')).toEqual(['SENIOR_ADJUDICATOR']);
    });

    it('refuses a clearance with no open referral, a suspended one and an ended one, saying why', () => {
      for (const [what, f, words] of [
        ['never referred', facts({ referredAt: null }), 'no open referral'],
        ['suspended', referred({ status: 'SUSPENDED' }), 'restore it or withdraw it'],
        ['withdrawn', referred({ status: 'WITHDRAWN' }), 'the clearance has ended'],
      ] as const) {
        const verdict = checkClearanceCommand(f, close());
        expect({ what, ok: verdict.ok }).toEqual({ what, ok: false });
        if (verdict.ok) continue;
        expect({ what, code: verdict.rejection.code }).toEqual({ what, code: 'ILLEGAL_TRANSITION' });
        expect(verdict.rejection.message).toContain(words);
      }
    });

    it('refuses an officer, and an adjudicator who reviewed the clearance (four eyes, as for withdrawal)', () => {
      expect(checkClearanceCommand(referred(), { ...close(), actor: officer })).toMatchObject({
        ok: false,
        rejection: {
          code: 'ILLEGAL_TRANSITION',
          message: expect.stringContaining('senior adjudicator') as string,
        },
      });
      const reviewedIt = { subject: 'officer-1', as: 'SENIOR_ADJUDICATOR' } as const;
      expect(checkClearanceCommand(referred(), { ...close(), actor: reviewedIt })).toMatchObject({
        ok: false,
        rejection: { code: 'FOUR_EYES_VIOLATION' },
      });
    });

    it.each([[{ reason: '' }], [{ reason: '   ' }], [{ reason: 'x'.repeat(2001) }]])(
      'needs a written reason of at most 2000 characters (%p)',
      (over) => {
        const verdict = checkClearanceCommand(referred(), close(over));
        if (verdict.ok) throw new Error('expected a refusal');
        expect(verdict.rejection.code).toBe('INVALID_COMMAND');
        expect(verdict.rejection.message).toContain('reason');
      },
    );

    it('reads a referral from the tasks on state carried over from before referrals were kept', () => {
      const referringTask = {
        taskId: 'task-1',
        kind: 'INCIDENT' as const,
        openedAt: '2027-05-01T00:00:00.000Z',
        status: 'CLOSED' as const,
        outcome: 'REFER_TO_ADJUDICATOR' as const,
        reviewedBy: 'officer-1',
      };
      expect(referralOpen(facts({ tasks: [referringTask] }))).toBe(true);
      expect(referralOpen(facts({ tasks: [{ ...referringTask, outcome: 'NO_CHANGE' }] }))).toBe(false);
      // Once the state keeps referrals, it says so itself.
      expect(referralOpen(facts({ tasks: [referringTask], referredAt: null }))).toBe(false);
      expect(referralOpen(facts({ referredAt: '2027-05-01T00:00:00.000Z', status: 'LAPSED' }))).toBe(false);
    });
  });
});
