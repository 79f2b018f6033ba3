import { completeQuestionnaire } from '../../../../test/support/questionnaire-fixture';
import { DEFAULT_QUESTIONNAIRE_POLICY } from './questionnaire-policy';
import type {
  Questionnaire,
  QuestionnaireDraft,
  QuestionnaireProblem,
  QuestionnaireSection,
} from './questionnaire.types';
import { questionnaireSections } from './questionnaire.types';
import { submittable, validateQuestionnaire } from './validate-questionnaire';

const AS_OF = '2024-06-15';
// The 10-year window for AS_OF starts here (both ends included).
const WINDOW_START = '2014-06-15';

const valid = (): Questionnaire => completeQuestionnaire(AS_OF);
const problems = (q: QuestionnaireDraft, asOf = AS_OF): QuestionnaireProblem[] =>
  validateQuestionnaire(q, asOf);
const pathsAndCodes = (q: QuestionnaireDraft, asOf = AS_OF): [string, string][] =>
  problems(q, asOf).map((p) => [p.path, p.code]);
/** Deliberately ill-typed content, as a stored draft or a hostile client could hold. */
const raw = (value: unknown): QuestionnaireDraft => value as QuestionnaireDraft;

const address = (from: string, to: string | null): Questionnaire['addresses']['periods'][number] => ({
  lines: ['1 Test Street'],
  town: 'Leeds',
  postcode: 'LS1 1AA',
  country: 'GB',
  from,
  to,
});
const job = (from: string, to: string | null): Questionnaire['employment']['periods'][number] => ({
  kind: 'EMPLOYED',
  employer: 'Example Ltd',
  role: 'Analyst',
  explanation: null,
  from,
  to,
});
const referee = (knownSince: string, isRelative = false): Questionnaire['referees'][number] => ({
  name: 'A Referee',
  relationship: 'Colleague',
  knownSince,
  email: 'referee@example.org',
  phone: null,
  isRelative,
});

describe('validateQuestionnaire: a complete questionnaire', () => {
  it.each(['2024-06-15', '2024-02-29', '2025-03-01', '2031-12-31'])(
    'has no problems and is submittable as of %s',
    (asOf) => {
      const q = completeQuestionnaire(asOf);
      expect(validateQuestionnaire(q, asOf)).toEqual([]);
      expect(submittable(q, asOf)).toBe(true);
    },
  );

  it('stays valid a few days later (the fixture is robust to "today" moving on)', () => {
    expect(problems(valid(), '2024-06-18')).toEqual([]);
  });

  it('lists every section key of the questionnaire, in form order', () => {
    expect([...questionnaireSections].sort()).toEqual(Object.keys(valid()).sort());
    expect(questionnaireSections[0]).toBe('identity');
  });
});

describe('validateQuestionnaire: missing sections', () => {
  it('reports every required section of an empty draft, in section order, and not the optional partner', () => {
    const sections = questionnaireSections.filter((s) => s !== 'partner');
    expect(pathsAndCodes({})).toEqual(sections.map((s) => [s, 'REQUIRED']));
    expect(submittable({}, AS_OF)).toBe(false);
  });

  it.each(questionnaireSections.filter((s) => s !== 'partner'))(
    'reports the %s section when it is missing',
    (section) => {
      const q: Partial<Record<QuestionnaireSection, unknown>> = { ...valid() };
      delete q[section];
      expect(pathsAndCodes(raw(q))).toEqual([[section, 'REQUIRED']]);
    },
  );

  it('accepts no partner, given as null or left out', () => {
    expect(problems({ ...valid(), partner: null })).toEqual([]);
    const q: QuestionnaireDraft = valid();
    delete q.partner;
    expect(problems(q)).toEqual([]);
  });

  it('refuses something that is not an object at all', () => {
    expect(pathsAndCodes(raw('questionnaire'))).toEqual([['', 'INVALID_TYPE']]);
    expect(pathsAndCodes(raw([]))).toEqual([['', 'INVALID_TYPE']]);
  });

  it('reports a section of the wrong shape', () => {
    expect(pathsAndCodes(raw({ ...valid(), addresses: [] }))).toEqual([['addresses', 'INVALID_TYPE']]);
    expect(pathsAndCodes(raw({ ...valid(), travel: {} }))).toEqual([['travel', 'INVALID_TYPE']]);
  });

  it('reports the fields missing from a partly filled section', () => {
    expect(pathsAndCodes({ ...valid(), identity: { givenNames: 'Alex' } })).toEqual([
      ['identity.dateOfBirth', 'REQUIRED'],
      ['identity.familyName', 'REQUIRED'],
      ['identity.previousNames', 'REQUIRED'],
      ['identity.placeOfBirth', 'REQUIRED'],
      ['identity.nationalities', 'REQUIRED'],
    ]);
  });

  it('treats blank text as missing', () => {
    const q = valid();
    q.identity.familyName = '   ';
    expect(pathsAndCodes(q)).toEqual([['identity.familyName', 'REQUIRED']]);
  });

  it('reports a wrong type by path', () => {
    expect(pathsAndCodes(raw({ ...valid(), identity: { ...valid().identity, givenNames: 42 } }))).toEqual([
      ['identity.givenNames', 'INVALID_TYPE'],
    ]);
  });
});

describe('validateQuestionnaire: address history gaps', () => {
  const withAddresses = (
    periods: Questionnaire['addresses']['periods'],
    gaps: Questionnaire['addresses']['gaps'] = [],
  ): Questionnaire => ({ ...valid(), addresses: { periods, gaps } });

  it('accepts a gap of exactly 28 days (1-28 February 2021)', () => {
    const q = withAddresses([address('2010-01-01', '2021-01-31'), address('2021-03-01', null)]);
    expect(problems(q)).toEqual([]);
  });

  it('refuses a gap of 29 days (1-29 February 2020, a leap year), saying where it is', () => {
    const q = withAddresses([address('2010-01-01', '2020-01-31'), address('2020-03-01', null)]);
    expect(problems(q)).toEqual([
      {
        path: 'addresses.periods',
        code: 'UNEXPLAINED_GAP',
        message: expect.stringContaining('2020-02-01 to 2020-02-29 (29 days)') as string,
      },
    ]);
  });

  it('accepts the 29-day gap once a gap explanation covers it', () => {
    const q = withAddresses(
      [address('2010-01-01', '2020-01-31'), address('2020-03-01', null)],
      [{ from: '2020-02-01', to: '2020-02-29', explanation: 'Travelling in South America' }],
    );
    expect(problems(q)).toEqual([]);
  });

  it('still refuses a gap whose explanation leaves more than 28 days unaccounted for', () => {
    const q = withAddresses(
      [address('2010-01-01', '2020-01-31'), address('2020-05-01', null)],
      [{ from: '2020-02-01', to: '2020-02-20', explanation: 'Travelling' }],
    );
    expect(problems(q).map((p) => [p.code, p.message])).toEqual([
      [
        'UNEXPLAINED_GAP',
        expect.stringMatching(/^nothing accounts for 2020-02-21 to 2020-04-30 \(70 days\)/),
      ],
    ]);
  });

  it('does not count an explanation with no words, and says so', () => {
    const q = withAddresses(
      [address('2010-01-01', '2020-01-31'), address('2020-03-01', null)],
      [{ from: '2020-02-01', to: '2020-02-29', explanation: ' ' }],
    );
    expect(pathsAndCodes(q)).toEqual([
      ['addresses.gaps.0.explanation', 'REQUIRED'],
      ['addresses.periods', 'UNEXPLAINED_GAP'],
    ]);
  });

  it('accepts overlapping addresses (a second home)', () => {
    const q = withAddresses([
      address('2010-01-01', null),
      { ...address('2016-05-01', '2019-09-30'), country: 'FR', postcode: null, town: 'Nice' },
      address('2018-01-01', '2018-06-30'),
    ]);
    expect(problems(q)).toEqual([]);
  });

  it('needs the history to reach back to the window start: 28 days short is tolerated, 29 is not', () => {
    expect(problems(withAddresses([address('2014-07-13', null)]))).toEqual([]);
    expect(problems(withAddresses([address('2014-07-14', null)]))).toEqual([
      {
        path: 'addresses.periods',
        code: 'UNEXPLAINED_GAP',
        message: expect.stringContaining(`${WINDOW_START} to 2014-07-13 (29 days)`) as string,
      },
    ]);
  });

  it('needs the history to reach today', () => {
    expect(problems(withAddresses([address('2010-01-01', '2024-05-01')])).map((p) => p.message)).toEqual([
      expect.stringContaining('2024-05-02 to 2024-06-15 (45 days)'),
    ]);
  });

  it('asks for addresses when none are listed', () => {
    expect(pathsAndCodes(withAddresses([]))).toEqual([['addresses.periods', 'REQUIRED']]);
  });

  it('takes an absent gaps list as no explanations', () => {
    const q: QuestionnaireDraft = { ...valid(), addresses: { periods: valid().addresses.periods } };
    expect(problems(q)).toEqual([]);
  });

  it('applies the policy: a 5-day tolerance and a 5-year window', () => {
    const q = withAddresses([address('2019-06-15', '2021-01-31'), address('2021-02-07', null)]);
    const policy = { ...DEFAULT_QUESTIONNAIRE_POLICY, historyYears: 5, maxUnexplainedGapDays: 5 };
    expect(validateQuestionnaire(q, AS_OF, policy).map((p) => p.code)).toEqual(['UNEXPLAINED_GAP']);
    expect(validateQuestionnaire(q, AS_OF, { ...policy, maxUnexplainedGapDays: 6 })).toEqual([]);
  });
});

describe('validateQuestionnaire: employment history', () => {
  const withJobs = (periods: Questionnaire['employment']['periods']): Questionnaire => ({
    ...valid(),
    employment: { periods, gaps: [] },
  });

  it('accepts overlapping jobs (two part-time posts)', () => {
    expect(problems(withJobs([job('2010-01-01', null), job('2015-01-01', '2016-01-01')]))).toEqual([]);
  });

  it('applies the same 28/29-day gap rule as addresses', () => {
    expect(problems(withJobs([job('2010-01-01', '2021-01-31'), job('2021-03-01', null)]))).toEqual([]);
    expect(pathsAndCodes(withJobs([job('2010-01-01', '2020-01-31'), job('2020-03-01', null)]))).toEqual([
      ['employment.periods', 'UNEXPLAINED_GAP'],
    ]);
  });

  it('accepts an explained employment gap', () => {
    const q: Questionnaire = {
      ...valid(),
      employment: {
        periods: [job('2010-01-01', '2020-01-31'), job('2020-09-01', null)],
        gaps: [{ from: '2020-02-01', to: '2020-08-31', explanation: 'Caring for a relative' }],
      },
    };
    expect(problems(q)).toEqual([]);
  });

  it('needs employer and role for a job, and an explanation for anything else', () => {
    const q = withJobs([
      { ...job('2010-01-01', '2015-12-31'), employer: null, role: '' },
      {
        kind: 'UNEMPLOYED',
        employer: null,
        role: null,
        explanation: null,
        from: '2016-01-01',
        to: '2016-12-31',
      },
      {
        kind: 'SELF_EMPLOYED',
        employer: null,
        role: null,
        explanation: 'Web design',
        from: '2017-01-01',
        to: null,
      },
    ]);
    expect(pathsAndCodes(q)).toEqual([
      ['employment.periods.0.employer', 'REQUIRED'],
      ['employment.periods.0.role', 'REQUIRED'],
      ['employment.periods.1.explanation', 'REQUIRED'],
    ]);
  });

  it('refuses an unknown kind', () => {
    const q = raw({
      ...valid(),
      employment: { periods: [{ ...job('2010-01-01', null), kind: 'RETIRED' }], gaps: [] },
    });
    expect(pathsAndCodes(q)).toEqual([['employment.periods.0.kind', 'INVALID_VALUE']]);
  });
});

describe('validateQuestionnaire: dates', () => {
  it('refuses future dates, and reports no gap while dates are unusable', () => {
    const q = valid();
    q.addresses.periods = [address('2010-01-01', '2024-06-16'), address('2024-06-16', null)];
    expect(problems(q)).toEqual([
      {
        path: 'addresses.periods.0.to',
        code: 'FUTURE_DATE',
        message: 'to 2024-06-16 is in the future (today is 2024-06-15)',
      },
      {
        path: 'addresses.periods.1.from',
        code: 'FUTURE_DATE',
        message: 'from 2024-06-16 is in the future (today is 2024-06-15)',
      },
    ]);
  });

  it('accepts today', () => {
    const q = valid();
    q.addresses.periods = [address('2010-01-01', AS_OF), address(AS_OF, null)];
    expect(problems(q)).toEqual([]);
  });

  it('refuses a period that ends before it starts, at its end date', () => {
    const q = valid();
    q.addresses.periods.push(address('2020-01-01', '2019-12-31'));
    expect(pathsAndCodes(q)).toEqual([['addresses.periods.2.to', 'DATES_OUT_OF_ORDER']]);
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    const q = valid();
    q.travel = [{ country: 'FR', from: '2023-02-29', to: '15/06/2023', purpose: 'Holiday' }];
    q.identity.dateOfBirth = '1990-13-01';
    expect(pathsAndCodes(q)).toEqual([
      ['identity.dateOfBirth', 'INVALID_DATE'],
      ['travel.0.from', 'INVALID_DATE'],
      ['travel.0.to', 'INVALID_DATE'],
    ]);
  });

  it("refuses the applicant's own history starting before their birth", () => {
    const q = valid();
    q.identity.dateOfBirth = '2000-01-01';
    q.addresses.periods = [address('1999-12-31', null)];
    q.employment.periods = [job('2000-01-01', null)];
    expect(pathsAndCodes(q)).toEqual([['addresses.periods.0.from', 'BEFORE_BIRTH']]);
  });

  it('refuses a future date of birth and a future partner start', () => {
    const q = valid();
    q.partner = { name: 'P', dateOfBirth: '1990-01-01', nationality: 'GB', since: '2024-07-01' };
    q.family.siblings[0].dateOfBirth = '2025-01-01';
    expect(pathsAndCodes(q)).toEqual([
      ['family.siblings.0.dateOfBirth', 'FUTURE_DATE'],
      ['partner.since', 'FUTURE_DATE'],
    ]);
  });

  it('refuses a previous name used until before it started', () => {
    const q = valid();
    q.identity.previousNames = [
      { givenNames: 'Alex', familyName: 'Smith', from: '2015-01-01', to: '2012-01-01', reason: 'Marriage' },
    ];
    expect(pathsAndCodes(q)).toEqual([['identity.previousNames.0.to', 'DATES_OUT_OF_ORDER']]);
  });
});

describe('validateQuestionnaire: referees', () => {
  const withReferees = (referees: Questionnaire['referees'], asOf = AS_OF): QuestionnaireProblem[] =>
    validateQuestionnaire({ ...completeQuestionnaire(asOf), referees }, asOf);

  it('counts a referee who has known the applicant exactly 2 years', () => {
    expect(withReferees([referee('2022-06-15'), referee('2010-01-01')])).toEqual([]);
  });

  it('does not count a referee who has known the applicant 1 year and 364 days', () => {
    expect(withReferees([referee('2022-06-16'), referee('2010-01-01')])).toEqual([
      {
        path: 'referees',
        code: 'NOT_ENOUGH_REFEREES',
        message:
          'name at least 2 referees who are not relatives and have known you for at least 2 years ' +
          '(since 2022-06-15 or earlier); 1 qualify: referee 1 has known you since 2022-06-16, less than 2 years',
      },
    ]);
  });

  it('measures 2 years back from 29 February to 28 February', () => {
    expect(withReferees([referee('2022-02-28'), referee('2010-01-01')], '2024-02-29')).toEqual([]);
    expect(withReferees([referee('2022-03-01'), referee('2010-01-01')], '2024-02-29')).toHaveLength(1);
  });

  it('does not count relatives, however long they have known the applicant', () => {
    const found = withReferees([referee('2000-01-01', true), referee('2010-01-01')]);
    expect(found.map((p) => [p.path, p.code])).toEqual([['referees', 'NOT_ENOUGH_REFEREES']]);
    expect(found[0]?.message).toContain('referee 1 is a relative');
  });

  it('accepts a relative listed beside two qualifying referees', () => {
    expect(withReferees([referee('2000-01-01', true), referee('2010-01-01'), referee('2015-01-01')])).toEqual(
      [],
    );
  });

  it('needs at least two', () => {
    expect(withReferees([]).map((p) => p.code)).toEqual(['NOT_ENOUGH_REFEREES']);
    expect(withReferees([referee('2010-01-01')]).map((p) => p.code)).toEqual(['NOT_ENOUGH_REFEREES']);
  });

  it('takes the number and the years from the policy', () => {
    const q = valid();
    const policy = { ...DEFAULT_QUESTIONNAIRE_POLICY, minimumReferees: 3 };
    expect(validateQuestionnaire(q, AS_OF, policy).map((p) => p.code)).toEqual(['NOT_ENOUGH_REFEREES']);
    q.referees = [referee('2023-06-15'), referee('2023-06-15')];
    expect(
      validateQuestionnaire(q, AS_OF, { ...DEFAULT_QUESTIONNAIRE_POLICY, minimumRefereeYears: 1 }),
    ).toEqual([]);
  });

  it('needs a way to contact each referee, in a usable format', () => {
    const q = valid();
    q.referees = [
      { ...referee('2010-01-01'), email: null, phone: null },
      { ...referee('2010-01-01'), email: 'not-an-email', phone: '12' },
      { ...referee('2010-01-01'), email: null, phone: '+44 (0)20 7946-0000' },
    ];
    expect(pathsAndCodes(q)).toEqual([
      ['referees.0', 'CONTACT_REQUIRED'],
      ['referees.1.email', 'INVALID_FORMAT'],
      ['referees.1.phone', 'INVALID_FORMAT'],
    ]);
  });

  it('needs isRelative answered', () => {
    const q = raw({
      ...valid(),
      referees: [{ ...referee('2010-01-01'), isRelative: undefined }, referee('2011-01-01')],
    });
    expect(pathsAndCodes(q)).toEqual([
      ['referees.0.isRelative', 'REQUIRED'],
      ['referees', 'NOT_ENOUGH_REFEREES'],
    ]);
  });
});

describe('validateQuestionnaire: other sections', () => {
  it('needs every field of a partner who is named', () => {
    expect(pathsAndCodes({ ...valid(), partner: { name: 'Sam' } })).toEqual([
      ['partner.dateOfBirth', 'REQUIRED'],
      ['partner.nationality', 'REQUIRED'],
      ['partner.since', 'REQUIRED'],
    ]);
  });

  it('needs the fields of each co-resident', () => {
    expect(pathsAndCodes({ ...valid(), coResidents: [{ name: 'Flatmate', nationality: 'IE' }] })).toEqual([
      ['coResidents.0.dateOfBirth', 'REQUIRED'],
      ['coResidents.0.relationship', 'REQUIRED'],
      ['coResidents.0.since', 'REQUIRED'],
    ]);
  });

  it("needs a living relative's country of residence, not a deceased one's", () => {
    const q = valid();
    q.family.parents = [
      { name: 'A', dateOfBirth: '1960-01-01', nationality: 'GB', countryOfResidence: null, deceased: false },
      { name: 'B', dateOfBirth: '1960-01-01', nationality: 'GB', countryOfResidence: null, deceased: true },
    ];
    expect(pathsAndCodes(q)).toEqual([['family.parents.0.countryOfResidence', 'REQUIRED']]);
  });

  it('needs details for every financial yes, and a sensible debt amount', () => {
    const q = valid();
    q.finances.bankruptcy = { declared: true, details: null };
    q.finances.countyCourtJudgment = { declared: true, details: 'CCJ 2019, satisfied 2020' };
    q.finances.significantDebts = [{ creditor: 'Bank', amountGbp: -5, details: null }];
    expect(pathsAndCodes(q)).toEqual([
      ['finances.bankruptcy.details', 'REQUIRED'],
      ['finances.significantDebts.0.amountGbp', 'INVALID_VALUE'],
    ]);
  });

  it('needs each financial question answered', () => {
    const q = raw({ ...valid(), finances: { ...valid().finances, individualVoluntaryArrangement: {} } });
    expect(pathsAndCodes(q)).toEqual([['finances.individualVoluntaryArrangement.declared', 'REQUIRED']]);
  });

  it('needs at least one nationality, as ISO codes (the UK is GB)', () => {
    const q = valid();
    q.identity.nationalities = [];
    q.identity.placeOfBirth.country = 'UK';
    expect(pathsAndCodes(q)).toEqual([
      ['identity.placeOfBirth.country', 'INVALID_COUNTRY'],
      ['identity.nationalities', 'REQUIRED'],
    ]);
  });

  it('checks the National Insurance number only when given', () => {
    const q = valid();
    q.identity.nationalInsuranceNumber = 'ab 12 34 56 c';
    expect(problems(q)).toEqual([]);
    q.identity.nationalInsuranceNumber = null;
    expect(problems(q)).toEqual([]);
    q.identity.nationalInsuranceNumber = 'QQ123456C';
    expect(pathsAndCodes(q)).toEqual([['identity.nationalInsuranceNumber', 'INVALID_FORMAT']]);
  });

  it('needs a UK postcode for a UK address only', () => {
    const q = valid();
    q.addresses.periods[0].postcode = null;
    q.addresses.periods[1].postcode = 'NOT A CODE';
    expect(pathsAndCodes(q)).toEqual([
      ['addresses.periods.0.postcode', 'REQUIRED'],
      ['addresses.periods.1.postcode', 'INVALID_FORMAT'],
    ]);
    q.addresses.periods[0].country = 'DE';
    q.addresses.periods[1].postcode = 'sw1a1aa';
    expect(problems(q)).toEqual([]);
  });

  it('needs a first address line', () => {
    const q = valid();
    q.addresses.periods[0].lines = ['', ' '];
    expect(pathsAndCodes(q)).toEqual([['addresses.periods.0.lines', 'REQUIRED']]);
  });

  it('lists only trips abroad, each with dates and a purpose', () => {
    const q = raw({
      ...valid(),
      travel: [{ country: 'GB', from: '2023-01-01', to: '2023-01-05', purpose: 'Work' }, {}],
    });
    expect(pathsAndCodes(q)).toEqual([
      ['travel.0.country', 'NOT_ABROAD'],
      ['travel.1.country', 'REQUIRED'],
      ['travel.1.from', 'REQUIRED'],
      ['travel.1.to', 'REQUIRED'],
      ['travel.1.purpose', 'REQUIRED'],
    ]);
  });

  it('accepts empty lists as "none" for education, siblings, co-residents, debts and travel', () => {
    const q = valid();
    q.education = [];
    q.family.siblings = [];
    q.coResidents = [];
    q.finances.significantDebts = [];
    q.travel = [];
    expect(problems(q)).toEqual([]);
  });
});

describe('validateQuestionnaire: misuse by the system', () => {
  it('throws RangeError for an invalid asOf or policy', () => {
    expect(() => validateQuestionnaire(valid(), '2024-02-30')).toThrow(RangeError);
    expect(() =>
      validateQuestionnaire(valid(), AS_OF, { ...DEFAULT_QUESTIONNAIRE_POLICY, historyYears: 0 }),
    ).toThrow(/historyYears must be at least 1/);
  });
});
