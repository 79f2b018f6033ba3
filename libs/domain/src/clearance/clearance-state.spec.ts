import { applyClearanceCommand, grantedClearance } from './clearance-state';

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
