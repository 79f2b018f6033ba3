import { CHANGE_KINDS, CLEARANCE_STATUSES } from '../../../../libs/domain/src';
import type { ClearanceStaffView, ClearanceView } from './aftercare-words';
import {
  adjudicatorActions,
  assigneeInWords,
  assigneeNameInWords,
  officerRadioItems,
  reviewFilterView,
  changeCheckInWords,
  appraisalOpen,
  allows,
  beingReplaced,
  beingReplacedInWords,
  CHANGE_KIND_WORDS,
  changeKindOf,
  clearanceStatusInWords,
  holderLineManagerInWords,
  holderRenewal,
  lineManagerInWords,
  lineManagerRadioItems,
  lineManagerSearchTermInWords,
  mayStartRenewal,
  renewalInWords,
  renewalRefusedInWords,
  managerAppraisalOpen,
  reviewOutcomeOf,
} from './aftercare-words';
import type { RenewalView } from './aftercare-words';
import { endRefusalInWords } from './aftercare-session';
import type { ApiCaller, ApiClient } from '../api/api-client.service';
import { ApiError } from '../api/api-error';

const valid: ClearanceView = {
  clearanceId: '3f2b6c1e-0000-4000-8000-000000000001',
  level: 'DV',
  status: 'VALID',
  grantedOn: '2026-01-01',
  renewalDue: '2033-01-01',
  appraisal: null,
  endedAt: null,
};

describe('aftercare words', () => {
  it('says every status in words, never a code', () => {
    for (const status of CLEARANCE_STATUSES) {
      const words = clearanceStatusInWords(status);
      expect(words.text).not.toMatch(/_|^[A-Z]+$/);
      expect(words.detail).toMatch(/\.$/);
    }
  });

  it('asks follow-up questions for every change kind, and reads only known kinds and outcomes back', () => {
    for (const kind of CHANGE_KINDS) {
      expect(CHANGE_KIND_WORDS[kind].details).not.toBe('');
      expect(changeKindOf(kind)).toBe(kind);
    }
    expect(changeKindOf('ALIENS')).toBeUndefined();
    expect(reviewOutcomeOf('NO_CHANGE')).toBe('NO_CHANGE');
    expect(reviewOutcomeOf('SHRUG')).toBeUndefined();
  });

  it('offers the appraisal only while this year’s is awaiting the holder on a live clearance', () => {
    const due = { n: 1, status: 'DUE' as const, dueAt: '2027-01-01T00:00:00Z' };
    expect(appraisalOpen(valid)).toBe(false);
    expect(appraisalOpen({ ...valid, appraisal: due })).toBe(true);
    expect(appraisalOpen({ ...valid, appraisal: { ...due, status: 'OVERDUE' } })).toBe(true);
    expect(appraisalOpen({ ...valid, appraisal: { ...due, status: 'SUBMITTED' } })).toBe(false);
    expect(appraisalOpen({ ...valid, status: 'WITHDRAWN', appraisal: due })).toBe(false);
  });

  it("offers each part of a two-part year to whoever still owes it, and the line manager's only on such a year", () => {
    const due = { n: 1, status: 'DUE' as const, dueAt: '2027-01-01T00:00:00Z' };
    const parts = (holder: string | null, lineManager: string | null) => ({
      ...valid,
      appraisal: { ...due, parts: { holder, lineManager } },
    });
    const at = '2027-01-02T00:00:00Z';
    expect([appraisalOpen(parts(null, null)), managerAppraisalOpen(parts(null, null))]).toEqual([true, true]);
    expect([appraisalOpen(parts(at, null)), managerAppraisalOpen(parts(at, null))]).toEqual([false, true]);
    expect([appraisalOpen(parts(null, at)), managerAppraisalOpen(parts(null, at))]).toEqual([true, false]);
    expect(managerAppraisalOpen({ ...valid, appraisal: due })).toBe(false);
    expect(managerAppraisalOpen({ ...parts(null, null), status: 'LAPSED' })).toBe(false);
  });

  it('offers the adjudicator what the transition table allows, and no withdrawal to someone who reviewed it', () => {
    expect(adjudicatorActions({ status: 'VALID', reviewers: [] }, 'adj-1')).toEqual({
      suspend: true,
      restore: false,
      withdraw: true,
      leaveValid: false,
      reviewedIt: false,
    });
    expect(adjudicatorActions({ status: 'SUSPENDED', reviewers: ['adj-1'] }, 'adj-1')).toEqual({
      suspend: false,
      restore: true,
      withdraw: false,
      leaveValid: false,
      reviewedIt: true,
    });
    expect(adjudicatorActions({ status: 'LAPSED', reviewers: [] }, 'adj-1')).toEqual({
      suspend: false,
      restore: false,
      withdraw: false,
      leaveValid: false,
      reviewedIt: false,
    });
  });

  it('offers to leave a clearance valid only while a referral is open, never to someone who reviewed it', () => {
    const referred: Pick<ClearanceStaffView, 'status' | 'reviewers' | 'referralOpen'> = {
      status: 'VALID',
      reviewers: ['officer-1'],
      referralOpen: true,
    };
    expect(adjudicatorActions(referred, 'adj-1').leaveValid).toBe(true);
    expect(adjudicatorActions(referred, 'officer-1').leaveValid).toBe(false);
    expect(adjudicatorActions({ ...referred, status: 'SUSPENDED' }, 'adj-1').leaveValid).toBe(false);
    expect(adjudicatorActions({ ...referred, referralOpen: false }, 'adj-1').leaveValid).toBe(false);
    // An API that predates the field says nothing of referrals: nothing is offered.
    expect(adjudicatorActions({ status: 'VALID', reviewers: [] }, 'adj-1').leaveValid).toBe(false);
  });
});

describe('renewal words', () => {
  const renewal = (status: RenewalView['status']): RenewalView => ({
    caseId: '3f2b6c1e-0000-4000-8000-000000000002',
    status,
    openedAt: '2032-07-01T09:00:00.000Z',
    closedAt: null,
    successorId: null,
  });

  it('offers a renewal on a valid clearance with none open and not renewed, to its sponsor and officers', () => {
    expect(mayStartRenewal(valid, 'SPONSOR')).toBe(true);
    expect(mayStartRenewal(valid, 'VETTING_OFFICER')).toBe(true);
    expect(mayStartRenewal({ ...valid, renewal: renewal('CLOSED') }, 'SPONSOR')).toBe(true);
    expect(mayStartRenewal({ ...valid, renewal: renewal('REFUSED') }, 'SPONSOR')).toBe(true);
    expect(mayStartRenewal({ ...valid, renewal: renewal('OPEN') }, 'SPONSOR')).toBe(false);
    expect(mayStartRenewal({ ...valid, status: 'RENEWED', renewal: renewal('GRANTED') }, 'SPONSOR')).toBe(
      false,
    );
    // A suspended clearance waits for the adjudicator; an ended one is never renewed.
    expect(mayStartRenewal({ ...valid, status: 'SUSPENDED' }, 'VETTING_OFFICER')).toBe(false);
    expect(mayStartRenewal({ ...valid, status: 'EXPIRED' }, 'SPONSOR')).toBe(false);
  });

  it('says every renewal status and every refusal in words, never a code', () => {
    for (const status of ['OPEN', 'GRANTED', 'REFUSED', 'CLOSED'] as const) {
      const words = renewalInWords(renewal(status));
      expect(words.text).not.toMatch(/_|^[A-Z]+$/);
      expect(words.detail).toMatch(/\.$/);
    }
    expect(renewalRefusedInWords({ ...valid, renewal: renewal('OPEN') })).toBe(
      'A renewal of this clearance is already under way. You cannot start another one.',
    );
    expect(renewalRefusedInWords({ status: 'RENEWED', renewal: renewal('GRANTED') })).toMatch(
      /already been renewed/,
    );
    expect(renewalRefusedInWords({ status: 'SUSPENDED' })).toBe(
      'This clearance cannot be renewed now: it is suspended.',
    );
  });

  it('offers no end while the clearance is being replaced by its renewal, and says so instead in plain words', () => {
    const pending: ClearanceStaffView = {
      ...valid,
      caseId: '3f2b6c1e-0000-4000-8000-000000000003',
      holderId: 'holder-1',
      sponsorId: 'sponsor-1',
      tasks: [],
      reviewers: [],
      withdrawal: null,
      renewal: { ...renewal('OPEN'), successionAcceptedAt: '2032-09-01T09:00:00.000Z' },
    };
    expect(beingReplaced(pending)).toBe(true);
    // The ends are not offered (the API would refuse them with 409); what does not end it still is.
    expect(allows(pending, 'REPORT_LEAVER', 'SPONSOR')).toBe(false);
    expect(adjudicatorActions(pending, 'adj-1')).toMatchObject({ withdraw: false, suspend: true });
    expect(allows(pending, 'REPORT_INCIDENT', 'SPONSOR')).toBe(true);
    expect(allows(pending, 'TRANSFER_SPONSOR', 'SPONSOR')).toBe(true);
    for (const as of ['SPONSOR', 'VETTING_OFFICER', 'SENIOR_ADJUDICATOR'] as const) {
      const words = beingReplacedInWords(pending, as) ?? '';
      expect(words).toMatch(/^This clearance is being replaced by its renewal, which has been granted\. /);
      expect(words).not.toMatch(/_|[A-Z]{3,}|successor|409/);
    }
    expect(beingReplacedInWords(pending, 'SPONSOR')).toMatch(/report it against the new clearance/);
    expect(beingReplacedInWords(pending, 'SENIOR_ADJUDICATOR')).toMatch(/cannot be withdrawn now/);
    expect(renewalInWords(pending.renewal as RenewalView)).toMatchObject({ text: 'Granted' });
    // An open renewal not yet granted, one closed since, or an API that predates the field: ends offered as before.
    for (const other of [
      { ...pending, renewal: renewal('OPEN') },
      { ...pending, renewal: { ...renewal('CLOSED'), successionAcceptedAt: '2032-09-01T09:00:00.000Z' } },
      { ...pending, renewal: { ...renewal('OPEN'), successionAcceptedAt: undefined } },
    ]) {
      expect(beingReplacedInWords(other, 'SPONSOR')).toBeNull();
      expect(allows(other, 'REPORT_LEAVER', 'SPONSOR')).toBe(true);
      expect(adjudicatorActions(other, 'adj-1').withdraw).toBe(true);
    }
  });

  it('says a stale end refused with 409 in plain words, once the clearance turns out to be being replaced', async () => {
    const caller = { token: 't' } as unknown as ApiCaller;
    const refused = new ApiError(409, {
      statusCode: 409,
      error: 'ILLEGAL_TRANSITION',
      message: 'REPORT_LEAVER is not allowed now: the clearance is being superseded by its successor',
    });
    const apiFor = (clearance: ClearanceView): ApiClient =>
      ({ get: () => Promise.resolve(clearance) }) as unknown as ApiClient;
    const pending = {
      ...valid,
      renewal: { ...renewal('OPEN'), successionAcceptedAt: '2032-09-01T09:00:00.000Z' },
    };
    const said = await endRefusalInWords(apiFor(pending), caller, valid.clearanceId, refused, 'SPONSOR');
    expect(said).toBeInstanceOf(ApiError);
    expect((said as ApiError).status).toBe(409);
    expect((said as ApiError).body.message).toBe(beingReplacedInWords(pending, 'SPONSOR'));
    // Already renewed by the time it is read back: said so too.
    const renewed = { ...valid, status: 'RENEWED' as const, renewal: renewal('GRANTED') };
    expect(
      ((await endRefusalInWords(apiFor(renewed), caller, valid.clearanceId, refused, 'SPONSOR')) as ApiError)
        .body.message,
    ).toMatch(/^This clearance has been replaced by its renewal\./);
    // Any other refusal, or a clearance not being replaced, keeps the API's own words.
    expect(await endRefusalInWords(apiFor(valid), caller, valid.clearanceId, refused, 'SPONSOR')).toBe(
      refused,
    );
    const fourEyes = new ApiError(409, { statusCode: 409, error: 'FOUR_EYES_VIOLATION', message: 'm' });
    expect(
      await endRefusalInWords(apiFor(pending), caller, valid.clearanceId, fourEyes, 'SENIOR_ADJUDICATOR'),
    ).toBe(fourEyes);
  });

  it('tells the holder a renewal is under way, or due within 26 weeks of the review date, and nothing once ended', () => {
    expect(holderRenewal({ ...valid, renewal: renewal('OPEN') }, '2026-06-01')).toBe('UNDER_WAY');
    expect(holderRenewal(valid, '2032-07-03')).toBe('DUE');
    expect(holderRenewal(valid, '2032-07-02')).toBeNull();
    expect(holderRenewal({ ...valid, renewal: renewal('CLOSED') }, '2032-12-01')).toBe('DUE');
    expect(
      holderRenewal({ ...valid, status: 'RENEWED', renewal: renewal('GRANTED') }, '2032-12-01'),
    ).toBeNull();
    expect(holderRenewal({ ...valid, status: 'WITHDRAWN' }, '2032-12-01')).toBeNull();
  });
});

describe('lineManagerInWords', () => {
  it('names the line manager with their staff ID, and says so when the directory no longer knows them', () => {
    expect(lineManagerInWords({})).toBe('Not named');
    expect(lineManagerInWords({ lineManagerId: 'manager-1', lineManagerName: 'Maya Collins' })).toBe(
      'Maya Collins (manager-1)',
    );
    expect(lineManagerInWords({ lineManagerId: 'manager-1', lineManagerName: null })).toBe(
      'manager-1 (no longer in the staff directory)',
    );
    // An API that sends no name: the ID alone, as before.
    expect(lineManagerInWords({ lineManagerId: 'manager-1' })).toBe('manager-1');
  });
});

describe('the line manager found by name', () => {
  it('says what is wrong with the name typed, by the domain rule', () => {
    expect(lineManagerSearchTermInWords('')).toBe("Enter the line manager's name");
    expect(lineManagerSearchTermInWords('M')).toBe("Enter at least 2 letters of the line manager's name");
    expect(lineManagerSearchTermInWords('x'.repeat(101))).toBe('The name must be 100 characters or fewer');
    expect(lineManagerSearchTermInWords('Ma')).toBeNull();
  });

  it('offers those found as radios, their team as the hint, the one chosen checked', () => {
    expect(
      lineManagerRadioItems(
        [
          { lineManagerId: 'manager-1', displayName: 'Maya Collins', team: 'estates' },
          { lineManagerId: 'manager-9', displayName: 'Maya Collins', team: null },
        ],
        'manager-9',
      ),
    ).toEqual([
      { value: 'manager-1', text: 'Maya Collins', hint: { text: 'Team: estates' }, checked: false },
      { value: 'manager-9', text: 'Maya Collins', hint: { text: 'No team recorded' }, checked: true },
    ]);
  });

  it('shows the holder their line manager by name, never by staff ID', () => {
    expect(holderLineManagerInWords({})).toBe('Not named yet. Your sponsor names them.');
    expect(holderLineManagerInWords({ lineManagerId: 'manager-1', lineManagerName: 'Maya Collins' })).toBe(
      'Maya Collins',
    );
    for (const lineManagerName of [null, undefined])
      expect(holderLineManagerInWords({ lineManagerId: 'manager-1', lineManagerName })).not.toContain(
        'manager-1',
      );
  });
});

describe('changeCheckInWords', () => {
  const check = { checkType: 'CRIMINAL_RECORDS', startedAt: '2026-12-01T10:00:00Z', resolvedAt: null };
  it('says the result when there is one, and why there is none otherwise', () => {
    expect(changeCheckInWords({ ...check, status: 'RESULT', outcome: 'TRACE' }).text).toBe('Trace found');
    expect(changeCheckInWords({ ...check, status: 'RESULT', outcome: 'CLEAR' }).text).toBe('Clear');
    expect(changeCheckInWords({ ...check, status: 'RUNNING', outcome: null }).text).toBe('Awaiting result');
    expect(changeCheckInWords({ ...check, status: 'TIMED_OUT', outcome: null }).text).toBe(
      'No answer in time',
    );
  });
});

describe('the review queue’s assignee words and filter', () => {
  it('says you, the officer, or unassigned', () => {
    expect(assigneeInWords('officer-1', 'officer-1')).toBe('You');
    expect(assigneeInWords('officer-2', 'officer-1')).toBe('officer-2');
    expect(assigneeInWords(null, 'officer-1')).toBe('Unassigned');
    expect(assigneeInWords(undefined, 'officer-1')).toBe('Unassigned');
  });

  it('checks the chosen radio and shows the chosen filter as a tag that removes it', () => {
    expect(reviewFilterView('/aftercare/reviews', undefined)).toEqual({
      assigneeItems: [
        { value: '', text: 'Anyone', checked: true },
        { value: 'me', text: 'Assigned to me', checked: false },
        { value: 'none', text: 'Unassigned', checked: false },
      ],
      selectedFilters: undefined,
    });
    expect(reviewFilterView('/aftercare/reviews', 'none')).toMatchObject({
      assigneeItems: [{ checked: false }, { checked: false }, { checked: true }],
      selectedFilters: {
        clearLink: { href: '/aftercare/reviews' },
        categories: [
          { heading: { text: 'Assigned to' }, items: [{ href: '/aftercare/reviews', text: 'Unassigned' }] },
        ],
      },
    });
  });

  it('offers a team lead no "Assigned to me"', () => {
    expect(reviewFilterView('/aftercare/reviews', undefined, { mine: false })).toMatchObject({
      assigneeItems: [
        { value: '', text: 'Anyone' },
        { value: 'none', text: 'Unassigned' },
      ],
    });
  });
});

describe('the team lead’s officer picker', () => {
  const officers = [
    { id: 'officer-1', name: 'Olivia Hughes' },
    { id: 'officer-2', name: 'Omar Khan' },
  ];

  it('names the assignee where the directory has them, their id otherwise', () => {
    expect(assigneeNameInWords('officer-2', officers)).toBe('Omar Khan');
    expect(assigneeNameInWords('officer-9', officers)).toBe('officer-9');
    expect(assigneeNameInWords(null, officers)).toBe('Unassigned');
  });

  it('offers every officer of the team but the one who has the task, the chosen one checked', () => {
    expect(officerRadioItems(officers, null, undefined)).toEqual([
      { value: 'officer-1', text: 'Olivia Hughes', checked: false },
      { value: 'officer-2', text: 'Omar Khan', checked: false },
    ]);
    expect(officerRadioItems(officers, 'officer-1', 'officer-2')).toEqual([
      { value: 'officer-2', text: 'Omar Khan', checked: true },
    ]);
  });
});
