import type { IsoDate } from '../eligibility/eligibility.types';
import { addDays, addYears } from '../eligibility/calendar-date';
import type { Questionnaire } from './questionnaire.types';

/** Who the example questionnaire is about; anything left out takes the defaults of EXAMPLE_PERSON. */
export interface ExamplePerson {
  givenNames: string;
  familyName: string;
  /** Default: 34 years before `asOf`. */
  dateOfBirth?: IsoDate;
  town: string;
  /** The first address's house number; the second address is the next one. */
  houseNumber: number;
}

const EXAMPLE_PERSON: ExamplePerson = {
  givenNames: 'Test',
  familyName: 'Applicant',
  town: 'Leeds',
  houseNumber: 1,
};

/**
 * A complete, invented questionnaire that passes validateQuestionnaire as of `asOf` (default: today in UTC):
 * twelve years of addresses, work and study, parents, a sibling, a partner, two referees, one trip abroad.
 * Every date is relative to asOf and at least a week before it, so a server whose "today" is a day later still
 * accepts it. The tests' fixture and the demo data both start from it.
 */
export function exampleQuestionnaire(
  asOf: IsoDate = new Date().toISOString().slice(0, 10),
  who: Partial<ExamplePerson> = {},
): Questionnaire {
  const person = { ...EXAMPLE_PERSON, ...who };
  const yearsAgo = (years: number): IsoDate => addYears(asOf, -years);
  const dayBefore = (date: IsoDate): IsoDate => addDays(date, -1);
  return {
    identity: {
      givenNames: person.givenNames,
      familyName: person.familyName,
      previousNames: [],
      dateOfBirth: person.dateOfBirth ?? yearsAgo(34),
      placeOfBirth: { town: person.town, country: 'GB' },
      nationalities: [{ country: 'GB', acquiredBy: 'BIRTH', acquiredOn: null }],
      nationalInsuranceNumber: 'AB123456C',
    },
    addresses: {
      periods: [
        {
          lines: [`${person.houseNumber} Example Street`],
          town: person.town,
          postcode: 'LS1 1AA',
          country: 'GB',
          from: yearsAgo(12),
          to: dayBefore(yearsAgo(4)),
        },
        {
          lines: [`${person.houseNumber + 1} Sample Road`],
          town: 'London',
          postcode: 'SW1A 1AA',
          country: 'GB',
          from: yearsAgo(4),
          to: null,
        },
      ],
      gaps: [],
    },
    employment: {
      periods: [
        {
          kind: 'EDUCATION',
          employer: null,
          role: null,
          explanation: `Full-time student, University of ${person.town}`,
          from: yearsAgo(12),
          to: dayBefore(yearsAgo(8)),
        },
        {
          kind: 'EMPLOYED',
          employer: 'Example Ltd',
          role: 'Analyst',
          explanation: null,
          from: yearsAgo(8),
          to: dayBefore(yearsAgo(3)),
        },
        {
          kind: 'EMPLOYED',
          employer: 'Sample plc',
          role: 'Engineer',
          explanation: null,
          from: yearsAgo(3),
          to: null,
        },
      ],
      gaps: [],
    },
    education: [
      {
        establishment: `University of ${person.town}`,
        country: 'GB',
        from: yearsAgo(12),
        to: dayBefore(yearsAgo(8)),
        qualification: 'BSc Mathematics',
      },
    ],
    family: {
      parents: [
        {
          name: 'Parent One',
          dateOfBirth: yearsAgo(62),
          nationality: 'GB',
          countryOfResidence: 'GB',
          deceased: false,
        },
        {
          name: 'Parent Two',
          dateOfBirth: yearsAgo(60),
          nationality: 'GB',
          countryOfResidence: null,
          deceased: true,
        },
      ],
      siblings: [
        {
          name: 'Sibling One',
          dateOfBirth: yearsAgo(31),
          nationality: 'GB',
          countryOfResidence: 'FR',
          deceased: false,
        },
      ],
    },
    partner: { name: 'Partner Name', dateOfBirth: yearsAgo(33), nationality: 'GB', since: yearsAgo(5) },
    coResidents: [],
    finances: {
      bankruptcy: { declared: false, details: null },
      countyCourtJudgment: { declared: false, details: null },
      individualVoluntaryArrangement: { declared: false, details: null },
      significantDebts: [],
    },
    referees: [
      {
        name: 'Referee One',
        relationship: 'Former colleague',
        knownSince: yearsAgo(7),
        email: 'referee.one@example.org',
        phone: null,
        isRelative: false,
      },
      {
        name: 'Referee Two',
        relationship: 'Friend',
        knownSince: yearsAgo(15),
        email: null,
        phone: '+44 20 7946 0000',
        isRelative: false,
      },
    ],
    travel: [{ country: 'FR', from: yearsAgo(1), to: addDays(yearsAgo(1), 7), purpose: 'Holiday' }],
  };
}
