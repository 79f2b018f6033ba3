import type { AppealCommand, AppealState, AppealTiming } from './appeal-rules';
import {
  appealIneligibility,
  appealStatusForAppellant,
  applyAppealCommand,
  checkAppealCommand,
  effectOf,
  hearingConflict,
  lodgedAppeal,
  nextAppealDeadline,
  panelReminderFor,
  statementSideOf,
} from './appeal-rules';
import { APPEAL_TRANSITIONS, appealRolesFor } from './appeal-model';

const T: AppealTiming = {
  panelWindowMs: 28_000,
  acknowledgeWithinMs: 7_000,
  statementWithinMs: 10_000,
  complaintResponseMs: 5_000,
};
const AT = '2026-01-01T00:00:00.000Z';
const t0 = Date.parse(AT);
const appellant = { subject: 'holder-1', as: 'APPELLANT' } as const;
const officer = { subject: 'adj-9', as: 'APPEAL_OFFICER' } as const;
const secretary = { subject: 'sec-1', as: 'PANEL_SECRETARY' } as const;
const department = { subject: 'adj-8', as: 'DEPARTMENT' } as const;
const hearing = { reviewOfDecision: 'd', reviewOfProcess: 'p', reviewOfDisclosure: 'x', reasons: 'r' };

function appeal(kind: 'APPEAL' | 'COMPLAINT' = 'APPEAL'): AppealState {
  return lodgedAppeal(
    {
      appealId: 'a1',
      kind,
      ground: kind === 'APPEAL' ? 'WITHDRAWAL' : 'REFUSAL',
      appellantId: 'holder-1',
      sponsorId: 'sponsor-1',
      caseId: 'c1',
      clearanceId: null,
      grounds: 'the decision was wrong',
      priorInvolvement: ['adj-1', 'officer-1', 'adj-1'],
    },
    T,
    AT,
  );
}

function run(state: AppealState, command: AppealCommand, now: number): AppealState {
  const verdict = checkAppealCommand(state, command, now);
  if (!verdict.ok) throw new Error(verdict.rejection.message);
  return applyAppealCommand(state, command, verdict.to, T, new Date(now).toISOString());
}

function refusal(state: AppealState, command: AppealCommand, now = t0): string {
  const verdict = checkAppealCommand(state, command, now);
  return verdict.ok ? 'accepted' : verdict.rejection.code;
}

describe('eligibility', () => {
  it('lets staff appeal a refusal or a withdrawal, and recruits only complain', () => {
    expect(
      appealIneligibility({
        ground: 'WITHDRAWAL',
        heldClearance: true,
        requested: 'APPEAL',
        alreadyLodged: false,
      }),
    ).toBeNull();
    expect(
      appealIneligibility({
        ground: 'REFUSAL',
        heldClearance: true,
        requested: 'APPEAL',
        alreadyLodged: false,
      }),
    ).toBeNull();
    expect(
      appealIneligibility({
        ground: 'REFUSAL',
        heldClearance: false,
        requested: 'APPEAL',
        alreadyLodged: false,
      }),
    ).toMatch(/complaint/);
    expect(
      appealIneligibility({
        ground: 'REFUSAL',
        heldClearance: false,
        requested: 'COMPLAINT',
        alreadyLodged: false,
      }),
    ).toBeNull();
    expect(
      appealIneligibility({
        ground: 'WITHDRAWAL',
        heldClearance: true,
        requested: 'COMPLAINT',
        alreadyLodged: false,
      }),
    ).toMatch(/appealed/);
    expect(
      appealIneligibility({
        ground: 'REFUSAL',
        heldClearance: false,
        requested: 'COMPLAINT',
        alreadyLodged: true,
      }),
    ).toMatch(/already/);
  });
});

describe('independence of the hearing', () => {
  it('refuses anyone involved before, and the appellant', () => {
    expect(
      hearingConflict('adj-1', {
        appellantId: 'holder-1',
        sponsorId: 'sponsor-1',
        priorInvolvement: ['adj-1'],
      }),
    ).toMatch(/no prior involvement/);
    expect(
      hearingConflict('holder-1', { appellantId: 'holder-1', sponsorId: 'sponsor-1', priorInvolvement: [] }),
    ).toMatch(/own appeal/);
    expect(
      hearingConflict('sponsor-1', { appellantId: 'holder-1', sponsorId: 'sponsor-1', priorInvolvement: [] }),
    ).toMatch(/sponsor/);
    expect(
      hearingConflict('adj-9', {
        appellantId: 'holder-1',
        sponsorId: 'sponsor-1',
        priorInvolvement: ['adj-1'],
      }),
    ).toBeNull();
    expect(
      refusal(appeal(), { type: 'UPHOLD', actor: { subject: 'adj-1', as: 'APPEAL_OFFICER' }, ...hearing }),
    ).toBe('FOUR_EYES_VIOLATION');
    expect(
      refusal(appeal('COMPLAINT'), {
        type: 'ANSWER_COMPLAINT',
        actor: { subject: 'officer-1', as: 'APPEAL_OFFICER' },
        outcome: 'UPHELD',
        response: 'r',
      }),
    ).toBe('FOUR_EYES_VIOLATION');
  });
});

describe('the appeal route', () => {
  it('goes internal hearing, intent within the window, acknowledgement, statements, recommendation', () => {
    let s = run(appeal(), { type: 'UPHOLD', actor: officer, ...hearing }, t0 + 1000);
    expect(s.status).toBe('UPHELD');
    expect(s.panelWindowEndsAt).toBe(new Date(t0 + 29_000).toISOString());
    expect(appealStatusForAppellant(s)).toBe('DECISION_MADE');
    s = run(s, { type: 'REGISTER_INTENT', actor: appellant }, t0 + 2000);
    expect(s.panel?.acknowledgeBy).toBe(new Date(t0 + 9000).toISOString());
    s = run(s, { type: 'ACKNOWLEDGE', actor: secretary }, t0 + 3000);
    expect(appealStatusForAppellant(s)).toBe('ACTION_NEEDED');
    expect(
      refusal(
        s,
        { type: 'RECORD_RECOMMENDATION', actor: secretary, recommendation: 'SET_ASIDE', reasons: 'r' },
        t0 + 3000,
      ),
    ).toBe('ILLEGAL_TRANSITION');
    s = run(
      s,
      {
        type: 'EXTEND_DEADLINE',
        actor: secretary,
        side: 'DEPARTMENT',
        dueAt: new Date(t0 + 60_000).toISOString(),
        reason: 'papers',
      },
      t0 + 4000,
    );
    expect(s.panel?.statements?.DEPARTMENT.extensions).toHaveLength(1);
    s = run(s, { type: 'SUBMIT_STATEMENT', actor: appellant, statement: 'mine' }, t0 + 5000);
    expect(refusal(s, { type: 'SUBMIT_STATEMENT', actor: appellant, statement: 'again' }, t0 + 5000)).toBe(
      'ILLEGAL_TRANSITION',
    );
    s = run(s, { type: 'SUBMIT_STATEMENT', actor: department, statement: 'ours' }, t0 + 30_000);
    s = run(
      s,
      {
        type: 'RECORD_RECOMMENDATION',
        actor: secretary,
        recommendation: 'CLEARANCE_GRANTED_OR_RESTORED',
        reasons: 'r',
      },
      t0 + 31_000,
    );
    expect(s.status).toBe('PANEL_DECIDED');
    expect(s.effect).toEqual({ kind: 'RESTORE_CLEARANCE', done: false });
  });

  it('refuses a late registration of intent, whether or not the clock has closed the window yet', () => {
    const upheld = run(appeal(), { type: 'UPHOLD', actor: officer, ...hearing }, t0);
    expect(refusal(upheld, { type: 'REGISTER_INTENT', actor: appellant }, t0 + 28_001)).toBe(
      'APPEAL_WINDOW_CLOSED',
    );
    const closed = run(
      upheld,
      { type: 'WINDOW_CLOSED', actor: { subject: 'system', as: 'SYSTEM' } },
      t0 + 28_001,
    );
    expect(refusal(closed, { type: 'REGISTER_INTENT', actor: appellant }, t0 + 28_002)).toBe(
      'APPEAL_WINDOW_CLOSED',
    );
    expect(appealStatusForAppellant(closed)).toBe('CLOSED');
  });

  it('refuses a late statement unless extended, and wrong actors or states', () => {
    let s = run(appeal(), { type: 'UPHOLD', actor: officer, ...hearing }, t0);
    expect(refusal(s, { type: 'REGISTER_INTENT', actor: { subject: 'someone', as: 'APPELLANT' } })).toBe(
      'APPEAL_NOT_FOUND',
    );
    expect(refusal(s, { type: 'ACKNOWLEDGE', actor: secretary })).toBe('ILLEGAL_TRANSITION');
    s = run(
      run(s, { type: 'REGISTER_INTENT', actor: appellant }, t0),
      { type: 'ACKNOWLEDGE', actor: secretary },
      t0,
    );
    expect(refusal(s, { type: 'SUBMIT_STATEMENT', actor: appellant, statement: 's' }, t0 + 10_001)).toBe(
      'APPEAL_WINDOW_CLOSED',
    );
    expect(refusal(s, { type: 'SUBMIT_STATEMENT', actor: appellant, statement: ' ' })).toBe(
      'INVALID_COMMAND',
    );
    expect(
      refusal(s, { type: 'EXTEND_DEADLINE', actor: secretary, side: 'APPELLANT', dueAt: AT, reason: 'r' }),
    ).toBe('INVALID_COMMAND');
  });

  it('names a panel secretary: the first to acknowledge, or whom a secretary names; never a party', () => {
    const registered = run(
      run(appeal(), { type: 'UPHOLD', actor: officer, ...hearing }, t0),
      { type: 'REGISTER_INTENT', actor: appellant },
      t0,
    );
    expect(registered.panel?.secretaryId).toBeNull();
    // Nobody named: the acknowledgement's overdue mark reminds nobody (today's behaviour).
    const system = { subject: 'system', as: 'SYSTEM' } as const;
    expect(panelReminderFor(registered, { type: 'ACKNOWLEDGEMENT_OVERDUE', actor: system })).toBeNull();
    expect(run(registered, { type: 'ACKNOWLEDGE', actor: secretary }, t0).panel?.secretaryId).toBe('sec-1');
    // An acknowledger with a part in the case is not named by acting.
    const involved = { subject: 'adj-1', as: 'PANEL_SECRETARY' } as const;
    expect(run(registered, { type: 'ACKNOWLEDGE', actor: involved }, t0).panel?.secretaryId).toBeNull();

    const name = (secretaryId: string) => ({
      type: 'NAME_SECRETARY' as const,
      actor: secretary,
      secretaryId,
    });
    expect(refusal(registered, name('holder-1'))).toBe('FOUR_EYES_VIOLATION');
    expect(refusal(registered, name('sponsor-1'))).toBe('FOUR_EYES_VIOLATION');
    expect(refusal(registered, name('adj-1'))).toBe('FOUR_EYES_VIOLATION');
    expect(refusal(registered, name(''))).toBe('INVALID_COMMAND');
    expect(refusal(registered, name('<b>x</b>'))).toBe('INVALID_COMMAND');
    expect(refusal(registered, { ...name('sec-2'), actor: officer })).toBe('ILLEGAL_TRANSITION');
    expect(refusal(appeal(), name('sec-2'))).toBe('ILLEGAL_TRANSITION');
    const named = run(registered, name('sec-2'), t0);
    expect(named.panel?.secretaryId).toBe('sec-2');
    expect(refusal(named, name('sec-2'))).toBe('ILLEGAL_TRANSITION');
    expect(panelReminderFor(named, { type: 'ACKNOWLEDGEMENT_OVERDUE', actor: system })).toBe('sec-2');
    // Whoever acknowledges, the one named stays named; and may be replaced after.
    const acked = run(named, { type: 'ACKNOWLEDGE', actor: secretary }, t0);
    expect(acked.panel?.secretaryId).toBe('sec-2');
    expect(run(acked, name('sec-1'), t0).panel?.secretaryId).toBe('sec-1');
    // A statement's overdue mark reminds them, and says whose statement it is.
    const due = nextAppealDeadline(acked);
    expect(due?.command).toMatchObject({ type: 'STATEMENT_OVERDUE', side: 'APPELLANT' });
    expect(due && panelReminderFor(acked, due.command)).toBe('sec-2');
    expect(due && statementSideOf(due.command)).toBe('APPELLANT');
    expect(statementSideOf({ type: 'SUBMIT_STATEMENT', actor: department, statement: 's' })).toBe(
      'DEPARTMENT',
    );
    expect(statementSideOf({ type: 'ACKNOWLEDGE', actor: secretary })).toBeNull();
    expect(panelReminderFor(acked, { type: 'ACKNOWLEDGE', actor: secretary })).toBeNull();
  });

  it('restores a withdrawn clearance when the internal appeal overturns it', () => {
    const s = run(appeal(), { type: 'OVERTURN', actor: officer, ...hearing }, t0);
    expect(s.effect).toEqual({ kind: 'RESTORE_CLEARANCE', done: false });
  });
});

describe('complaints', () => {
  it('are answered with an outcome, and are never a route to the panel', () => {
    const c = appeal('COMPLAINT');
    expect(c.complaint?.respondBy).toBe(new Date(t0 + 5000).toISOString());
    expect(refusal(c, { type: 'REGISTER_INTENT', actor: appellant })).toBe('ILLEGAL_TRANSITION');
    const answered = run(
      c,
      { type: 'ANSWER_COMPLAINT', actor: officer, outcome: 'NOT_UPHELD', response: 'r' },
      t0,
    );
    expect(answered.status).toBe('COMPLAINT_ANSWERED');
    // The written response is kept for the appellant to read.
    expect(answered.complaint).toMatchObject({ outcome: 'NOT_UPHELD', response: 'r' });
    expect(appealStatusForAppellant(answered)).toBe('DECISION_MADE');
  });
});

describe('the transition table', () => {
  it('names a role for every person actor', () => {
    for (const row of APPEAL_TRANSITIONS) {
      expect(appealRolesFor(row.by).length).toBe(row.by === 'SYSTEM' ? 0 : 1);
    }
  });
});

describe('what an outcome asks of the system (effectOf)', () => {
  it('restores a withdrawn clearance, and grants a refused one, on any successful outcome', () => {
    for (const outcome of ['OVERTURNED', 'SET_ASIDE', 'CLEARANCE_GRANTED_OR_RESTORED'] as const) {
      expect(effectOf('WITHDRAWAL', outcome)).toBe('RESTORE_CLEARANCE');
      expect(effectOf('REFUSAL', outcome)).toBe('GRANT_CLEARANCE');
    }
  });

  it("re-runs vetting on the panel's say-so, and does nothing when the decision stands", () => {
    expect(effectOf('REFUSAL', 'VETTING_RERUN')).toBe('RERUN_VETTING');
    expect(effectOf('WITHDRAWAL', 'VETTING_RERUN')).toBe('RERUN_VETTING');
    expect(effectOf('REFUSAL', 'DECISION_STANDS')).toBe('NONE');
  });
});
