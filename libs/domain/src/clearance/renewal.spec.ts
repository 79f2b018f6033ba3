import type { ClearanceCommand, ClearanceFacts } from './clearance-rules';
import {
  checkClearanceCommand,
  clearanceActionsNow,
  clearanceAllows,
  heldPastRenewalDate,
  lookupStatus,
  successionPending,
} from './clearance-rules';
import { clearanceActionsIn, clearanceRolesFor, isEndedClearance } from './clearance-model';
import { applyClearanceCommand, grantedClearance } from './clearance-state';
import { expiresAt, renewalRemindersAt, validateAftercareTiming } from './clearance-dates';

const facts = (over: Partial<ClearanceFacts> = {}): ClearanceFacts => ({
  status: 'VALID',
  holderId: 'holder-1',
  sponsorId: 'sponsor-1',
  appraisal: null,
  tasks: [],
  reviewers: [],
  renewal: null,
  ...over,
});
const holder = { subject: 'holder-1', as: 'HOLDER' } as const;
const sponsor = { subject: 'sponsor-1', as: 'SPONSOR' } as const;
const officer = { subject: 'officer-1', as: 'VETTING_OFFICER' } as const;
const system = { subject: 'system', as: 'SYSTEM' } as const;
const open = (actor: ClearanceCommand['actor']): ClearanceCommand => ({ type: 'OPEN_RENEWAL', actor });
const openRenewal = { caseId: 'case-2', status: 'OPEN' } as const;

describe('opening a renewal', () => {
  it('is for the sponsor, an officer or the clock, and never the holder', () => {
    expect(clearanceRolesFor('OPEN_RENEWAL').sort()).toEqual(['SPONSOR', 'VETTING_OFFICER']);
    for (const actor of [sponsor, officer, system])
      expect(checkClearanceCommand(facts(), open(actor)).ok).toBe(true);
    expect(checkClearanceCommand(facts(), open(holder))).toMatchObject({
      ok: false,
      rejection: {
        code: 'ILLEGAL_TRANSITION',
        message: expect.stringContaining('sponsor or vetting officer') as string,
      },
    });
  });

  it('answers another sponsor as if there were no clearance', () => {
    expect(checkClearanceCommand(facts(), open({ subject: 'sponsor-2', as: 'SPONSOR' }))).toMatchObject({
      ok: false,
      rejection: { code: 'CLEARANCE_NOT_FOUND' },
    });
  });

  it('is refused while one is open, once renewed, and on a suspended or ended clearance', () => {
    for (const over of [
      { renewal: openRenewal },
      { renewal: { caseId: 'case-2', status: 'GRANTED' as const }, status: 'RENEWED' as const },
      { status: 'SUSPENDED' as const },
      { status: 'EXPIRED' as const },
    ]) {
      expect(checkClearanceCommand(facts(over), open(sponsor))).toMatchObject({
        ok: false,
        rejection: { code: 'ILLEGAL_TRANSITION' },
      });
    }
    // A renewal that closed without a decision (lapsed, withdrawn) may be opened again.
    const closed = facts({ renewal: { caseId: 'case-2', status: 'CLOSED' } });
    expect(checkClearanceCommand(closed, open(officer)).ok).toBe(true);
  });
});

describe('a renewal outcome', () => {
  const granted: ClearanceCommand = {
    type: 'RENEWAL_GRANTED',
    actor: system,
    caseId: 'case-2',
    successorId: 'c-2',
  };
  it('applies only to the open renewal case it names', () => {
    expect(checkClearanceCommand(facts({ renewal: openRenewal }), granted)).toEqual({
      ok: true,
      from: 'VALID',
      to: 'RENEWED',
    });
    expect(checkClearanceCommand(facts(), granted).ok).toBe(false);
    expect(checkClearanceCommand(facts({ renewal: { ...openRenewal, caseId: 'case-9' } }), granted).ok).toBe(
      false,
    );
  });

  it('supersedes the clearance when granted, withdraws it when refused, leaves it when the case closes', () => {
    const start = applyClearanceCommand(
      grantedClearance(
        {
          clearanceId: 'c-1',
          caseId: 'case-1',
          holderId: 'holder-1',
          sponsorId: 'sponsor-1',
          grantedOn: '2026-01-01',
          renewalDue: '2033-01-01',
          conditions: [],
        },
        '2026-01-01T00:00:00Z',
      ),
      { type: 'OPEN_RENEWAL', actor: sponsor, caseId: 'case-2' },
      'VALID',
      '2032-07-01T00:00:00Z',
    );
    expect(start.renewal).toMatchObject({ caseId: 'case-2', status: 'OPEN', openedBy: 'SPONSOR' });

    const renewed = applyClearanceCommand(start, granted, 'RENEWED', '2032-09-01T00:00:00Z');
    expect(renewed).toMatchObject({ status: 'RENEWED', endedAt: '2032-09-01T00:00:00Z' });
    expect(renewed.renewal).toMatchObject({ status: 'GRANTED', successorId: 'c-2' });
    expect(isEndedClearance('RENEWED')).toBe(true);
    expect(clearanceActionsIn('RENEWED')).toEqual([]);

    const refused = applyClearanceCommand(
      start,
      {
        type: 'RENEWAL_REFUSED',
        actor: system,
        caseId: 'case-2',
        decidedBy: 'adj-1',
        disclosableReasons: 'debts',
      },
      'WITHDRAWN',
      '2032-09-01T00:00:00Z',
    );
    expect(refused.withdrawal).toEqual({
      by: 'adj-1',
      at: '2032-09-01T00:00:00Z',
      disclosableReasons: 'debts',
    });
    expect(refused.renewal?.status).toBe('REFUSED');

    const closed = applyClearanceCommand(
      start,
      { type: 'RENEWAL_CLOSED', actor: system, caseId: 'case-2' },
      'VALID',
      '2032-08-01T00:00:00Z',
    );
    expect(closed).toMatchObject({ status: 'VALID', endedAt: null, renewal: { status: 'CLOSED' } });
  });
});

describe("a granted renewal's succession (the clearance-held workflow's own order decides)", () => {
  const asks: ClearanceCommand = { type: 'RENEWAL_SUCCESSION', actor: system, caseId: 'case-2' };
  const pending = { ...openRenewal, successionAcceptedAt: '2032-09-01T00:00:00Z' };
  const adjudicator = { subject: 'adj-1', as: 'SENIOR_ADJUDICATOR' } as const;
  const withdraw: ClearanceCommand = {
    type: 'WITHDRAW',
    actor: adjudicator,
    disclosableReasons: 'd',
    closedReasons: 'c',
  };

  it('is accepted while the clearance is live and its renewal case is open, once, and only by the clock', () => {
    expect(checkClearanceCommand(facts({ renewal: openRenewal }), asks)).toEqual({
      ok: true,
      from: 'VALID',
      to: 'VALID',
    });
    expect(checkClearanceCommand(facts({ renewal: openRenewal, status: 'SUSPENDED' }), asks).ok).toBe(true);
    for (const over of [
      { renewal: { ...openRenewal, status: 'CLOSED' as const }, status: 'WITHDRAWN' as const },
      { renewal: { ...openRenewal, status: 'CLOSED' as const }, status: 'LAPSED' as const },
      { renewal: { ...openRenewal, caseId: 'case-9' } },
      { renewal: pending },
    ])
      expect(checkClearanceCommand(facts(over), asks)).toMatchObject({
        ok: false,
        rejection: { code: 'ILLEGAL_TRANSITION' },
      });
    expect(checkClearanceCommand(facts({ renewal: openRenewal }), { ...asks, actor: sponsor }).ok).toBe(
      false,
    );
  });

  it('once accepted, refuses every other end (withdrawal, a leaver, expiry) and takes the grant', () => {
    const f = facts({ renewal: pending });
    expect(successionPending(f)).toBe(true);
    expect(successionPending(facts({ renewal: openRenewal }))).toBe(false);
    for (const end of [
      withdraw,
      { type: 'REPORT_LEAVER', actor: sponsor, leftOn: '2032-08-01' } as ClearanceCommand,
      { type: 'EXPIRE', actor: system } as ClearanceCommand,
    ])
      expect(checkClearanceCommand(f, end)).toMatchObject({
        ok: false,
        rejection: { code: 'ILLEGAL_TRANSITION', message: expect.stringContaining('successor') as string },
      });
    // Nothing else is held up, and the renewal still holds the clearance past its renewal date.
    expect(checkClearanceCommand(f, { type: 'REPORT_INCIDENT', actor: sponsor, summary: 's' }).ok).toBe(true);
    expect(heldPastRenewalDate(f)).toBe(true);
    expect(
      checkClearanceCommand(f, {
        type: 'RENEWAL_GRANTED',
        actor: system,
        caseId: 'case-2',
        successorId: null,
      }),
    ).toMatchObject({ ok: true, to: 'RENEWED' });
    // Before the acceptance an end is taken, and then the succession is refused (the order decides).
    expect(checkClearanceCommand(facts({ renewal: openRenewal }), withdraw).ok).toBe(true);
  });

  it('tells pages (clearanceAllows) and refusals (allowedActions) the same: no end offered while superseded', () => {
    const f = facts({ renewal: pending });
    const ends = [
      ['WITHDRAW', 'SENIOR_ADJUDICATOR'],
      ['REPORT_LEAVER', 'SPONSOR'],
      ['EXPIRE', 'SYSTEM'],
    ] as const;
    for (const [action, by] of ends) {
      expect(clearanceAllows(f, action, by)).toBe(false);
      expect(clearanceAllows(facts({ renewal: openRenewal }), action, by)).toBe(true);
      expect(clearanceActionsNow(f)).not.toContain(action);
    }
    // What does not end it is still offered; the grant's own outcome still renews it.
    for (const [action, by] of [
      ['REPORT_INCIDENT', 'SPONSOR'],
      ['SUSPEND', 'SENIOR_ADJUDICATOR'],
      ['RENEWAL_GRANTED', 'SYSTEM'],
    ] as const)
      expect(clearanceAllows(f, action, by)).toBe(true);
    // A refusal lists what the clearance takes now, not what its status alone would.
    expect(checkClearanceCommand(f, withdraw)).toMatchObject({
      ok: false,
      rejection: { allowedActions: clearanceActionsNow(f) },
    });
    expect(clearanceActionsNow(facts({ renewal: openRenewal }))).toEqual(clearanceActionsIn('VALID'));
    // Closed without a successor, nothing is held any more.
    expect(
      clearanceAllows(facts({ renewal: { ...pending, status: 'CLOSED' } }), 'WITHDRAW', 'SENIOR_ADJUDICATOR'),
    ).toBe(true);
  });

  it('is recorded on the renewal, and cleared by the case closing without a successor', () => {
    const start = applyClearanceCommand(
      grantedClearance(
        {
          clearanceId: 'c-1',
          caseId: 'case-1',
          holderId: 'holder-1',
          sponsorId: 'sponsor-1',
          grantedOn: '2026-01-01',
          renewalDue: '2033-01-01',
          conditions: [],
        },
        '2026-01-01T00:00:00Z',
      ),
      { type: 'OPEN_RENEWAL', actor: sponsor, caseId: 'case-2' },
      'VALID',
      '2032-07-01T00:00:00Z',
    );
    const accepted = applyClearanceCommand(start, asks, 'VALID', '2032-09-01T00:00:00Z');
    expect(accepted.renewal).toMatchObject({ status: 'OPEN', successionAcceptedAt: '2032-09-01T00:00:00Z' });
    expect(successionPending(accepted)).toBe(true);
    const closed = applyClearanceCommand(
      accepted,
      { type: 'RENEWAL_CLOSED', actor: system, caseId: 'case-2' },
      'VALID',
      '2032-09-02T00:00:00Z',
    );
    expect(successionPending(closed)).toBe(false);
    expect(checkClearanceCommand(closed, withdraw).ok).toBe(true);

    // Unconfirmed in time and no successor stored: the succession lapses, the renewal stays open, ends are taken
    // again, and a late grant (or a new request) is still taken.
    const lapses: ClearanceCommand = { type: 'RENEWAL_SUCCESSION_LAPSED', actor: system, caseId: 'case-2' };
    expect(checkClearanceCommand(accepted, lapses)).toEqual({ ok: true, from: 'VALID', to: 'VALID' });
    const lapsed = applyClearanceCommand(accepted, lapses, 'VALID', '2032-09-03T00:00:00Z');
    expect(lapsed.renewal).toMatchObject({ status: 'OPEN', successionAcceptedAt: null });
    expect(successionPending(lapsed)).toBe(false);
    expect(checkClearanceCommand(lapsed, withdraw).ok).toBe(true);
    expect(checkClearanceCommand(lapsed, asks).ok).toBe(true);
    const lateGrant: ClearanceCommand = {
      type: 'RENEWAL_GRANTED',
      actor: system,
      caseId: 'case-2',
      successorId: 's-1',
    };
    expect(checkClearanceCommand(lapsed, lateGrant)).toMatchObject({ ok: true, to: 'RENEWED' });
    // Only a pending succession of that case lapses, and only by the clock.
    for (const state of [start, lapsed, closed])
      expect(checkClearanceCommand(state, lapses)).toMatchObject({
        ok: false,
        rejection: { code: 'ILLEGAL_TRANSITION' },
      });
    expect(checkClearanceCommand(accepted, { ...lapses, caseId: 'case-9' }).ok).toBe(false);
    expect(checkClearanceCommand(accepted, { ...lapses, actor: officer }).ok).toBe(false);
  });
});

describe('past the renewal date', () => {
  it('a live clearance holds while its renewal case is open, and otherwise reads EXPIRED', () => {
    expect(heldPastRenewalDate({ status: 'VALID', renewal: openRenewal })).toBe(true);
    expect(lookupStatus({ status: 'VALID', renewal: openRenewal }, true)).toBe('VALID');
    expect(lookupStatus({ status: 'SUSPENDED', renewal: openRenewal }, true)).toBe('SUSPENDED');
    expect(lookupStatus({ status: 'VALID', renewal: null }, true)).toBe('EXPIRED');
    expect(lookupStatus({ status: 'VALID', renewal: { caseId: 'c', status: 'CLOSED' } }, true)).toBe(
      'EXPIRED',
    );
    expect(lookupStatus({ status: 'VALID' }, false)).toBe('VALID');
    expect(lookupStatus({ status: 'RENEWED', renewal: null }, true)).toBe('RENEWED');
  });
});

describe('renewal reminders', () => {
  const anchor = { startedAt: '2026-01-01T00:00:00.000Z', grantedOn: '2026-01-01', renewalDue: '2033-01-01' };
  const timing = { yearMs: 10_000, appraisalReminderMs: 1_000, appraisalOverdueMs: 2_000 };

  it('fall the given offsets before expiry, earliest first, numbered from 1', () => {
    const expiry = Date.parse(expiresAt(anchor, timing));
    expect(renewalRemindersAt(anchor, { ...timing, renewalReminderMs: [2_500, 5_000] })).toEqual([
      { n: 1, at: new Date(expiry - 5_000).toISOString() },
      { n: 2, at: new Date(expiry - 2_500).toISOString() },
    ]);
    expect(renewalRemindersAt(anchor, timing)).toEqual([]);
  });

  it('are not sent when they would fall before the clearance began', () => {
    const expiry = Date.parse(expiresAt(anchor, timing));
    const tooEarly = expiry - Date.parse(anchor.startedAt) + 1;
    expect(renewalRemindersAt(anchor, { ...timing, renewalReminderMs: [tooEarly, 1_000] })).toEqual([
      { n: 2, at: new Date(expiry - 1_000).toISOString() },
    ]);
  });

  it('must be positive durations', () => {
    expect(validateAftercareTiming({ ...timing, renewalReminderMs: [5_000] })).toEqual([]);
    expect(validateAftercareTiming({ ...timing, renewalReminderMs: [0] })).toEqual([
      'each renewalReminderMs must be a positive number of ms',
    ]);
  });
});
