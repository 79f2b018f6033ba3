import { EMPLOYMENT_KINDS, NATIONALITY_ACQUISITIONS } from '../../../../libs/domain/src';
import type { QuestionnaireSection } from '../../../../libs/domain/src';

/**
 * How one answer is asked and stored: `text`/`textarea`/`email`/`phone` are strings, `country` a 2-letter code,
 * `date` a GOV.UK date input stored as YYYY-MM-DD, `yesNo` radios stored as a boolean, `choice` radios stored
 * as one of `choices`, `amount` whole pounds stored as a number, `addressLines` two inputs stored as a list.
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'country'
  | 'date'
  | 'yesNo'
  | 'choice'
  | 'amount'
  | 'addressLines';

export interface FieldSpec {
  /** Where the answer goes in the item (or the section object), dotted: 'placeOfBirth.town'. */
  path: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  choices?: readonly { value: string; text: string }[];
  /** A GOV.UK width class for a short input. */
  width?: string;
}

/** A set of questions: on the section object itself (`path` ''), on an object inside it, or a list of like items. */
export interface GroupSpec {
  /** Where the group's answers go in the section, dotted; '' is the section value itself. */
  path: string;
  /** A list of like items with "add another" and "remove", or one set of answers. */
  list: boolean;
  /** The group's heading (lists only; the section title heads a single group). */
  title?: string;
  /** One item, as in "Address 2" and "Add another address". */
  itemName: string;
  /** Empty rows shown when nothing is saved yet, for lists every applicant needs. */
  minItems?: number;
  hint?: string;
  fields: FieldSpec[];
}

/** One section of the questionnaire as its page asks it. */
export interface SectionSpec {
  key: QuestionnaireSection;
  title: string;
  /** A section that may be answered "none" as a whole (a partner): a yes/no question comes first. */
  presence?: { label: string };
  groups: GroupSpec[];
  /** Words that, in an officer's item to fix, point at this section (lower case, matched as substrings). */
  keywords: string[];
}

const COUNTRY_HINT = 'A 2-letter country code, for example GB for the UK or FR for France';
const TO_HINT = 'Leave blank if this is still the case';
const short = 'govuk-input--width-5';

const country = (path: string, label: string): FieldSpec => ({
  path,
  label,
  kind: 'country',
  hint: COUNTRY_HINT,
  width: 'govuk-input--width-3',
});
const date = (path: string, label: string, hint?: string): FieldSpec => ({ path, label, kind: 'date', hint });
const text = (path: string, label: string, hint?: string): FieldSpec => ({ path, label, kind: 'text', hint });
const textarea = (path: string, label: string, hint?: string): FieldSpec => ({
  path,
  label,
  kind: 'textarea',
  hint,
});
const yesNo = (path: string, label: string): FieldSpec => ({ path, label, kind: 'yesNo' });

const NATIONALITY_WORDS: Record<(typeof NATIONALITY_ACQUISITIONS)[number], string> = {
  BIRTH: 'By birth',
  DESCENT: 'By descent',
  NATURALISATION: 'By naturalisation',
  REGISTRATION: 'By registration',
  MARRIAGE: 'By marriage',
  OTHER: 'Another way',
};
const EMPLOYMENT_WORDS: Record<(typeof EMPLOYMENT_KINDS)[number], string> = {
  EMPLOYED: 'Employed',
  SELF_EMPLOYED: 'Self-employed',
  UNEMPLOYED: 'Not working',
  EDUCATION: 'In education',
  OTHER: 'Something else',
};

/** A gap explanation list, the same for both dated histories. */
const gaps = (what: string): GroupSpec => ({
  path: 'gaps',
  list: true,
  title: `Gaps in your ${what}`,
  itemName: 'Gap',
  hint: `Explain any time of more than 28 days that your ${what} does not cover.`,
  fields: [
    date('from', 'Gap started'),
    date('to', 'Gap ended'),
    textarea('explanation', 'What you were doing'),
  ],
});

/** A relative, partner or co-resident: the questions every person named needs. */
const person = [
  text('name', 'Full name'),
  date('dateOfBirth', 'Date of birth'),
  country('nationality', 'Nationality'),
];

/**
 * The questionnaire's ten sections as their pages ask them, in order. The pages, the saved JSON, the check your
 * answers page and the error links are all derived from these declarations (questionnaire-form.ts).
 */
export const QUESTIONNAIRE_SECTIONS: readonly SectionSpec[] = [
  {
    key: 'identity',
    title: 'Your identity',
    keywords: [
      'identity',
      'previous name',
      'date of birth',
      'place of birth',
      'nationalit',
      'national insurance',
    ],
    groups: [
      {
        path: '',
        list: false,
        itemName: 'You',
        fields: [
          text('givenNames', 'Given names'),
          text('familyName', 'Family name'),
          date('dateOfBirth', 'Date of birth', 'For example, 27 3 1990'),
          text('placeOfBirth.town', 'Town or city of birth'),
          country('placeOfBirth.country', 'Country of birth'),
          {
            path: 'nationalInsuranceNumber',
            label: 'National Insurance number (if you have one)',
            kind: 'text',
            hint: 'For example, QQ 12 34 56 C',
            width: 'govuk-input--width-10',
          },
        ],
      },
      {
        path: 'nationalities',
        list: true,
        title: 'Nationalities you hold',
        itemName: 'Nationality',
        minItems: 1,
        fields: [
          country('country', 'Country'),
          {
            path: 'acquiredBy',
            label: 'How did you get this nationality?',
            kind: 'choice',
            choices: NATIONALITY_ACQUISITIONS.map((value) => ({ value, text: NATIONALITY_WORDS[value] })),
          },
          date('acquiredOn', 'When did you get it? (optional)', 'Leave blank if you have had it since birth'),
        ],
      },
      {
        path: 'previousNames',
        list: true,
        title: 'Names you used before',
        itemName: 'Previous name',
        fields: [
          text('givenNames', 'Given names'),
          text('familyName', 'Family name'),
          date('from', 'Used from (optional)', 'Leave blank if you used it from birth'),
          date('to', 'Used until'),
          text('reason', 'Why it changed', 'For example, marriage or deed poll'),
        ],
      },
    ],
  },
  {
    key: 'addresses',
    title: 'Where you have lived',
    keywords: ['address', 'where you have lived', 'lived'],
    groups: [
      {
        path: 'periods',
        list: true,
        title: 'Your addresses in the last 10 years',
        itemName: 'Address',
        minItems: 1,
        hint: 'Every address you have lived at in the last 10 years, including the one you live at now.',
        fields: [
          { path: 'lines', label: 'Address', kind: 'addressLines' },
          text('town', 'Town or city'),
          {
            path: 'postcode',
            label: 'Postcode',
            kind: 'text',
            hint: 'Needed for a UK address',
            width: short,
          },
          country('country', 'Country'),
          date('from', 'Lived there from'),
          date('to', 'Lived there until', TO_HINT),
        ],
      },
      gaps('address history'),
    ],
  },
  {
    key: 'employment',
    title: 'Your employment',
    keywords: ['employ', 'job', 'work history', 'career'],
    groups: [
      {
        path: 'periods',
        list: true,
        title: 'What you have done in the last 10 years',
        itemName: 'Period',
        minItems: 1,
        hint: 'Jobs, self-employment, study and time out of work, including what you do now.',
        fields: [
          {
            path: 'kind',
            label: 'What were you doing?',
            kind: 'choice',
            choices: EMPLOYMENT_KINDS.map((value) => ({ value, text: EMPLOYMENT_WORDS[value] })),
          },
          text('employer', 'Employer (if employed)'),
          text('role', 'Job title (if employed)'),
          textarea(
            'explanation',
            'Details (if not employed)',
            'The business, the place of study, or how you lived',
          ),
          date('from', 'From'),
          date('to', 'Until', TO_HINT),
        ],
      },
      gaps('employment history'),
    ],
  },
  {
    key: 'education',
    title: 'Your education',
    keywords: ['education', 'school', 'college', 'universit', 'qualification'],
    groups: [
      {
        path: '',
        list: true,
        title: 'Schools, colleges and universities',
        itemName: 'Place of education',
        hint: 'Leave this empty if you have none to list.',
        fields: [
          text('establishment', 'Name of the school, college or university'),
          country('country', 'Country'),
          date('from', 'From'),
          date('to', 'Until', TO_HINT),
          text('qualification', 'Qualification (optional)'),
        ],
      },
    ],
  },
  {
    key: 'family',
    title: 'Your family',
    keywords: ['family', 'parent', 'sibling', 'mother', 'father', 'brother', 'sister', 'relative'],
    groups: (['parents', 'siblings'] as const).map((group): GroupSpec => ({
      path: group,
      list: true,
      title: group === 'parents' ? 'Your parents' : 'Your brothers and sisters',
      itemName: group === 'parents' ? 'Parent' : 'Brother or sister',
      minItems: group === 'parents' ? 1 : 0,
      fields: [
        ...person,
        yesNo('deceased', 'Have they died?'),
        country('countryOfResidence', 'Country they live in (if living)'),
      ],
    })),
  },
  {
    key: 'partner',
    title: 'Your partner',
    keywords: ['partner', 'spouse', 'husband', 'wife'],
    presence: { label: 'Do you have a spouse, civil partner or partner?' },
    groups: [
      {
        path: '',
        list: false,
        itemName: 'Partner',
        fields: [...person, date('since', 'When your relationship began')],
      },
    ],
  },
  {
    key: 'coResidents',
    title: 'People you live with',
    keywords: ['co-resident', 'coresident', 'live with', 'lives with', 'household'],
    groups: [
      {
        path: '',
        list: true,
        title: 'Others aged 16 or over at your address',
        itemName: 'Person',
        hint: 'Leave this empty if you live alone or only with your partner.',
        fields: [
          ...person,
          text('relationship', 'How they are related to you', 'For example, lodger or friend'),
          date('since', 'Living with you since'),
        ],
      },
    ],
  },
  {
    key: 'finances',
    title: 'Your finances',
    keywords: ['financ', 'debt', 'bankrupt', 'county court', 'judgment', 'voluntary arrangement', 'money'],
    groups: [
      {
        path: '',
        list: false,
        itemName: 'Finances',
        fields: [
          yesNo('bankruptcy.declared', 'Have you ever been declared bankrupt?'),
          textarea('bankruptcy.details', 'If yes, give details'),
          yesNo('countyCourtJudgment.declared', 'Have you ever had a county court judgment against you?'),
          textarea('countyCourtJudgment.details', 'If yes, give details'),
          yesNo(
            'individualVoluntaryArrangement.declared',
            'Have you ever had an individual voluntary arrangement?',
          ),
          textarea('individualVoluntaryArrangement.details', 'If yes, give details'),
        ],
      },
      {
        path: 'significantDebts',
        list: true,
        title: 'Significant debts',
        itemName: 'Debt',
        hint: 'Debts other than a mortgage and ordinary monthly credit. Leave this empty if you have none.',
        fields: [
          text('creditor', 'Who you owe'),
          {
            path: 'amountGbp',
            label: 'Amount owed, in pounds',
            kind: 'amount',
            width: 'govuk-input--width-10',
          },
          textarea('details', 'Details (optional)'),
        ],
      },
    ],
  },
  {
    key: 'referees',
    title: 'Your referees',
    keywords: ['referee', 'reference'],
    groups: [
      {
        path: '',
        list: true,
        title: 'People who can vouch for you',
        itemName: 'Referee',
        minItems: 2,
        hint: 'At least 2 people who are not relatives and have known you for at least 2 years.',
        fields: [
          text('name', 'Full name'),
          text('relationship', 'How they know you', 'For example, colleague or friend'),
          date('knownSince', 'When they first got to know you'),
          { path: 'email', label: 'Email address', kind: 'email' },
          { path: 'phone', label: 'Phone number', kind: 'phone', width: 'govuk-input--width-20' },
          yesNo('isRelative', 'Are they related to you?'),
        ],
      },
    ],
  },
  {
    key: 'travel',
    title: 'Travel abroad',
    keywords: ['travel', 'trip', 'abroad', 'overseas'],
    groups: [
      {
        path: '',
        list: true,
        title: 'Trips outside the UK',
        itemName: 'Trip',
        hint: 'Leave this empty if you have not travelled abroad.',
        fields: [
          country('country', 'Country visited'),
          date('from', 'Left the UK'),
          date('to', 'Came back'),
          text('purpose', 'Why you went', 'For example, holiday or work'),
        ],
      },
    ],
  },
];

/** The declaration of a section, or undefined for a key that is not one (a mistyped address). */
export function sectionSpec(key: string): SectionSpec | undefined {
  return QUESTIONNAIRE_SECTIONS.find((spec) => spec.key === key);
}
