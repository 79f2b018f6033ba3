import type { ClearanceCommand, ClearanceFacts, ReviewTask } from './clearance-rules';
import { checkClearanceCommand } from './clearance-rules';
import { clearanceRolesFor } from './clearance-model';
import { applyClearanceCommand, grantedClearance } from './clearance-state';
import { reviewAssigneeProblem } from './review-assignment';

const open = (over: Partial<ReviewTask> = {}): ReviewTask => ({
  taskId: 'task-1',
  kind: 'INCIDENT',
  openedAt: '2027-01-01T00:00:00.000Z',
  status: 'OPEN',
  outcome: null,
  reviewedBy: null,
  ...over,
});
const facts = (task: ReviewTask = open()): ClearanceFacts => ({
  status: 'VALID',
  holderId: 'holder-1',
  sponsorId: 'sponsor-1',
  appraisal: null,
  tasks: [task],
  reviewers: [],
});
const officer = { subject: 'officer-1', as: 'VETTING_OFFICER' } as const;
const lead = { subject: 'lead-1', as: 'TEAM_LEAD' } as const;
const assign = (
  actor: typeof officer | typeof lead,
  officerId: string,
  taskId = 'task-1',
): ClearanceCommand => ({
  type: 'ASSIGN_REVIEW',
  actor,
  taskId,
  officerId,
});
const refusal = (f: ClearanceFacts, c: ClearanceCommand): [string, string] | 'ok' => {
  const verdict = checkClearanceCommand(f, c);
  return verdict.ok ? 'ok' : [verdict.rejection.code, verdict.rejection.message];
};

describe('assigning an aftercare review task', () => {
  it('is for officers (themselves) and team leads, from the transition table', () => {
    expect(clearanceRolesFor('ASSIGN_REVIEW').sort()).toEqual(['TEAM_LEAD', 'VETTING_OFFICER']);
  });

  it('lets an officer take an unassigned open task, and records them as its assignee', () => {
    expect(refusal(facts(), assign(officer, 'officer-1'))).toBe('ok');
    const state = {
      ...grantedClearance(
        {
          clearanceId: 'c',
          caseId: 'k',
          holderId: 'holder-1',
          sponsorId: 'sponsor-1',
          grantedOn: '2027-01-01',
          renewalDue: '2034-01-01',
          conditions: [],
        },
        'now',
      ),
      tasks: [open()],
    };
    const next = applyClearanceCommand(state, assign(officer, 'officer-1'), 'VALID', 'later');
    expect(next.tasks[0]).toMatchObject({ taskId: 'task-1', assignee: 'officer-1', status: 'OPEN' });
    expect(state.tasks[0]).not.toHaveProperty('assignee');
  });

  it('refuses an officer taking a task for someone else, or one another officer has', () => {
    expect(refusal(facts(), assign(officer, 'officer-2'))).toEqual([
      'NOT_ASSIGNED_OFFICER',
      'an officer may take a review task only for themself; a team lead assigns it to others',
    ]);
    expect(refusal(facts(open({ assignee: 'officer-2' })), assign(officer, 'officer-1'))[0]).toBe(
      'NOT_ASSIGNED_OFFICER',
    );
  });

  it('lets a team lead assign and reassign, but not to the officer who has it already', () => {
    expect(refusal(facts(), assign(lead, 'officer-2'))).toBe('ok');
    expect(refusal(facts(open({ assignee: 'officer-1' })), assign(lead, 'officer-2'))).toBe('ok');
    expect(refusal(facts(open({ assignee: 'officer-2' })), assign(lead, 'officer-2'))).toEqual([
      'ILLEGAL_TRANSITION',
      'review task task-1 is assigned to officer-2 already',
    ]);
  });

  it('refuses a closed task (409), an unknown one, and the holder or sponsor as assignee', () => {
    const closed = open({ status: 'CLOSED', outcome: 'NO_CHANGE', reviewedBy: 'officer-1' });
    expect(refusal(facts(closed), assign(lead, 'officer-2'))).toEqual([
      'ILLEGAL_TRANSITION',
      'review task task-1 is closed already',
    ]);
    expect(refusal(facts(), assign(lead, 'officer-2', 'task-9'))[0]).toBe('TASK_NOT_FOUND');
    expect(refusal(facts(), assign(lead, 'holder-1'))[0]).toBe('INVALID_COMMAND');
    expect(refusal(facts(), assign(lead, 'sponsor-1'))[0]).toBe('INVALID_COMMAND');
    expect(refusal(facts(), assign(lead, 'not an id'))[0]).toBe('INVALID_COMMAND');
  });

  it('refuses it on an ended clearance', () => {
    expect(refusal({ ...facts(), status: 'WITHDRAWN' }, assign(lead, 'officer-2'))[0]).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('keeps an assigned task to its officer: nobody else records the outcome; an unassigned one is anyone’s', () => {
    const review = (subject: string): ClearanceCommand => ({
      type: 'RECORD_REVIEW',
      actor: { subject, as: 'VETTING_OFFICER' },
      taskId: 'task-1',
      outcome: 'NO_CHANGE',
      notes: 'fine',
    });
    const assigned = facts(open({ assignee: 'officer-1' }));
    expect(refusal(assigned, review('officer-1'))).toBe('ok');
    expect(refusal(assigned, review('officer-2'))).toEqual([
      'NOT_ASSIGNED_OFFICER',
      'only the officer assigned to review task task-1 may record its outcome',
    ]);
    expect(refusal(facts(), review('officer-2'))).toBe('ok');
  });
});

describe('reviewAssigneeProblem (the staff directory)', () => {
  const parties = { holderId: 'holder-1', sponsorId: 'sponsor-1', team: 'dv-team-1' };
  const member = (roles: ('VETTING_OFFICER' | 'TEAM_LEAD')[], team: string | null = 'dv-team-1') => ({
    userId: 'officer-1',
    roles,
    team,
  });

  it('accepts a vetting officer of the team lead’s team, and any officer taking a task themself', () => {
    expect(reviewAssigneeProblem('officer-1', member(['VETTING_OFFICER']), parties)).toBeNull();
    expect(
      reviewAssigneeProblem('officer-1', member(['VETTING_OFFICER'], 'dv-team-2'), {
        ...parties,
        team: null,
      }),
    ).toBeNull();
  });

  it('names the problem: unknown, not an officer, another team, a party to the clearance', () => {
    expect(reviewAssigneeProblem('offcer-1', null, parties)).toBe(
      'no such officer: offcer-1 is not in the staff directory',
    );
    expect(reviewAssigneeProblem('officer-1', member(['TEAM_LEAD']), parties)).toBe(
      'officer-1 is not a vetting officer',
    );
    expect(reviewAssigneeProblem('officer-1', member(['VETTING_OFFICER'], 'dv-team-2'), parties)).toBe(
      'officer-1 is not an officer of your team (dv-team-1)',
    );
    expect(reviewAssigneeProblem('holder-1', member(['VETTING_OFFICER']), parties)).toBe(
      'the officer holds this clearance',
    );
    expect(reviewAssigneeProblem('sponsor-1', member(['VETTING_OFFICER']), parties)).toBe(
      'the officer is the sponsor of this clearance',
    );
  });
});
