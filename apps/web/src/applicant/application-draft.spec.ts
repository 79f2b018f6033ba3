import { dateParts, readDate } from '../common/date-input';
import type { ApplicationDraft } from './application-draft';
import {
  addressGaps,
  CHECK_PATH,
  firstUnanswered,
  newDraft,
  nextPath,
  previousPath,
  readAddress,
  readDateOfBirth,
  readEmail,
  readHasOtherNationality,
  readInvitation,
  readInvitationReference,
  readName,
  readOtherNationalities,
  readSponsorReference,
  readStartDate,
  residenceShortfall,
  stepOfApiField,
  submissionErrors,
  toSubmission,
} from './application-draft';

const TODAY = '2026-12-01';
const DOB = { id: 'dateOfBirth', enter: 'your date of birth', name: 'Date of birth' };

function date(id: string, day: string, month: string, year: string): Record<string, string> {
  return { [`${id}-day`]: day, [`${id}-month`]: month, [`${id}-year`]: year };
}

/** A draft with every page answered: no invitation (their sponsor named), British from birth, in the UK since 2008. */
function complete(overrides: Partial<ApplicationDraft> = {}): ApplicationDraft {
  return {
    ...newDraft('key-12345678'),
    hasInvitation: 'no',
    sponsorReference: 'sponsor-1',
    givenName: 'Alex',
    familyName: 'Morgan',
    email: 'alex@example.org',
    dateOfBirth: '1995-04-12',
    intendedStartDate: '2027-03-01',
    nationality: 'BRITISH_BY_BIRTH',
    hasOtherNationality: 'no',
    addresses: [{ country: 'GB', from: '2008-01-01', to: null }],
    addressesDone: true,
    discretionAcknowledged: true,
    ...overrides,
  };
}

describe('reading a GOV.UK date input', () => {
  it('reads a real date and pads it to YYYY-MM-DD', () => {
    expect(readDate(date('dateOfBirth', '7', '3', '1995'), DOB)).toEqual({ value: '1995-03-07' });
  });

  it('says what is missing, linking the first missing part', () => {
    expect(readDate({}, DOB).errors).toEqual([
      { text: 'Enter your date of birth', href: '#dateOfBirth-day' },
    ]);
    expect(readDate(date('dateOfBirth', '7', '', '1995'), DOB).errors).toEqual([
      { text: 'Date of birth must include a month', href: '#dateOfBirth-month' },
    ]);
    expect(readDate(date('dateOfBirth', '', '', '1995'), DOB).errors?.[0]?.text).toBe(
      'Date of birth must include a day and a month',
    );
  });

  it('refuses dates that do not exist, and years without 4 digits', () => {
    expect(readDate(date('dateOfBirth', '29', '2', '2023'), DOB).errors?.[0]).toEqual({
      text: 'Date of birth must be a real date',
      href: '#dateOfBirth-day',
    });
    expect(readDate(date('dateOfBirth', '1', '13', '2023'), DOB).errors?.[0]?.href).toBe(
      '#dateOfBirth-month',
    );
    expect(readDate(date('dateOfBirth', 'one', '1', '2023'), DOB).errors?.[0]?.text).toBe(
      'Date of birth must be a real date',
    );
    expect(readDate(date('dateOfBirth', '1', '1', '95'), DOB).errors?.[0]?.text).toBe(
      'Year must include 4 numbers',
    );
  });

  it('puts a saved date back into the three fields', () => {
    expect(dateParts('dateOfBirth', '1995-03-07')).toEqual(date('dateOfBirth', '7', '3', '1995'));
    expect(dateParts('dateOfBirth', undefined)).toEqual({});
  });
});

describe('the age and date rules screening applies', () => {
  it('wants a date of birth in the past and someone 18 by the start date', () => {
    const draft = newDraft('k');
    expect(readDateOfBirth(date('dateOfBirth', '2', '12', '2026'), draft, TODAY).errors?.[0]?.text).toBe(
      'Date of birth must be in the past',
    );
    // 10 years old: not 18 even by the latest start date an application may give.
    expect(readDateOfBirth(date('dateOfBirth', '1', '1', '2016'), draft, TODAY).errors?.[0]?.text).toBe(
      'You must be 18 or over on the date you start the job',
    );
    // 17 today, 18 by the start date they gave: fine (the published rule).
    const starting = { ...draft, intendedStartDate: '2027-06-01' };
    expect(readDateOfBirth(date('dateOfBirth', '1', '5', '2009'), starting, TODAY)).toEqual({
      value: '2009-05-01',
    });
    expect(readDateOfBirth(date('dateOfBirth', '2', '6', '2009'), starting, TODAY).errors).toBeDefined();
  });

  it('wants a start date from today up to 2 years ahead, on or after the 18th birthday', () => {
    const draft = { ...newDraft('k'), dateOfBirth: '2009-05-01' };
    expect(readStartDate(date('intendedStartDate', '30', '11', '2026'), draft, TODAY).errors?.[0]?.text).toBe(
      'The date you start must be today or in the future',
    );
    expect(readStartDate(date('intendedStartDate', '2', '12', '2028'), draft, TODAY).errors?.[0]?.text).toBe(
      'The date you start must be within 2 years from today',
    );
    expect(readStartDate(date('intendedStartDate', '30', '4', '2027'), draft, TODAY).errors?.[0]?.text).toBe(
      'You must be 18 or over on the date you start the job',
    );
    expect(readStartDate(date('intendedStartDate', '1', '5', '2027'), draft, TODAY)).toEqual({
      value: '2027-05-01',
    });
  });
});

describe('reading the other questions', () => {
  it('asks whether there is an invitation, then its reference', () => {
    expect(readInvitation({ hasInvitation: 'no' })).toEqual({ value: 'no' });
    expect(readInvitation({}).errors?.[0]?.href).toBe('#hasInvitation');
    expect(readInvitationReference({}).errors?.[0]?.text).toBe('Enter your invitation reference');
    expect(readInvitationReference({ invitationId: 'ABC' }).errors?.[0]?.href).toBe('#invitationId');
    expect(readInvitationReference({ invitationId: ' 0B6E8C1A-7D2F-4C3E-9A1B-2C3D4E5F6A7B ' })).toEqual({
      value: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
    });
  });

  it("reads the sponsor's reference with the API's rule: 1 to 200 letters, numbers or . _ : @ | -", () => {
    expect(readSponsorReference({ sponsorReference: ' sponsor-1 ' })).toEqual({ value: 'sponsor-1' });
    expect(readSponsorReference({ sponsorReference: 'a.b_c:d@e|f-G9' })).toEqual({ value: 'a.b_c:d@e|f-G9' });
    expect(readSponsorReference({ sponsorReference: 'x'.repeat(200) }).value).toHaveLength(200);
    expect(readSponsorReference({})).toEqual({
      errors: [{ text: "Enter your sponsor's reference", href: '#sponsorReference' }],
    });
    expect(readSponsorReference({ sponsorReference: '   ' }).errors?.[0]?.text).toBe(
      "Enter your sponsor's reference",
    );
    expect(readSponsorReference({ sponsorReference: 'x'.repeat(201) }).errors?.[0]?.text).toBe(
      "Sponsor's reference must be 200 characters or fewer",
    );
    for (const bad of ['sponsor 1', 'sponsor/1', '<script>', 'spönsor']) {
      expect(readSponsorReference({ sponsorReference: bad }).errors?.[0]?.text).toMatch(
        /^Sponsor's reference must only include letters, numbers/,
      );
    }
  });

  it('names each missing or too long name', () => {
    expect(readName({}).errors).toEqual([
      { text: 'Enter your first name', href: '#givenName' },
      { text: 'Enter your last name', href: '#familyName' },
    ]);
    expect(readName({ givenName: 'x'.repeat(101), familyName: 'Reid' }).errors?.[0]?.text).toBe(
      'First name must be 100 characters or fewer',
    );
    expect(readName({ givenName: ' Jordan ', familyName: 'Reid' })).toEqual({
      value: { givenName: 'Jordan', familyName: 'Reid' },
    });
  });

  it('wants an email address that looks like one', () => {
    expect(readEmail({ email: 'a@b' }).errors).toBeDefined();
    // The API's rule (class-validator's isEmail): a one-letter top-level domain is refused here too.
    expect(readEmail({ email: 'alex@example.c' }).errors).toBeDefined();
    expect(readEmail({ email: 'a@b.org' })).toEqual({ value: 'a@b.org' });
    expect(readEmail({}).errors?.[0]?.text).toBe('Enter your email address');
  });

  it('reads other nationalities from the country list, never British', () => {
    expect(readHasOtherNationality({}).errors?.[0]?.text).toBe('Select yes if you hold another nationality');
    expect(readHasOtherNationality({ hasOther: 'yes' })).toEqual({ value: 'yes' });
    expect(readOtherNationalities({ otherNationality1: 'FR', otherNationality2: 'FR' })).toEqual({
      value: ['FR'],
    });
    expect(readOtherNationalities({}).errors?.[0]?.text).toBe('Select your other nationality');
    expect(readOtherNationalities({ otherNationality1: 'GB' }).errors).toBeDefined();
    expect(readOtherNationalities({ otherNationality1: 'XX' }).errors).toBeDefined();
  });

  it('reads an address period; a blank end means they live there now', () => {
    expect(readAddress({ country: 'GB', ...date('from', '1', '1', '2008') }, TODAY)).toEqual({
      value: { country: 'GB', from: '2008-01-01', to: null },
    });
    const backwards = readAddress(
      { country: 'GB', ...date('from', '1', '1', '2008'), ...date('to', '1', '1', '2007') },
      TODAY,
    );
    expect(backwards.errors).toEqual([
      { text: 'The date you stopped living there must be after the date you started', href: '#to-day' },
    ]);
    expect(readAddress({ country: 'UK', ...date('from', '1', '1', '2030') }, TODAY).errors).toEqual([
      { text: 'Select a country from the list', href: '#country' },
      { text: 'The date you started living there must be today or in the past', href: '#from-day' },
    ]);
  });
});

describe('the address history over the last 10 years', () => {
  it('names each gap in words, and the end of the window as today', () => {
    expect(addressGaps([], TODAY)).toEqual([
      { text: 'Add where you have lived since 1 December 2016', href: '#addresses' },
    ]);
    expect(
      addressGaps(
        [
          { country: 'GB', from: '2008-01-01', to: '2019-12-31' },
          { country: 'GB', from: '2020-03-01', to: '2026-06-30' },
        ],
        TODAY,
      ).map((g) => g.text),
    ).toEqual([
      'Add where you lived from 1 January 2020 to 29 February 2020',
      'Add where you have lived from 1 July 2026 to today',
    ]);
    expect(addressGaps([{ country: 'GB', from: '2016-12-01', to: null }], TODAY)).toEqual([]);
  });

  it('knows a shortfall against 9 of the last 10 years (then the reason for time abroad is asked)', () => {
    const abroadLongAgo = [
      { country: 'FR', from: '2000-01-01', to: '2007-12-31' },
      { country: 'GB', from: '2008-01-01', to: null },
    ];
    expect(residenceShortfall(abroadLongAgo, TODAY)).toBe(false);
    const sixMonthsAbroad = [
      { country: 'GB', from: '2008-01-01', to: null },
      { country: 'ES', from: '2024-01-01', to: '2024-06-30' },
    ];
    // A stay abroad beside a kept UK home is still UK residence.
    expect(residenceShortfall(sixMonthsAbroad, TODAY)).toBe(false);
    const fiveYearsAbroad = [
      { country: 'FR', from: '2008-01-01', to: '2021-12-31' },
      { country: 'GB', from: '2022-01-01', to: null },
    ];
    expect(residenceShortfall(fiveYearsAbroad, TODAY)).toBe(true);
    expect(nextPath(complete({ addresses: sixMonthsAbroad }), 'addresses', TODAY)).toBe(
      '/application/apply/discretion',
    );
  });
});

describe('the way through the pages', () => {
  it('goes page by page, skipping the reason for time abroad when there was none', () => {
    const draft = complete({ addressesDone: false });
    // No invitation: their sponsor's reference instead, then on.
    expect(nextPath(draft, 'invitation', TODAY)).toBe('/application/apply/sponsor-reference');
    expect(nextPath(draft, 'sponsor-reference', TODAY)).toBe('/application/apply/name');
    expect(previousPath(draft, 'name', TODAY)).toBe('/application/apply/sponsor-reference');
    expect(nextPath({ ...draft, hasInvitation: 'yes' }, 'invitation-reference', TODAY)).toBe(
      '/application/apply/name',
    );
    expect(previousPath({ ...draft, hasInvitation: 'yes' }, 'name', TODAY)).toBe(
      '/application/apply/invitation-reference',
    );
    expect(nextPath({ ...draft, hasInvitation: 'yes' }, 'invitation', TODAY)).toBe(
      '/application/apply/invitation-reference',
    );
    expect(nextPath(draft, 'other-nationalities', TODAY)).toBe('/application/apply/addresses');
    expect(nextPath(draft, 'addresses', TODAY)).toBe('/application/apply/discretion');
    expect(previousPath(draft, 'discretion', TODAY)).toBe('/application/apply/addresses');
    expect(previousPath(draft, 'invitation', TODAY)).toBe('/application/apply');
    const abroad = complete({
      addresses: [
        { country: 'FR', from: '2008-01-01', to: '2021-12-31' },
        { country: 'GB', from: '2022-01-01', to: null },
      ],
    });
    expect(nextPath(abroad, 'addresses', TODAY)).toBe('/application/apply/time-abroad');
  });

  it('goes back to check your answers once there, through any page a change now needs', () => {
    const draft = complete({ checking: true });
    expect(nextPath(draft, 'email', TODAY)).toBe(CHECK_PATH);
    // A "yes" leads to its follow-up, even when that was answered before.
    const invited = {
      ...draft,
      hasInvitation: 'yes' as const,
      invitationId: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
    };
    expect(nextPath(invited, 'invitation', TODAY)).toBe('/application/apply/invitation-reference');
    expect(nextPath(invited, 'invitation-reference', TODAY)).toBe(CHECK_PATH);
    // And a "no" to the sponsor's reference.
    expect(nextPath(draft, 'invitation', TODAY)).toBe('/application/apply/sponsor-reference');
    expect(nextPath(draft, 'sponsor-reference', TODAY)).toBe(CHECK_PATH);
    expect(previousPath(draft, 'email', TODAY)).toBe(CHECK_PATH);
    draft.addresses = [
      { country: 'DE', from: '2008-01-01', to: '2020-12-31' },
      { country: 'GB', from: '2021-01-01', to: null },
    ];
    expect(nextPath(draft, 'addresses', TODAY)).toBe('/application/apply/time-abroad');
  });

  it('finds the first unanswered page; an address list with a gap is unanswered', () => {
    expect(firstUnanswered(newDraft('k'), TODAY)).toBe('invitation');
    expect(firstUnanswered(complete(), TODAY)).toBeNull();
    expect(firstUnanswered(complete({ sponsorReference: undefined }), TODAY)).toBe('sponsor-reference');
    // With an invitation, no sponsor's reference is asked.
    expect(
      firstUnanswered(
        complete({
          hasInvitation: 'yes',
          invitationId: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
          sponsorReference: undefined,
        }),
        TODAY,
      ),
    ).toBeNull();
    expect(firstUnanswered(complete({ hasOtherNationality: 'yes' }), TODAY)).toBe('which-nationalities');
    expect(
      firstUnanswered(complete({ addresses: [{ country: 'GB', from: '2020-01-01', to: null }] }), TODAY),
    ).toBe('addresses');
  });
});

describe('what is sent to the API', () => {
  it('is the SubmitApplicationDto body, addresses earliest first, with the invitation when there is one', () => {
    const draft = complete({
      hasInvitation: 'yes',
      invitationId: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
      addresses: [
        { country: 'GB', from: '2022-01-01', to: null },
        { country: 'FR', from: '2008-01-01', to: '2021-12-31' },
      ],
      timeAbroadReason: 'STUDY_ABROAD',
      hasOtherNationality: 'yes',
      otherNationalities: ['IE'],
    });
    expect(toSubmission(draft, TODAY)).toEqual({
      givenName: 'Alex',
      familyName: 'Morgan',
      email: 'alex@example.org',
      dateOfBirth: '1995-04-12',
      intendedStartDate: '2027-03-01',
      nationality: { status: 'BRITISH_BY_BIRTH', otherNationalities: ['IE'] },
      addressHistory: [
        { country: 'FR', from: '2008-01-01', to: '2021-12-31' },
        { country: 'GB', from: '2022-01-01', to: null },
      ],
      residenceExceptionReason: 'STUDY_ABROAD',
      discretionAcknowledged: true,
      invitationId: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
    });
  });

  it('leaves out answers that no longer apply: a reason for time abroad, an invitation, a nationality', () => {
    expect(
      toSubmission(complete({ timeAbroadReason: 'STUDY_ABROAD' }), TODAY)?.residenceExceptionReason,
    ).toBeNull();
    const changedMind = complete({
      hasInvitation: 'no',
      invitationId: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
    });
    expect(toSubmission(changedMind, TODAY)).not.toHaveProperty('invitationId');
    expect(toSubmission(changedMind, TODAY)?.sponsorReference).toBe('sponsor-1');
    const invitedAfterAll = complete({
      hasInvitation: 'yes',
      invitationId: '0b6e8c1a-7d2f-4c3e-9a1b-2c3d4e5f6a7b',
    });
    expect(toSubmission(invitedAfterAll, TODAY)).not.toHaveProperty('sponsorReference');
    const noLonger = complete({ hasOtherNationality: 'no', otherNationalities: ['IE'] });
    expect(toSubmission(noLonger, TODAY)?.nationality.otherNationalities).toEqual([]);
  });

  it('is nothing while a page is unanswered', () => {
    expect(toSubmission(complete({ discretionAcknowledged: undefined }), TODAY)).toBeNull();
  });

  it("maps the API's field errors to the page that asks for them", () => {
    expect(stepOfApiField('addressHistory.2.from')).toBe('addresses');
    expect(stepOfApiField('nationality.otherNationalities.0')).toBe('which-nationalities');
    expect(stepOfApiField('invitationId')).toBe('invitation-reference');
    expect(stepOfApiField('sponsorReference')).toBe('sponsor-reference');
    expect(stepOfApiField('nationality.status')).toBe('nationality');
    expect(stepOfApiField('sponsorId')).toBeNull();
    expect(
      submissionErrors([
        { field: 'email', problems: ['email must be a valid email address'] },
        { field: 'other', problems: [] },
      ]),
    ).toEqual([
      { text: 'Email address: email must be a valid email address.', href: '/application/apply/email' },
      { text: 'Other: is not right.', href: CHECK_PATH },
    ]);
  });
});
