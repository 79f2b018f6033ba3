import type { ClearanceCommand } from './clearance-rules';
import { applyClearanceCommand, grantedClearance, renewalOrphanedBy } from './clearance-state';

const at = '2027-05-01T00:00:00.000Z';
const granted = grantedClearance(
  {
    clearanceId: '00000000-0000-4000-8000-000000000001',
    caseId: '00000000-0000-4000-8000-000000000002',
    holderId: 'holder-1',
    sponsorId: 'sponsor-1',
    grantedOn: '2026-05-01',
    renewalDue: '2033-05-01',
    conditions: [],
  },
  at,
);
const holder = { subject: 'holder-1', as: 'HOLDER' } as const;
const officer = { subject: 'officer-1', as: 'VETTING_OFFICER' } as const;

describe('applyClearanceCommand', () => {
  it('opens a review task for a change of circumstances, numbered by the event', () => {
    const next = applyClearanceCommand(
      granted,
      { type: 'REPORT_CHANGE', actor: holder, kind: 'NEW_PARTNER', occurredOn: '2027-04-01', summary: 'x' },
      'VALID',
      at,
    );
    expect(next.seq).toBe(1);
    expect(next.tasks).toEqual([
      {
        taskId: 'task-1',
        kind: 'CHANGE_OF_CIRCUMSTANCES',
        openedAt: at,
        status: 'OPEN',
        outcome: null,
        reviewedBy: null,
      },
    ]);
    expect(granted.tasks).toEqual([]);
  });

  it('closes the task on review and remembers the reviewer', () => {
    const reported = applyClearanceCommand(
      granted,
      { type: 'REPORT_INCIDENT', actor: { subject: 'sponsor-1', as: 'SPONSOR' }, summary: 'x' },
      'VALID',
      at,
    );
    const reviewed = applyClearanceCommand(
      reported,
      {
        type: 'RECORD_REVIEW',
        actor: officer,
        taskId: 'task-1',
        outcome: 'REFER_TO_ADJUDICATOR',
        notes: 'n',
      },
      'VALID',
      at,
    );
    expect(reviewed.tasks[0]).toMatchObject({
      status: 'CLOSED',
      outcome: 'REFER_TO_ADJUDICATOR',
      reviewedBy: 'officer-1',
    });
    expect(reviewed.reviewers).toEqual(['officer-1']);
  });

  it('keeps the first referral open until an adjudicator leaves the clearance valid or restores it', () => {
    const adjudicator = { subject: 'adj-1', as: 'SENIOR_ADJUDICATOR' } as const;
    const later = '2027-06-01T00:00:00.000Z';
    const incident: ClearanceCommand = {
      type: 'REPORT_INCIDENT',
      actor: { subject: 'sponsor-1', as: 'SPONSOR' },
      summary: 'x',
    };
    const refer = (taskId: string): ClearanceCommand => ({
      type: 'RECORD_REVIEW',
      actor: officer,
      taskId,
      outcome: 'REFER_TO_ADJUDICATOR',
      notes: 'n',
    });
    expect(granted.referredAt).toBeNull();
    let s = applyClearanceCommand(granted, incident, 'VALID', at);
    s = applyClearanceCommand(s, refer('task-1'), 'VALID', at);
    expect(s.referredAt).toBe(at);
    s = applyClearanceCommand(s, incident, 'VALID', later);
    s = applyClearanceCommand(s, refer('task-3'), 'VALID', later);
    expect(s.referredAt).toBe(at);
    const left = applyClearanceCommand(
      s,
      { type: 'CLOSE_REFERRAL', actor: adjudicator, reason: 'no further action' },
      'VALID',
      later,
    );
    expect(left).toMatchObject({ status: 'VALID', referredAt: null, endedAt: null });
    // The reason stays in the sealed event, not in the state.
    expect(JSON.stringify(left)).not.toContain('no further action');
    const suspended = applyClearanceCommand(
      s,
      { type: 'SUSPEND', actor: adjudicator, reason: 'r' },
      'SUSPENDED',
      later,
    );
    expect(suspended.referredAt).toBe(at);
    const restored = applyClearanceCommand(
      suspended,
      { type: 'RESTORE', actor: adjudicator, reason: 'r' },
      'VALID',
      later,
    );
    expect(restored.referredAt).toBeNull();
  });

  it('replaces the conditions with a review’s, and keeps them when the review names none', () => {
    const reported = applyClearanceCommand(
      { ...granted, conditions: [{ type: 'TRAVEL_RESTRICTION', detail: 'old' }] },
      { type: 'REPORT_INCIDENT', actor: { subject: 'sponsor-1', as: 'SPONSOR' }, summary: 'x' },
      'VALID',
      at,
    );
    const review = {
      type: 'RECORD_REVIEW' as const,
      actor: officer,
      taskId: 'task-1',
      outcome: 'CONDITIONS_CHANGED' as const,
      notes: 'n',
    };
    expect(applyClearanceCommand(reported, review, 'VALID', at).conditions).toEqual([
      { type: 'TRAVEL_RESTRICTION', detail: 'old' },
    ]);
    const conditions = [{ type: 'TRAVEL_RESTRICTION' as const, detail: 'new' }];
    const changed = applyClearanceCommand(reported, { ...review, conditions }, 'VALID', at);
    expect(changed.conditions).toEqual(conditions);
    expect(changed.conditions).not.toBe(conditions);
    expect(reported.conditions).toEqual([{ type: 'TRAVEL_RESTRICTION', detail: 'old' }]);
  });

  it('hands the clearance to the new sponsor, keeping everything else', () => {
    const transferred = applyClearanceCommand(
      granted,
      {
        type: 'TRANSFER_SPONSOR',
        actor: { subject: 'sponsor-1', as: 'SPONSOR' },
        toSponsorId: 'sponsor-2',
        reason: 'moved post',
      },
      'VALID',
      at,
    );
    expect(transferred).toEqual({ ...granted, sponsorId: 'sponsor-2', seq: 1, updatedAt: at, renewal: null });
    expect(granted.sponsorId).toBe('sponsor-1');
  });

  it('opens an appraisal concern task only when the appraisal raises one', () => {
    const due = applyClearanceCommand(
      granted,
      { type: 'APPRAISAL_DUE', actor: { subject: 'system', as: 'SYSTEM' }, n: 1 },
      'VALID',
      at,
      at,
    );
    const quiet = applyClearanceCommand(
      due,
      { type: 'SUBMIT_APPRAISAL', actor: holder, n: 1, raisesConcern: false, summary: 's' },
      'VALID',
      at,
    );
    expect(quiet.appraisal).toEqual({ n: 1, status: 'SUBMITTED', dueAt: at });
    expect(quiet.tasks).toEqual([]);
    const worried = applyClearanceCommand(
      due,
      { type: 'SUBMIT_APPRAISAL', actor: holder, n: 1, raisesConcern: true, summary: 's' },
      'VALID',
      at,
    );
    expect(worried.tasks.map((t) => t.kind)).toEqual(['APPRAISAL_CONCERN']);
  });

  it('records when the clearance ended and the disclosable reasons of a withdrawal', () => {
    const withdrawn = applyClearanceCommand(
      granted,
      {
        type: 'WITHDRAW',
        actor: { subject: 'adj-2', as: 'SENIOR_ADJUDICATOR' },
        disclosableReasons: 'd',
        closedReasons: 'c',
      },
      'WITHDRAWN',
      at,
    );
    expect(withdrawn).toMatchObject({
      status: 'WITHDRAWN',
      endedAt: at,
      withdrawal: { by: 'adj-2', disclosableReasons: 'd' },
    });
    expect(JSON.stringify(withdrawn)).not.toContain('"c"');
  });
});

describe('a renewal open when the clearance ends', () => {
  const sponsor = { subject: 'sponsor-1', as: 'SPONSOR' } as const;
  const system = { subject: 'system', as: 'SYSTEM' } as const;
  const renewing = applyClearanceCommand(
    granted,
    { type: 'OPEN_RENEWAL', actor: sponsor, caseId: 'renewal-case-1' },
    'VALID',
    at,
  );

  it('closes with a leaver lapse, and the system is to withdraw its case because the clearance lapsed', () => {
    const lapsed = applyClearanceCommand(
      renewing,
      { type: 'REPORT_LEAVER', actor: sponsor, leftOn: '2027-04-30' },
      'LAPSED',
      at,
    );
    expect(lapsed.renewal).toMatchObject({ caseId: 'renewal-case-1', status: 'CLOSED', closedAt: at });
    expect(renewalOrphanedBy(renewing, lapsed)).toEqual({
      caseId: 'renewal-case-1',
      reason: 'CLEARANCE_LAPSED',
    });
  });

  it('names a withdrawal and an expiry as the reason', () => {
    const withdrawn = applyClearanceCommand(
      renewing,
      {
        type: 'WITHDRAW',
        actor: { subject: 'adj-1', as: 'SENIOR_ADJUDICATOR' },
        disclosableReasons: 'd',
        closedReasons: 'c',
      },
      'WITHDRAWN',
      at,
    );
    expect(renewalOrphanedBy(renewing, withdrawn)?.reason).toBe('CLEARANCE_WITHDRAWN');
    const expired = applyClearanceCommand(renewing, { type: 'EXPIRE', actor: system }, 'EXPIRED', at);
    expect(renewalOrphanedBy(renewing, expired)?.reason).toBe('CLEARANCE_EXPIRED');
  });

  it("leaves the renewal's own outcomes and a clearance without an open renewal alone", () => {
    const refused = applyClearanceCommand(
      renewing,
      {
        type: 'RENEWAL_REFUSED',
        actor: system,
        caseId: 'renewal-case-1',
        decidedBy: 'adj-1',
        disclosableReasons: 'd',
      },
      'WITHDRAWN',
      at,
    );
    expect(refused.renewal?.status).toBe('REFUSED');
    expect(renewalOrphanedBy(renewing, refused)).toBeNull();
    const granted2 = applyClearanceCommand(
      renewing,
      { type: 'RENEWAL_GRANTED', actor: system, caseId: 'renewal-case-1', successorId: 's-1' },
      'RENEWED',
      at,
    );
    expect(renewalOrphanedBy(renewing, granted2)).toBeNull();
    const lapsedAlone = applyClearanceCommand(
      granted,
      { type: 'REPORT_LEAVER', actor: sponsor, leftOn: '2027-04-30' },
      'LAPSED',
      at,
    );
    expect(renewalOrphanedBy(granted, lapsedAlone)).toBeNull();
    expect(lapsedAlone.renewal).toBeNull();
  });
});
