import type { SystemCommand } from '../libs/domain/src';
import { SYSTEM_ACTOR } from '../libs/domain/src';
import type { EligibilityResult } from '../libs/domain/src/eligibility';
import type { ClockPolicy } from '../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../libs/domain/src/clock';
import type { CaseSnapshot, DvPolicy } from '../libs/contracts/src';
import type { DecideContext } from './case-decide';
import { decide, payloadOf, screeningCommand } from './case-decide';
import { initialSnapshot } from './case-state';
import { armStage, newClock } from './stage-clock';

const AT = '2026-11-25T10:00:00.000Z';
const DV: DvPolicy = {
  checks: ['CRIMINAL_RECORDS', 'CREDIT_REFERENCE'],
  checkTimeoutMs: 1,
  checkPollIntervalMs: 1,
  clearanceReviewYears: 7,
};
const POLICY: ClockPolicy = { ...DEFAULT_CLOCK_POLICY, unit: 'MILLISECONDS', calendar: 'none' };

const ctx = (over: Partial<DecideContext> = {}): DecideContext => ({
  at: AT,
  dueAt: () => null,
  dv: DV,
  referees: [{ name: 'R One', relationship: 'colleague' }],
  ...over,
});

function dvCase(over: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    ...initialSnapshot(
      { caseId: 'c1', team: 't', sponsorId: 's', applicantId: 'a', rules: 'v2' },
      '2026-11-01T00:00:00.000Z',
      null,
    ),
    stage: 'QUESTIONNAIRE',
    assignee: 'officer-1',
    ...over,
  };
}

function accepted(state: CaseSnapshot, command: Parameters<typeof decide>[1], c = ctx()): CaseSnapshot {
  const decision = decide(state, command, c);
  if (!decision.ok) throw new Error(`${decision.rejection.code}: ${decision.rejection.message}`);
  return decision.state;
}

const eligible: EligibilityResult = { outcome: 'ELIGIBLE', reasons: [], flags: [], residence: null };

describe('decide', () => {
  it('refuses without changing anything, saying what the stage would accept', () => {
    const state = dvCase();
    const before = JSON.stringify(state);
    const decision = decide(state, { type: 'RECORD_DECISION', actor: 'adj', outcome: 'GRANTED' }, ctx());
    expect(decision).toMatchObject({
      ok: false,
      rejection: { code: 'ILLEGAL_TRANSITION', stage: 'QUESTIONNAIRE' },
    });
    expect(JSON.stringify(state)).toBe(before);
  });

  it('applies an accepted command to a copy and leaves the given state alone', () => {
    const state = dvCase();
    const next = accepted(state, { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    expect(next.questionnaire).toMatchObject({ status: 'SUBMITTED', version: 1, submittedAt: AT });
    expect(state.questionnaire.status).toBe('AWAITING');
  });

  it('makes an officer who acts an investigator (so they cannot decide the case)', () => {
    const state = accepted(dvCase(), { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    const next = accepted(state, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' });
    expect(next.investigatingOfficers).toEqual(['officer-1']);
  });

  it('requests every configured check on entering record checks (DV cases)', () => {
    const submitted = accepted(dvCase(), { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    const next = accepted(submitted, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' });
    expect(next.stage).toBe('RECORD_CHECKS');
    expect(next.checks.map((c) => [c.checkType, c.status])).toEqual([
      ['CRIMINAL_RECORDS', 'PENDING'],
      ['CREDIT_REFERENCE', 'PENDING'],
    ]);
    expect(next.dvClockStartedAt).toBe(AT);
  });

  it('starts no checks for a case on the foundation rules', () => {
    const v1 = dvCase({ rules: 'v1' });
    const next = accepted(v1, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' }, ctx({ dv: undefined }));
    expect(next.stage).toBe('RECORD_CHECKS');
    expect(next.checks).toEqual([]);
  });

  it('ends record checks by itself only once every check has a result and every review is settled', () => {
    const complete: SystemCommand = { type: 'COMPLETE_RECORD_CHECKS', actor: SYSTEM_ACTOR };
    let state = accepted(dvCase(), { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    state = accepted(state, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' });
    expect(decide(state, complete, ctx())).toMatchObject({
      ok: false,
      rejection: { code: 'OPEN_TASKS_REMAIN' },
    });
    state = accepted(state, {
      type: 'RECORD_CHECK_RESULT',
      actor: SYSTEM_ACTOR,
      checkType: 'CRIMINAL_RECORDS',
      outcome: 'TRACE',
    });
    state = accepted(state, {
      type: 'RECORD_CHECK_RESULT',
      actor: SYSTEM_ACTOR,
      checkType: 'CREDIT_REFERENCE',
      outcome: 'CLEAR',
    });
    expect(state.tasks).toEqual([
      expect.objectContaining({ id: 'T1', kind: 'CHECK_REVIEW', status: 'OPEN' }),
    ]);
    expect(decide(state, complete, ctx())).toMatchObject({
      ok: false,
      rejection: { code: 'OPEN_TASKS_REMAIN' },
    });
    state = accepted(state, { type: 'CLOSE_TASK', actor: 'officer-1', taskId: 'T1', outcome: 'no concern' });
    state = accepted(state, complete);
    expect(state.stage).toBe('INVESTIGATION');
    // Entering investigation opens one enquiry per referee and the interview.
    expect(state.tasks.map((t) => [t.id, t.kind, t.status])).toEqual([
      ['T1', 'CHECK_REVIEW', 'CLOSED'],
      ['T2', 'REFEREE', 'OPEN'],
      ['T3', 'INTERVIEW', 'OPEN'],
    ]);
  });

  it('does not reopen the standing tasks when the adjudicator sends a case back', () => {
    const state = dvCase({
      stage: 'DECISION',
      tasks: [
        {
          id: 'T1',
          kind: 'INTERVIEW',
          status: 'CLOSED',
          title: 'Subject interview',
          details: {},
          outcome: 'HELD',
          notes: null,
          openedAt: AT,
          closedAt: AT,
          replaces: null,
        },
      ],
    });
    const next = accepted(state, { type: 'RETURN_TO_INVESTIGATION', actor: 'adj', reasons: ['finances'] });
    expect(next.tasks.map((t) => [t.id, t.kind])).toEqual([
      ['T1', 'INTERVIEW'],
      ['T2', 'ENQUIRY'],
    ]);
  });

  it('takes system moves through the table like people: a check result after a withdrawal is refused', () => {
    const withdrawn = accepted(dvCase({ stage: 'RECORD_CHECKS' }), {
      type: 'WITHDRAW',
      actor: 'a',
      requestedBy: 'APPLICANT',
      reason: 'changed mind',
    });
    const late = decide(
      withdrawn,
      { type: 'RECORD_CHECK_RESULT', actor: SYSTEM_ACTOR, checkType: 'CRIMINAL_RECORDS', outcome: 'CLEAR' },
      ctx(),
    );
    expect(late).toMatchObject({ ok: false, rejection: { code: 'CASE_CLOSED' } });
  });

  it('moves screening through the table, keeping the eligibility result', () => {
    const state = dvCase({ stage: 'ELIGIBILITY_SCREENING', assignee: null });
    const ineligible: EligibilityResult = { ...eligible, outcome: 'INELIGIBLE', reasons: ['UNDER_AGE'] };
    const command = screeningCommand(ineligible);
    expect(command.type).toBe('FAIL_SCREENING');
    const next = accepted(state, command);
    expect(next).toMatchObject({ stage: 'INELIGIBLE', status: 'CLOSED', eligibility: ineligible });
    expect(payloadOf(command)).toEqual({ outcome: 'INELIGIBLE', reasons: ['UNDER_AGE'], flags: [] });
    expect(screeningCommand(eligible).type).toBe('PASS_SCREENING');
  });

  it('refuses a lapse or a reminder on a case without a stage clock', () => {
    const lapse: SystemCommand = { type: 'LAPSE', actor: SYSTEM_ACTOR, key: 'k' };
    expect(decide(dvCase(), lapse, ctx())).toMatchObject({
      ok: false,
      rejection: { code: 'ILLEGAL_TRANSITION' },
    });
  });

  it('lapses a clocked case, marking the event sent so it fires once', () => {
    const clock = newClock(POLICY, '2026-11-01T00:00:00.000Z');
    armStage(clock, POLICY, 'QUESTIONNAIRE', '2026-11-01T00:00:00.000Z');
    const next = accepted(
      dvCase({ clock }),
      { type: 'LAPSE', actor: SYSTEM_ACTOR, key: 'q:lapse' },
      ctx({ clockPolicy: POLICY }),
    );
    expect(next).toMatchObject({ stage: 'LAPSED', status: 'CLOSED', outcome: 'LAPSED' });
    expect(next.clock?.sent).toEqual(['q:lapse']);
  });

  it('opens a decision task when a referee has not answered by the decision point', () => {
    const clock = newClock(POLICY, AT);
    const next = accepted(
      dvCase({ stage: 'INVESTIGATION', clock }),
      {
        type: 'SEND_REMINDER',
        actor: SYSTEM_ACTOR,
        kind: 'REFEREE_DECISION',
        key: 'r:T1:decide',
        taskId: 'T1',
      },
      ctx({ clockPolicy: POLICY }),
    );
    expect(next.tasks).toEqual([
      expect.objectContaining({ kind: 'ENQUIRY', status: 'OPEN', details: { refereeTask: 'T1' } }),
    ]);
    expect(next.clock?.sent).toEqual(['r:T1:decide']);
    expect(next.stage).toBe('INVESTIGATION');
  });

  it('keeps only what the history needs of a command', () => {
    expect(
      payloadOf({ type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: { identity: {}, referees: [] } }),
    ).toEqual({ sections: ['identity', 'referees'] });
    expect(payloadOf({ type: 'WITHDRAW', actor: 'a', requestedBy: 'SPONSOR', reason: 'r' })).toEqual({
      requestedBy: 'SPONSOR',
      reason: 'r',
    });
  });
});
