import type { CaseCommand } from './case-commands';
import type { CaseFacts } from './case-rules';
import { availableActions, evaluateCommand, investigatorsAfter } from './case-rules';
import type { CaseTask } from './case-tasks';
import { OPEN_STAGES } from './stage-model';

const officer = 'officer-1';
const adjudicator = 'adjudicator-9';
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  stage: 'QUESTIONNAIRE',
  assignee: officer,
  investigatingOfficers: [officer],
  ...over,
});

function rejectionCode(f: CaseFacts, c: CaseCommand): string | undefined {
  const v = evaluateCommand(f, c);
  return v.ok ? undefined : v.rejection.code;
}

describe('evaluateCommand', () => {
  it('accepts the questionnaire from the assigned officer and moves to record checks', () => {
    const v = evaluateCommand(facts(), { type: 'ACCEPT_QUESTIONNAIRE', actor: officer });
    expect(v).toEqual({
      ok: true,
      accepted: { action: 'ACCEPT_QUESTIONNAIRE', from: 'QUESTIONNAIRE', to: 'RECORD_CHECKS' },
    });
  });

  it('refuses an action the stage does not allow and lists what it would allow', () => {
    const v = evaluateCommand(facts({ stage: 'RECORD_CHECKS' }), {
      type: 'ACCEPT_QUESTIONNAIRE',
      actor: officer,
    });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.rejection.code).toBe('ILLEGAL_TRANSITION');
      expect(v.rejection.stage).toBe('RECORD_CHECKS');
      expect(v.rejection.allowedActions).toContain('COMPLETE_STAGE');
      expect(v.rejection.message).toMatch(
        /ACCEPT_QUESTIONNAIRE is not allowed while the case is in RECORD_CHECKS/,
      );
    }
  });

  it('refuses anything on a closed case', () => {
    expect(
      rejectionCode(facts({ stage: 'WITHDRAWN' }), {
        type: 'WITHDRAW',
        actor: 'x',
        requestedBy: 'APPLICANT',
        reason: 'r',
      }),
    ).toBe('CASE_CLOSED');
  });

  it('refuses officer actions when nobody is assigned', () => {
    expect(rejectionCode(facts({ assignee: null }), { type: 'ACCEPT_QUESTIONNAIRE', actor: officer })).toBe(
      'NO_OFFICER_ASSIGNED',
    );
  });

  it('refuses officer actions from someone other than the assignee', () => {
    expect(rejectionCode(facts(), { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-2' })).toBe(
      'NOT_ASSIGNED_OFFICER',
    );
  });

  it('refuses completing a stage the case has already left', () => {
    const c: CaseCommand = {
      type: 'COMPLETE_STAGE',
      actor: officer,
      stage: 'RECORD_CHECKS',
      outcome: 'done',
    };
    expect(rejectionCode(facts({ stage: 'INVESTIGATION' }), c)).toBe('STALE_STAGE');
    expect(evaluateCommand(facts({ stage: 'RECORD_CHECKS' }), c).ok).toBe(true);
  });

  it('refuses a returned questionnaire with nothing to fix', () => {
    expect(rejectionCode(facts(), { type: 'RETURN_QUESTIONNAIRE', actor: officer, items: [] })).toBe(
      'INVALID_COMMAND',
    );
  });

  it('keeps a returned questionnaire in the questionnaire stage', () => {
    const v = evaluateCommand(facts(), {
      type: 'RETURN_QUESTIONNAIRE',
      actor: officer,
      items: ['addresses: gap in 2019'],
    });
    expect(v.ok && v.accepted.to).toBe('QUESTIONNAIRE');
  });

  it('routes a residency exception by the decision', () => {
    const f = facts({ stage: 'RESIDENCY_EXCEPTION_REVIEW' });
    const allow = evaluateCommand(f, {
      type: 'DECIDE_RESIDENCY_EXCEPTION',
      actor: officer,
      decision: 'ALLOW',
      notes: 'HM Forces',
    });
    const decline = evaluateCommand(f, {
      type: 'DECIDE_RESIDENCY_EXCEPTION',
      actor: officer,
      decision: 'DECLINE',
      notes: 'no evidence',
    });
    expect(allow.ok && allow.accepted.to).toBe('QUESTIONNAIRE');
    expect(decline.ok && decline.accepted.to).toBe('INELIGIBLE');
  });

  describe('four-eyes decision', () => {
    const atDecision = facts({ stage: 'DECISION', investigatingOfficers: [officer, 'officer-2'] });
    const decide = (actor: string): CaseCommand => ({ type: 'RECORD_DECISION', actor, outcome: 'GRANTED' });

    it('refuses a decision by the investigating officer', () => {
      expect(rejectionCode(atDecision, decide(officer))).toBe('FOUR_EYES_VIOLATION');
    });

    it('refuses a decision by any earlier investigator', () => {
      expect(rejectionCode(atDecision, decide('officer-2'))).toBe('FOUR_EYES_VIOLATION');
    });

    it('accepts a decision by an uninvolved adjudicator', () => {
      const v = evaluateCommand(atDecision, decide(adjudicator));
      expect(v.ok && v.accepted.to).toBe('GRANTED');
    });

    it('needs conditions for a conditional grant and reasons for a refusal', () => {
      expect(
        rejectionCode(atDecision, {
          type: 'RECORD_DECISION',
          actor: adjudicator,
          outcome: 'GRANTED_WITH_CONDITIONS',
        }),
      ).toBe('INVALID_COMMAND');
      expect(
        rejectionCode(atDecision, { type: 'RECORD_DECISION', actor: adjudicator, outcome: 'REFUSED' }),
      ).toBe('INVALID_COMMAND');
      const refused = evaluateCommand(atDecision, {
        type: 'RECORD_DECISION',
        actor: adjudicator,
        outcome: 'REFUSED',
        disclosableReasons: ['undisclosed debts'],
      });
      expect(refused.ok && refused.accepted.to).toBe('REFUSED');
    });
  });

  it('lets withdrawal happen from any open stage', () => {
    const v = evaluateCommand(facts({ stage: 'INVESTIGATION' }), {
      type: 'WITHDRAW',
      actor: 'sponsor-1',
      requestedBy: 'SPONSOR',
      reason: 'offer withdrawn',
    });
    expect(v.ok && v.accepted.to).toBe('WITHDRAWN');
  });
});

describe('a case held for its sponsor', () => {
  const held = facts({
    stage: 'AWAITING_SPONSOR',
    assignee: null,
    investigatingOfficers: [],
    requestedSponsorId: 'sponsor-1',
  });

  it('lets the sponsor the application names confirm it into eligibility screening', () => {
    expect(evaluateCommand(held, { type: 'CONFIRM_SPONSORSHIP', actor: 'sponsor-1' })).toEqual({
      ok: true,
      accepted: { action: 'CONFIRM_SPONSORSHIP', from: 'AWAITING_SPONSOR', to: 'ELIGIBILITY_SCREENING' },
    });
  });

  it('lets that sponsor decline it with a reason, closing it NOT_SPONSORED', () => {
    const v = evaluateCommand(held, {
      type: 'DECLINE_SPONSORSHIP',
      actor: 'sponsor-1',
      reason: 'no such post',
    });
    expect(v.ok && v.accepted.to).toBe('NOT_SPONSORED');
    expect(rejectionCode(held, { type: 'DECLINE_SPONSORSHIP', actor: 'sponsor-1', reason: ' ' })).toBe(
      'INVALID_COMMAND',
    );
  });

  it('refuses any other sponsor, and a case that names no sponsor', () => {
    expect(rejectionCode(held, { type: 'CONFIRM_SPONSORSHIP', actor: 'sponsor-2' })).toBe(
      'NOT_ASSIGNED_OFFICER',
    );
    expect(
      rejectionCode(facts({ ...held, requestedSponsorId: null }), {
        type: 'CONFIRM_SPONSORSHIP',
        actor: 'x',
      }),
    ).toBe('NOT_ASSIGNED_OFFICER');
  });

  it('lets the applicant withdraw it, but not a sponsor (who declines instead)', () => {
    const withdraw = (requestedBy: 'APPLICANT' | 'SPONSOR'): CaseCommand => ({
      type: 'WITHDRAW',
      actor: 'someone',
      requestedBy,
      reason: 'changed my mind',
    });
    expect(evaluateCommand(held, withdraw('APPLICANT')).ok).toBe(true);
    expect(rejectionCode(held, withdraw('SPONSOR'))).toBe('NOT_ASSIGNED_OFFICER');
  });

  it('accepts no officer action, and offers only the sponsor answers and withdrawal', () => {
    expect(rejectionCode(held, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: officer })).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(availableActions(held)).toEqual(['CONFIRM_SPONSORSHIP', 'DECLINE_SPONSORSHIP', 'WITHDRAW']);
  });

  it('refuses sponsorship answers once the case has left the hold', () => {
    expect(
      rejectionCode(facts({ stage: 'ELIGIBILITY_SCREENING' }), { type: 'CONFIRM_SPONSORSHIP', actor: 's' }),
    ).toBe('ILLEGAL_TRANSITION');
  });
});

describe('investigatorsAfter', () => {
  it('adds the acting officer and officers assigned before the decision', () => {
    const f = facts({ investigatingOfficers: [] });
    expect(investigatorsAfter(f, { type: 'ACCEPT_QUESTIONNAIRE', actor: officer })).toEqual([officer]);
    expect(investigatorsAfter(f, { type: 'ASSIGN_OFFICER', actor: 'lead', officerId: 'officer-3' })).toEqual([
      'officer-3',
    ]);
  });

  it('does not make an officer assigned at decision an investigator', () => {
    const f = facts({ stage: 'DECISION', investigatingOfficers: [officer] });
    expect(investigatorsAfter(f, { type: 'ASSIGN_OFFICER', actor: 'lead', officerId: adjudicator })).toEqual([
      officer,
    ]);
  });
});

describe('availableActions: an action offered is an action accepted', () => {
  const task = (over: Partial<CaseTask>): CaseTask => ({
    id: 'T1',
    kind: 'CHECK_REVIEW',
    status: 'OPEN',
    title: 't',
    details: {},
    outcome: null,
    notes: null,
    openedAt: '2026-11-25T10:00:00.000Z',
    closedAt: null,
    replaces: null,
    ...over,
  });
  const dv = (over: Partial<CaseFacts> = {}): CaseFacts =>
    facts({ rules: 'v2', applicantId: 'applicant-1', clock: { pausedSince: null }, ...over });

  it('does not offer completing record checks while checks are pending on a DV case', () => {
    const inChecks = dv({ stage: 'RECORD_CHECKS', pendingChecks: 6, tasks: [] });
    expect(availableActions(inChecks)).not.toContain('COMPLETE_STAGE');
    expect(
      rejectionCode(inChecks, {
        type: 'COMPLETE_STAGE',
        actor: officer,
        stage: 'RECORD_CHECKS',
        outcome: 'o',
      }),
    ).toBe('OPEN_TASKS_REMAIN');
    const reviewing = dv({ stage: 'RECORD_CHECKS', pendingChecks: 0, tasks: [task({})] });
    expect(availableActions(reviewing)).toEqual(
      expect.arrayContaining(['UPDATE_TASK', 'CLOSE_TASK', 'WAIVE_TASK']),
    );
    expect(availableActions(reviewing)).not.toContain('COMPLETE_STAGE');
  });

  it('offers accepting or returning the questionnaire only once it is submitted', () => {
    const awaiting = dv({ questionnaire: { status: 'AWAITING', version: 0 } });
    expect(availableActions(awaiting)).toEqual([
      'SUBMIT_QUESTIONNAIRE',
      'ASSIGN_OFFICER',
      'PAUSE_CLOCK',
      'EXTEND_DEADLINE',
      'WITHDRAW',
    ]);
    const submitted = dv({ questionnaire: { status: 'SUBMITTED', version: 1 } });
    expect(availableActions(submitted)).toEqual([
      'ACCEPT_QUESTIONNAIRE',
      'RETURN_QUESTIONNAIRE',
      'ASSIGN_OFFICER',
      'PAUSE_CLOCK',
      'EXTEND_DEADLINE',
      'WITHDRAW',
    ]);
  });

  it('offers officer actions only once an officer is assigned, and resuming only a paused clock', () => {
    expect(availableActions(dv({ assignee: null }))).toEqual([
      'SUBMIT_QUESTIONNAIRE',
      'ASSIGN_OFFICER',
      'EXTEND_DEADLINE',
      'WITHDRAW',
    ]);
    expect(availableActions(dv({ clock: { pausedSince: '2026-11-25T10:00:00.000Z' } }))).toContain(
      'RESUME_CLOCK',
    );
    expect(availableActions(dv({ clock: null }))).not.toContain('PAUSE_CLOCK');
  });

  it('offers substitution only for an open referee enquiry', () => {
    const investigating = dv({ stage: 'INVESTIGATION', tasks: [task({ kind: 'INTERVIEW' })] });
    expect(availableActions(investigating)).not.toContain('SUBSTITUTE_REFEREE');
    expect(availableActions(investigating)).not.toContain('COMPLETE_STAGE');
    const referee = dv({ stage: 'INVESTIGATION', tasks: [task({ kind: 'REFEREE' })] });
    expect(availableActions(referee)).toContain('SUBSTITUTE_REFEREE');
  });

  it('offers nothing on a closed case, and only what evaluateCommand accepts on any open stage', () => {
    expect(availableActions(dv({ stage: 'GRANTED' }))).toEqual([]);
    for (const stage of OPEN_STAGES) expect(() => availableActions(dv({ stage }))).not.toThrow();
  });
});
