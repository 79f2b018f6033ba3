import { CHANGE_KINDS, checkClearanceCommand } from './clearance-rules';
import type { ClearanceCommand } from './clearance-rules';
import { applyClearanceCommand, grantedClearance } from './clearance-state';
import type { ClearanceState } from './clearance-state';
import { CHANGE_CHECKS, checksForChange, checksStillRunning } from './change-checks';
import { DV_CHECK_TYPES } from '../record-checks';

describe('checksForChange', () => {
  it('re-runs the check each kind of change puts out of date', () => {
    expect(checksForChange('POLICE_CONTACT')).toEqual(['CRIMINAL_RECORDS']);
    expect(checksForChange('FINANCIAL_CHANGE')).toEqual(['CREDIT_REFERENCE', 'FINANCIAL_REVIEW']);
    expect(checksForChange('NEW_PARTNER')).toEqual(['THIRD_PARTY', 'SECURITY_SERVICE', 'FINANCIAL_REVIEW']);
    expect(checksForChange('NEW_CO_RESIDENT')).toEqual(['THIRD_PARTY', 'SECURITY_SERVICE']);
    expect(checksForChange('NEW_NATIONALITY')).toEqual(['DEPARTMENTAL_RECORDS', 'SECURITY_SERVICE']);
    expect(checksForChange('FOREIGN_TRAVEL')).toEqual(['SECURITY_SERVICE']);
  });

  it('names at least one DV check for every kind, never the baseline check, never twice', () => {
    for (const kind of CHANGE_KINDS) {
      const checks = checksForChange(kind);
      expect(checks.length).toBeGreaterThan(0);
      expect(new Set(checks).size).toBe(checks.length);
      for (const check of checks) expect(DV_CHECK_TYPES).toContain(check);
    }
  });

  it('hands out a copy, so a caller cannot change the policy', () => {
    checksForChange('POLICE_CONTACT').push('THIRD_PARTY');
    expect(CHANGE_CHECKS.POLICE_CONTACT).toEqual(['CRIMINAL_RECORDS']);
  });
});

const at = '2027-05-01T00:00:00.000Z';
const later = '2027-05-02T00:00:00.000Z';
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
const system = { subject: 'system', as: 'SYSTEM' } as const;
const runId = '00000000-0000-4000-8000-0000000000aa';

function apply(state: ClearanceState, command: ClearanceCommand, when = at): ClearanceState {
  const verdict = checkClearanceCommand(state, command);
  if (!verdict.ok) throw new Error(verdict.rejection.message);
  return applyClearanceCommand(state, command, verdict.to, when);
}

const reported = apply(granted, {
  type: 'REPORT_CHANGE',
  actor: holder,
  kind: 'POLICE_CONTACT',
  occurredOn: '2027-04-01',
  summary: 'questioned as a witness',
  checks: [{ checkType: 'CRIMINAL_RECORDS', runId }],
});
const result: ClearanceCommand = {
  type: 'CHANGE_CHECK_RESULT',
  actor: system,
  taskId: 'task-1',
  runId,
  checkType: 'CRIMINAL_RECORDS',
  status: 'RESULT',
  outcome: 'TRACE',
};
const review = (outcome: 'NO_CHANGE' | 'REFER_TO_ADJUDICATOR'): ClearanceCommand => ({
  type: 'RECORD_REVIEW',
  actor: officer,
  taskId: 'task-1',
  outcome,
  notes: 'n',
});

describe('checks re-run for a change report', () => {
  it('puts the running checks on the report’s review task', () => {
    expect(reported.tasks[0]?.checks).toEqual([
      {
        checkType: 'CRIMINAL_RECORDS',
        runId,
        status: 'RUNNING',
        outcome: null,
        startedAt: at,
        resolvedAt: null,
      },
    ]);
    expect(checksStillRunning(reported.tasks[0]?.checks)).toBe(true);
  });

  it('records a result against the task, once', () => {
    const done = apply(reported, result, later);
    expect(done.tasks[0]?.checks?.[0]).toMatchObject({
      status: 'RESULT',
      outcome: 'TRACE',
      resolvedAt: later,
    });
    expect(reported.tasks[0]?.checks?.[0]?.status).toBe('RUNNING');
    expect(checkClearanceCommand(done, result)).toMatchObject({
      ok: false,
      rejection: { code: 'TASK_NOT_FOUND' },
    });
    expect(checkClearanceCommand(reported, { ...result, runId: 'other' })).toMatchObject({ ok: false });
  });

  it('is the clock’s to record, never a caller’s', () => {
    expect(checkClearanceCommand(reported, { ...result, actor: officer })).toMatchObject({
      ok: false,
      rejection: { code: 'ILLEGAL_TRANSITION' },
    });
  });

  it('holds a "no change" review until the checks are back, but not a referral', () => {
    const early = checkClearanceCommand(reported, review('NO_CHANGE'));
    expect(early).toMatchObject({ ok: false, rejection: { code: 'ILLEGAL_TRANSITION' } });
    if (!early.ok) expect(early.rejection.message).toContain('CRIMINAL_RECORDS');
    expect(checkClearanceCommand(reported, review('REFER_TO_ADJUDICATOR'))).toMatchObject({ ok: true });
    const back = apply(reported, { ...result, status: 'TIMED_OUT', outcome: null });
    expect(checkClearanceCommand(back, review('NO_CHANGE'))).toMatchObject({ ok: true });
  });

  it('leaves a task without checks as it was (reports made before checks were re-run)', () => {
    const plain = apply(granted, {
      type: 'REPORT_CHANGE',
      actor: holder,
      kind: 'POLICE_CONTACT',
      occurredOn: '2027-04-01',
      summary: 's',
    });
    expect(plain.tasks[0]).not.toHaveProperty('checks');
    expect(checkClearanceCommand(plain, review('NO_CHANGE'))).toMatchObject({ ok: true });
  });
});
