import { clearanceRolesFor } from './clearance-model';
import type { ClearanceCommand, ClearanceFacts } from './clearance-rules';
import { checkClearanceCommand, managerAppraisalConcern, outstandingAppraisalParts } from './clearance-rules';
import type { ClearanceState } from './clearance-state';
import { applyClearanceCommand, grantedClearance } from './clearance-state';

const holder = { subject: 'holder-1', as: 'HOLDER' } as const;
const sponsor = { subject: 'sponsor-1', as: 'SPONSOR' } as const;
const manager = { subject: 'manager-1', as: 'LINE_MANAGER' } as const;
const otherManager = { subject: 'manager-2', as: 'LINE_MANAGER' } as const;
const system = { subject: 'system', as: 'SYSTEM' } as const;
const at = '2027-05-01T00:00:00.000Z';

const facts = (over: Partial<ClearanceFacts> = {}): ClearanceFacts => ({
  status: 'VALID',
  holderId: 'holder-1',
  sponsorId: 'sponsor-1',
  appraisal: { n: 1, status: 'DUE', parts: { holder: null, lineManager: null } },
  lineManagerId: 'manager-1',
  tasks: [],
  reviewers: [],
  ...over,
});
const managerPart = (over: Partial<Extract<ClearanceCommand, { type: 'SUBMIT_MANAGER_APPRAISAL' }>> = {}) =>
  ({
    type: 'SUBMIT_MANAGER_APPRAISAL',
    actor: manager,
    n: 1,
    conductConfirmed: true,
    raisesConcern: false,
    ...over,
  }) as const;
const holderPart = {
  type: 'SUBMIT_APPRAISAL',
  actor: holder,
  n: 1,
  raisesConcern: false,
  summary: 'ok',
} as const;
const code = (v: ReturnType<typeof checkClearanceCommand>): string => (v.ok ? 'OK' : v.rejection.code);

/** A granted clearance whose first appraisal year fell due, two-part or not, with a line manager or not. */
function due(twoPart: boolean, lineManagerId: string | null): ClearanceState {
  let s = grantedClearance(
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
  if (lineManagerId)
    s = applyClearanceCommand(s, { type: 'NAME_LINE_MANAGER', actor: sponsor, lineManagerId }, 'VALID', at);
  return applyClearanceCommand(
    s,
    { type: 'APPRAISAL_DUE', actor: system, n: 1, ...(twoPart ? { twoPart } : {}) },
    'VALID',
    at,
  );
}

describe('the line manager in the clearance rules', () => {
  it('is a role of its own: the sponsor names them, they submit their part', () => {
    expect(clearanceRolesFor('NAME_LINE_MANAGER')).toEqual(['SPONSOR']);
    expect(clearanceRolesFor('SUBMIT_MANAGER_APPRAISAL')).toEqual(['LINE_MANAGER']);
  });

  it('lets only the clearance’s own sponsor name a line manager, never the holder or the sponsor themself', () => {
    const name = (actor: ClearanceCommand['actor'], lineManagerId: string): ClearanceCommand => ({
      type: 'NAME_LINE_MANAGER',
      actor,
      lineManagerId,
    });
    expect(code(checkClearanceCommand(facts({ lineManagerId: null }), name(sponsor, 'manager-1')))).toBe(
      'OK',
    );
    expect(code(checkClearanceCommand(facts(), name(sponsor, 'manager-2')))).toBe('OK');
    const elsewhere = { subject: 'sponsor-9', as: 'SPONSOR' } as const;
    expect(code(checkClearanceCommand(facts(), name(elsewhere, 'manager-2')))).toBe('CLEARANCE_NOT_FOUND');
    expect(code(checkClearanceCommand(facts(), name(holder, 'manager-2')))).toBe('ILLEGAL_TRANSITION');
    expect(code(checkClearanceCommand(facts(), name(sponsor, 'holder-1')))).toBe('INVALID_COMMAND');
    expect(code(checkClearanceCommand(facts(), name(sponsor, 'sponsor-1')))).toBe('INVALID_COMMAND');
    expect(code(checkClearanceCommand(facts(), name(sponsor, 'not an id <b>')))).toBe('INVALID_COMMAND');
    expect(code(checkClearanceCommand(facts(), name(sponsor, 'manager-1')))).toBe('ILLEGAL_TRANSITION');
    expect(code(checkClearanceCommand(facts({ status: 'WITHDRAWN' }), name(sponsor, 'manager-2')))).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('answers another line manager, or any when none is named, as if there were no clearance', () => {
    expect(code(checkClearanceCommand(facts(), managerPart()))).toBe('OK');
    expect(code(checkClearanceCommand(facts(), managerPart({ actor: otherManager })))).toBe(
      'CLEARANCE_NOT_FOUND',
    );
    expect(code(checkClearanceCommand(facts({ lineManagerId: null }), managerPart()))).toBe(
      'CLEARANCE_NOT_FOUND',
    );
  });

  it('asks for details exactly when the line manager has a concern or cannot confirm the conduct', () => {
    expect(managerAppraisalConcern({ conductConfirmed: true, raisesConcern: false })).toBe(false);
    expect(managerAppraisalConcern({ conductConfirmed: false, raisesConcern: false })).toBe(true);
    expect(managerAppraisalConcern({ conductConfirmed: true, raisesConcern: true })).toBe(true);
    const check = (c: ClearanceCommand): string => code(checkClearanceCommand(facts(), c));
    expect(check(managerPart({ raisesConcern: true }))).toBe('INVALID_COMMAND');
    expect(check(managerPart({ conductConfirmed: false, concernDetails: '  ' }))).toBe('INVALID_COMMAND');
    expect(check(managerPart({ raisesConcern: true, concernDetails: 'x'.repeat(2001) }))).toBe(
      'INVALID_COMMAND',
    );
    expect(check(managerPart({ concernDetails: 'nothing really' }))).toBe('INVALID_COMMAND');
    expect(check(managerPart({ raisesConcern: true, concernDetails: 'left the safe open' }))).toBe('OK');
    expect(check(managerPart({ concernDetails: '' }))).toBe('OK');
  });

  it("takes the line manager's part only while that year's is awaited, once, and not on a holder-only year", () => {
    const check = (f: Partial<ClearanceFacts>, c: ClearanceCommand = managerPart()): string =>
      code(checkClearanceCommand(facts(f), c));
    expect(check({ appraisal: null })).toBe('ILLEGAL_TRANSITION');
    expect(check({}, managerPart({ n: 2 }))).toBe('ILLEGAL_TRANSITION');
    expect(check({ appraisal: { n: 1, status: 'SUBMITTED', parts: { holder: at, lineManager: at } } })).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(check({ appraisal: { n: 1, status: 'DUE', parts: { holder: null, lineManager: at } } })).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(check({ appraisal: { n: 1, status: 'DUE' } })).toBe('ILLEGAL_TRANSITION');
    expect(check({ appraisal: { n: 1, status: 'OVERDUE', parts: { holder: at, lineManager: null } } })).toBe(
      'OK',
    );
    // The holder's part, once.
    expect(
      check({ appraisal: { n: 1, status: 'DUE', parts: { holder: at, lineManager: null } } }, holderPart),
    ).toBe('ILLEGAL_TRANSITION');
  });
});

describe('a two-part appraisal year', () => {
  it('is complete once both parts are in, in either order', () => {
    const holderFirst = applyClearanceCommand(due(true, 'manager-1'), holderPart, 'VALID', at);
    expect(holderFirst.appraisal).toMatchObject({ status: 'DUE', parts: { holder: at, lineManager: null } });
    expect(outstandingAppraisalParts(holderFirst)).toEqual({ holder: false, lineManager: true });
    const both = applyClearanceCommand(holderFirst, managerPart(), 'VALID', at);
    expect(both.appraisal).toMatchObject({ status: 'SUBMITTED', parts: { holder: at, lineManager: at } });
    expect(outstandingAppraisalParts(both)).toEqual({ holder: false, lineManager: false });

    const managerFirst = applyClearanceCommand(due(true, 'manager-1'), managerPart(), 'VALID', at);
    expect(managerFirst.appraisal?.status).toBe('DUE');
    expect(outstandingAppraisalParts(managerFirst)).toEqual({ holder: true, lineManager: false });
    expect(applyClearanceCommand(managerFirst, holderPart, 'VALID', at).appraisal?.status).toBe('SUBMITTED');
  });

  it("needs only the holder's part while no line manager is named (the sponsor stands in)", () => {
    const s = due(true, null);
    expect(outstandingAppraisalParts(s)).toEqual({ holder: true, lineManager: false });
    expect(applyClearanceCommand(s, holderPart, 'VALID', at).appraisal?.status).toBe('SUBMITTED');
  });

  it('keeps a year that fell due before the patch holder-only, whoever is named', () => {
    const s = due(false, 'manager-1');
    expect(s.appraisal?.parts).toBeUndefined();
    expect(outstandingAppraisalParts(s)).toEqual({ holder: true, lineManager: false });
    expect(applyClearanceCommand(s, holderPart, 'VALID', at).appraisal?.status).toBe('SUBMITTED');
  });

  it('opens a review task for a concern from either part, and none without', () => {
    const s = due(true, 'manager-1');
    expect(applyClearanceCommand(s, managerPart(), 'VALID', at).tasks).toEqual([]);
    for (const c of [
      managerPart({ raisesConcern: true, concernDetails: 'x' }),
      managerPart({ conductConfirmed: false, concernDetails: 'x' }),
      { ...holderPart, raisesConcern: true },
    ]) {
      const next = applyClearanceCommand(s, c, 'VALID', at);
      expect(next.tasks).toEqual([expect.objectContaining({ kind: 'APPRAISAL_CONCERN', status: 'OPEN' })]);
    }
  });

  it('names and changes the line manager, leaving the parts already in', () => {
    const s = applyClearanceCommand(due(true, 'manager-1'), managerPart(), 'VALID', at);
    const changed = applyClearanceCommand(
      s,
      { type: 'NAME_LINE_MANAGER', actor: sponsor, lineManagerId: 'manager-2' },
      'VALID',
      at,
    );
    expect(changed.lineManagerId).toBe('manager-2');
    expect(changed.appraisal?.parts).toEqual({ holder: null, lineManager: at });
    expect(s.lineManagerId).toBe('manager-1');
  });
});
