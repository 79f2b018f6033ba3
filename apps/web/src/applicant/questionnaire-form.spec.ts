import { questionnaireSections, validateQuestionnaire } from '../../../../libs/domain/src';
import { completeQuestionnaire } from '../../../../test/support/questionnaire-fixture';
import {
  answerRows,
  formValuesOf,
  problemError,
  sectionFormView,
  sectionFromForm,
  sectionStatuses,
  sectionsNamedIn,
  withRowAdded,
  withRowRemoved,
} from './questionnaire-form';
import { QUESTIONNAIRE_SECTIONS, sectionSpec } from './questionnaire-sections';

const spec = (key: string) => {
  const found = sectionSpec(key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
};
const onPage = (): string => '';

describe('the questionnaire section forms', () => {
  it('declares every section of the questionnaire, in order', () => {
    expect(QUESTIONNAIRE_SECTIONS.map((s) => s.key)).toEqual([...questionnaireSections]);
  });

  it('turns every section of a complete questionnaire into form values and back, unchanged', () => {
    const questionnaire = completeQuestionnaire();
    const rebuilt: Record<string, unknown> = {};
    for (const section of QUESTIONNAIRE_SECTIONS) {
      const saved: unknown = questionnaire[section.key];
      const { value, errors } = sectionFromForm(section, formValuesOf(section, saved));
      expect({ section: section.key, errors }).toEqual({ section: section.key, errors: [] });
      expect(value).toEqual(saved);
      rebuilt[section.key] = value;
    }
    expect(validateQuestionnaire(rebuilt, new Date().toISOString().slice(0, 10))).toEqual([]);
  });

  it('reads GOV.UK date boxes, codes, amounts and yes/no, and drops rows left blank', () => {
    const { value, errors } = sectionFromForm(spec('finances'), {
      'finances-bankruptcy-declared': 'yes',
      'finances-bankruptcy-details': '  Discharged 2015 ',
      'finances-countyCourtJudgment-declared': 'no',
      'finances-significantDebts-rows': '2',
      'finances-significantDebts-0-creditor': 'Bank',
      'finances-significantDebts-0-amountGbp': '£12,500',
      'finances-significantDebts-1-creditor': ' ',
    });
    expect(errors).toEqual([]);
    expect(value).toEqual({
      bankruptcy: { declared: true, details: 'Discharged 2015' },
      countyCourtJudgment: { declared: false, details: null },
      individualVoluntaryArrangement: { declared: null, details: null },
      significantDebts: [{ creditor: 'Bank', amountGbp: 12500, details: null }],
    });

    const travel = sectionFromForm(spec('travel'), {
      'travel-rows': '1',
      'travel-0-country': 'fr',
      'travel-0-from-day': '3',
      'travel-0-from-month': '4',
      'travel-0-from-year': '2024',
    });
    expect(travel.value).toEqual([{ country: 'FR', from: '2024-04-03', to: null, purpose: null }]);
  });

  it('refuses what cannot be saved as typed, linked to the field', () => {
    const { errors } = sectionFromForm(spec('travel'), {
      'travel-rows': '1',
      'travel-0-country': 'France',
      'travel-0-from-day': '31',
      'travel-0-from-month': '2',
      'travel-0-from-year': '2024',
    });
    expect(errors).toEqual([
      {
        text: 'Trip 1: country visited must be a 2-letter country code, for example GB for the UK',
        href: '#travel-0-country',
      },
      { text: 'Trip 1: left the UK must be a real date, for example 27 3 2020', href: '#travel-0-from-day' },
    ]);
    const debt = sectionFromForm(spec('finances'), {
      'finances-significantDebts-rows': '1',
      'finances-significantDebts-0-amountGbp': 'lots',
    });
    expect(debt.errors.map((e) => e.href)).toEqual(['#finances-significantDebts-0-amountGbp']);
  });

  it('answers a partner section with no, or leaves it unanswered', () => {
    expect(
      sectionFromForm(spec('partner'), { 'partner-present': 'no', 'partner-name': 'x' }).value,
    ).toBeNull();
    expect(sectionFromForm(spec('partner'), {}).value).toBeUndefined();
    expect(formValuesOf(spec('partner'), null)).toEqual({ 'partner-present': 'no' });
    expect(formValuesOf(spec('partner'), undefined)).toEqual({ 'partner-present': '' });
  });

  it('adds and removes rows, moving the later rows up', () => {
    const referees = spec('referees');
    const values = {
      'referees-rows': '3',
      'referees-0-name': 'A',
      'referees-1-name': 'B',
      'referees-2-name': 'C',
      'referees-2-knownSince-day': '1',
    };
    expect(withRowAdded(referees, values, 'referees')['referees-rows']).toBe('4');
    expect(withRowAdded(referees, values, 'nonsense')).toBe(values);
    expect(withRowRemoved(referees, values, 'referees', 1)).toEqual({
      'referees-rows': '2',
      'referees-0-name': 'A',
      'referees-1-name': 'C',
      'referees-1-knownSince-day': '1',
    });
    expect(withRowRemoved(referees, values, 'referees', 7)).toBe(values);
  });

  it('shows empty rows for lists every applicant needs, and bounds the rows a form may claim', () => {
    const view = sectionFormView(spec('referees'), formValuesOf(spec('referees'), undefined));
    expect(view.groups[0]?.items.map((i) => i.heading)).toEqual(['Referee 1', 'Referee 2']);
    const many = sectionFormView(spec('travel'), { 'travel-rows': '99999' });
    expect(many.groups[0]?.rows).toBe(300);
  });

  it('draws a date as a GOV.UK date input with its error', () => {
    const view = sectionFormView(
      spec('identity'),
      { 'identity-dateOfBirth-year': '1990' },
      { '#identity-dateOfBirth-day': 'Enter date of birth' },
    );
    const dateOfBirth = view.groups[0]?.items[0]?.fields.find((f) => f.params.id === 'identity-dateOfBirth');
    expect(dateOfBirth).toMatchObject({
      component: 'dateInput',
      params: { namePrefix: 'identity-dateOfBirth', errorMessage: { text: 'Enter date of birth' } },
    });
  });
});

describe('problems as error summary lines', () => {
  it('links a problem to its field, in words, with the list item it is in', () => {
    expect(
      problemError(
        { path: 'addresses.periods.1.to', code: 'FUTURE_DATE', message: 'to x is in the future' },
        onPage,
      ),
    ).toEqual({
      text: 'Address 2: lived there until must be today or in the past.',
      href: '#addresses-periods-1-to-day',
    });
    expect(
      problemError(
        { path: 'identity.placeOfBirth', code: 'REQUIRED', message: 'placeOfBirth is missing' },
        onPage,
      ),
    ).toEqual({ text: 'Enter town or city of birth', href: '#identity-placeOfBirth-town' });
    expect(
      problemError({ path: 'referees.0.isRelative', code: 'REQUIRED', message: '' }, (s) => `/q/${s}`),
    ).toEqual({
      text: 'Referee 1: answer “Are they related to you?”',
      href: '/q/referees#referees-0-isRelative',
    });
  });

  it('links a problem with a whole list or item to the list or the item', () => {
    expect(
      problemError(
        { path: 'referees', code: 'NOT_ENOUGH_REFEREES', message: 'name at least 2 referees' },
        onPage,
      ),
    ).toEqual({ text: 'Name at least 2 referees.', href: '#referees' });
    expect(
      problemError(
        { path: 'referees.1', code: 'CONTACT_REQUIRED', message: 'give an email address' },
        onPage,
      ),
    ).toEqual({ text: 'Referee 2: give an email address.', href: '#referees-1' });
    expect(problemError({ path: 'addresses', code: 'REQUIRED', message: 'missing' }, onPage)).toEqual({
      text: 'Answer the questions in “Where you have lived”',
      href: '#addresses-periods',
    });
    expect(problemError({ path: 'nonsense.1', message: 'odd' }, onPage)).toEqual({
      text: 'Odd.',
      href: '#main-content',
    });
  });

  it('writes the dates of a rule message as people write them', () => {
    expect(
      problemError(
        {
          path: 'addresses.periods',
          code: 'UNEXPLAINED_GAP',
          message: 'nothing accounts for 2019-03-01 to 2019-06-30 (122 days)',
        },
        onPage,
      ),
    ).toEqual({
      text: 'Nothing accounts for 1 March 2019 to 30 June 2019 (122 days).',
      href: '#addresses-periods',
    });
  });

  it('names the field in a rule message that starts with its key', () => {
    expect(
      problemError(
        {
          path: 'identity.nationalInsuranceNumber',
          code: 'INVALID_FORMAT',
          message: 'nationalInsuranceNumber must look like QQ 12 34 56 C',
        },
        onPage,
      ).text,
    ).toBe('National Insurance number (if you have one) must look like QQ 12 34 56 C.');
  });
});

describe('the task list', () => {
  it('finds the sections an officer names in their items to fix', () => {
    expect(sectionsNamedIn('Address history: explain the gap in 2019')).toEqual(['addresses']);
    expect(sectionsNamedIn('Referee 2 is your cousin')).toEqual(['referees']);
    expect(sectionsNamedIn('Please call us')).toEqual([]);
  });

  it('says which sections are not started, in progress, completed or need changing', () => {
    const complete = completeQuestionnaire();
    const draft = { identity: complete.identity, addresses: complete.addresses, referees: [], partner: null };
    const problems = [{ path: 'referees', code: 'NOT_ENOUGH_REFEREES' as const, message: '' }];
    expect(sectionStatuses(draft, problems)).toMatchObject({
      identity: 'COMPLETED',
      addresses: 'COMPLETED',
      referees: 'IN_PROGRESS',
      partner: 'COMPLETED',
      travel: 'NOT_STARTED',
    });
    const returned = { itemsToFix: ['Address history: a gap'], content: draft };
    expect(sectionStatuses(draft, problems, returned).addresses).toBe('NEEDS_CHANGING');
    const changed = {
      ...draft,
      addresses: { ...complete.addresses, gaps: [], periods: complete.addresses.periods.slice(1) },
    };
    expect(sectionStatuses(changed, problems, returned).addresses).toBe('COMPLETED');
    expect(sectionStatuses(changed, problems, { ...returned, content: null }).addresses).toBe(
      'NEEDS_CHANGING',
    );
  });

  it('lists saved answers in words for check your answers', () => {
    const complete = completeQuestionnaire();
    expect(answerRows(spec('partner'), null)).toEqual([
      { key: 'Do you have a spouse, civil partner or partner?', answers: [{ label: '', value: 'No' }] },
    ]);
    expect(answerRows(spec('coResidents'), [])).toEqual([
      { key: 'Others aged 16 or over at your address', answers: [{ label: '', value: 'None' }] },
    ]);
    const addresses = answerRows(spec('addresses'), complete.addresses);
    expect(addresses[1]).toMatchObject({
      key: 'Address 2',
      answers: expect.arrayContaining([
        { label: 'Address', value: '2 Sample Road' },
        { label: 'Lived there until', value: 'Not answered' },
      ]) as unknown,
    });
    expect(
      answerRows(spec('finances'), { significantDebts: [{ creditor: 'Bank', amountGbp: 12500 }] }),
    ).toContainEqual({
      key: 'Debt 1',
      answers: [
        { label: 'Who you owe', value: 'Bank' },
        { label: 'Amount owed, in pounds', value: '£12,500' },
        { label: 'Details (optional)', value: 'Not answered' },
      ],
    });
  });
});
