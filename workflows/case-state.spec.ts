import type { CaseCommand } from '../libs/domain/src';
import { evaluateCommand } from '../libs/domain/src';
import type { CaseSnapshot } from '../libs/contracts/src';
import type { ChangeContext } from './case-state';
import {
  applyCommand,
  initialSnapshot,
  openInvestigationTasks,
  recordCheckResult,
  startChecks,
} from './case-state';

let seq = 0;
const ctx = (): ChangeContext => ({
  at: '2026-11-25T10:00:00.000Z',
  nextTaskId: () => `T${++seq}`,
  dueAt: () => null,
});

function v2Case(over: Partial<CaseSnapshot> = {}): CaseSnapshot {
  seq = 0;
  return {
    ...initialSnapshot(
      { caseId: 'c1', team: 't', sponsorId: 's', applicantId: 'a', rules: 'v2' },
      '2026-11-01T00:00:00.000Z',
      null,
    ),
    stage: 'QUESTIONNAIRE',
    assignee: 'officer-1',
    investigatingOfficers: ['officer-1'],
    ...over,
  };
}

/** Validates like the workflow does, then applies. */
function act(state: CaseSnapshot, command: CaseCommand): void {
  const verdict = evaluateCommand(
    { ...state, rules: 'v2', pendingChecks: state.checks.filter((c) => c.status === 'PENDING').length },
    command,
  );
  if (!verdict.ok) throw new Error(`${verdict.rejection.code}: ${verdict.rejection.message}`);
  applyCommand(state, command, verdict.accepted, ctx());
}

describe('case state under the DV rules', () => {
  it('needs a submitted questionnaire before it can be accepted or returned', () => {
    const state = v2Case();
    expect(() => act(state, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' })).toThrow(
      /QUESTIONNAIRE_NOT_SUBMITTED/,
    );
    act(state, { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    expect(state.questionnaire).toMatchObject({ status: 'SUBMITTED', version: 1 });
    expect(() => act(state, { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} })).toThrow(
      /already submitted/,
    );
  });

  it('keeps returned items for the applicant and counts resubmissions as new versions', () => {
    const state = v2Case();
    act(state, { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    act(state, { type: 'RETURN_QUESTIONNAIRE', actor: 'officer-1', items: ['employment: explain 2019 gap'] });
    expect(state.questionnaire).toMatchObject({
      status: 'RETURNED',
      returnedItems: ['employment: explain 2019 gap'],
    });
    act(state, { type: 'SUBMIT_QUESTIONNAIRE', actor: 'a', content: {} });
    act(state, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' });
    expect(state.questionnaire).toMatchObject({ status: 'ACCEPTED', version: 2, returnedItems: [] });
    expect(state.stage).toBe('RECORD_CHECKS');
    expect(state.dvClockStartedAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('refuses a questionnaire submitted by anyone but the applicant', () => {
    expect(() =>
      act(v2Case(), { type: 'SUBMIT_QUESTIONNAIRE', actor: 'someone-else', content: {} }),
    ).toThrow();
  });

  it('turns a check that is not CLEAR into a review task that holds the stage', () => {
    const state = v2Case({ stage: 'RECORD_CHECKS' });
    startChecks(state, ['CRIMINAL_RECORDS', 'CREDIT_REFERENCE']);
    recordCheckResult(state, 'CRIMINAL_RECORDS', 'TRACE', ctx());
    recordCheckResult(state, 'CREDIT_REFERENCE', 'CLEAR', ctx());
    expect(state.tasks).toEqual([
      expect.objectContaining({ id: 'T1', kind: 'CHECK_REVIEW', status: 'OPEN' }),
    ]);
    expect(() =>
      act(state, { type: 'COMPLETE_STAGE', actor: 'officer-1', stage: 'RECORD_CHECKS', outcome: 'done' }),
    ).toThrow(/OPEN_TASKS_REMAIN/);
    act(state, {
      type: 'CLOSE_TASK',
      actor: 'officer-1',
      taskId: 'T1',
      outcome: 'spent caution, no concern',
    });
    act(state, { type: 'COMPLETE_STAGE', actor: 'officer-1', stage: 'RECORD_CHECKS', outcome: 'done' });
    expect(state.stage).toBe('INVESTIGATION');
  });

  it('opens a referee enquiry per referee and the interview, and substitutes a referee', () => {
    const state = v2Case({ stage: 'INVESTIGATION' });
    openInvestigationTasks(state, [{ name: 'R One', relationship: 'colleague' }, { name: 'R Two' }], ctx());
    expect(state.tasks.map((t) => [t.id, t.kind])).toEqual([
      ['T1', 'REFEREE'],
      ['T2', 'REFEREE'],
      ['T3', 'INTERVIEW'],
    ]);
    act(state, {
      type: 'SUBSTITUTE_REFEREE',
      actor: 'officer-1',
      taskId: 'T2',
      title: 'R Three',
      details: {},
      reason: 'no reply',
    });
    expect(state.tasks.find((t) => t.id === 'T2')).toMatchObject({
      status: 'WAIVED',
      outcome: 'SUBSTITUTED',
    });
    expect(state.tasks.find((t) => t.id === 'T4')).toMatchObject({
      kind: 'REFEREE',
      replaces: 'T2',
      status: 'OPEN',
    });
    expect(() =>
      act(state, {
        type: 'SUBSTITUTE_REFEREE',
        actor: 'officer-1',
        taskId: 'T3',
        title: 'x',
        details: {},
        reason: 'r',
      }),
    ).toThrow(/not a referee/);
  });

  it('completes investigation only when every task is closed or waived', () => {
    const state = v2Case({ stage: 'INVESTIGATION' });
    openInvestigationTasks(state, [{ name: 'R One' }], ctx());
    const complete: CaseCommand = {
      type: 'COMPLETE_STAGE',
      actor: 'officer-1',
      stage: 'INVESTIGATION',
      outcome: 'done',
    };
    expect(() => act(state, complete)).toThrow(/OPEN_TASKS_REMAIN/);
    act(state, {
      type: 'UPDATE_TASK',
      actor: 'officer-1',
      taskId: 'T2',
      details: { scheduledFor: '2027-01-10T10:00:00Z' },
    });
    act(state, {
      type: 'CLOSE_TASK',
      actor: 'officer-1',
      taskId: 'T2',
      outcome: 'HELD',
      notes: 'no concerns',
    });
    act(state, {
      type: 'WAIVE_TASK',
      actor: 'officer-1',
      taskId: 'T1',
      reason: 'referee abroad, two others seen',
    });
    act(state, complete);
    expect(state.stage).toBe('RECOMMENDATION');
  });

  it('asks for consent before medical input', () => {
    const state = v2Case({ stage: 'INVESTIGATION' });
    expect(() =>
      act(state, { type: 'OPEN_TASK', actor: 'officer-1', kind: 'MEDICAL', title: 'GP report', details: {} }),
    ).toThrow(/consent/);
    act(state, {
      type: 'OPEN_TASK',
      actor: 'officer-1',
      kind: 'MEDICAL',
      title: 'GP report',
      details: { consent: true },
    });
    expect(state.tasks[0]).toMatchObject({ kind: 'MEDICAL', status: 'OPEN' });
  });

  it('lets an uninvolved adjudicator send a recommendation back with an enquiry task', () => {
    const state = v2Case({ stage: 'DECISION' });
    expect(() => act(state, { type: 'RETURN_TO_INVESTIGATION', actor: 'officer-1', reasons: ['x'] })).toThrow(
      /FOUR_EYES/,
    );
    act(state, { type: 'RETURN_TO_INVESTIGATION', actor: 'adjudicator-1', reasons: ['clarify finances'] });
    expect(state.stage).toBe('INVESTIGATION');
    expect(state.tasks[0]).toMatchObject({
      kind: 'ENQUIRY',
      details: { reasons: ['clarify finances'], raisedBy: 'adjudicator-1' },
    });
  });

  it('records a refusal with its reasons split', () => {
    const state = v2Case({ stage: 'DECISION' });
    act(state, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'REFUSED',
      disclosableReasons: ['undisclosed debts'],
      nonDisclosableReasons: ['third-party information'],
    });
    expect(state).toMatchObject({ stage: 'REFUSED', status: 'CLOSED', outcome: 'REFUSED' });
    expect(state.decision).toMatchObject({
      disclosableReasons: ['undisclosed debts'],
      nonDisclosableReasons: ['third-party information'],
    });
  });
});
