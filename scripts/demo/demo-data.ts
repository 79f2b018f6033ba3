/**
 * Invented people for the demo: applications, questionnaires and equal-opportunity answers. Every name,
 * address and number is made up (the postcodes and phone number are from the ranges kept for fiction).
 */
import type { ApplicationInput } from '../../libs/contracts/src';
import type { BaselineDeclaration, IsoDate, Questionnaire } from '../../libs/domain/src';
import { exampleQuestionnaire } from '../../libs/domain/src';
import { addDays, addYears } from '../../libs/domain/src/eligibility/calendar-date';
import { MONITORING_CATEGORIES, MONITORING_QUESTIONS } from '../../libs/domain/src/monitoring';
import type { DemoCase } from './demo-plan';

const GIVEN = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Hari',
  'Isla',
  'Jack',
  'Kiran',
  'Lucy',
];
const FAMILY = [
  'Ahmed',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Fraser',
  'Gill',
  'Hall',
  'Iqbal',
  'Jones',
  'Khan',
];
const TOWNS = ['Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Norwich', 'York', 'Belfast', 'Cheltenham'];

export interface DemoPerson {
  givenName: string;
  familyName: string;
  email: string;
  dateOfBirth: IsoDate;
  town: string;
}

/** The invented person behind a demo case; the same every run, so a repeated run finds the same people. */
export function demoPerson(c: DemoCase): DemoPerson {
  const i = c.index - 1;
  return {
    givenName: GIVEN[i % GIVEN.length] ?? 'Alex',
    familyName: FAMILY[(i * 7) % FAMILY.length] ?? 'Morgan',
    email: `${c.applicantId}@example.org`,
    dateOfBirth: `${1975 + ((i * 5) % 28)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    town: TOWNS[i % TOWNS.length] ?? 'Leeds',
  };
}

/** The application a demo case starts with: eligible, or shaped for its target (residency, nationality). */
export function demoApplication(c: DemoCase, today: IsoDate): ApplicationInput {
  const person = demoPerson(c);
  const application: ApplicationInput = {
    givenName: person.givenName,
    familyName: person.familyName,
    email: person.email,
    dateOfBirth: person.dateOfBirth,
    intendedStartDate: addDays(today, 120),
    nationality: { status: 'BRITISH_BY_BIRTH', otherNationalities: [] },
    addressHistory: [{ country: 'GB', from: '2008-01-01', to: null }],
    residenceExceptionReason: null,
    discretionAcknowledged: true,
    sponsorId: c.viaInvitation ? null : c.sponsorId,
  };
  if (c.target === 'RESIDENCY_EXCEPTION_REVIEW') {
    // Five years in the UK after nine abroad with HM Forces: an officer decides the exception.
    application.addressHistory = [
      { country: 'DE', from: addYears(today, -14), to: addDays(addYears(today, -5), -1) },
      { country: 'GB', from: addYears(today, -5), to: null },
    ];
    application.residenceExceptionReason = 'HM_FORCES_SERVICE';
  }
  if (c.target === 'INELIGIBLE') {
    application.nationality = { status: 'NOT_BRITISH', otherNationalities: ['FR'] };
  }
  return application;
}

/** The domain's complete example questionnaire (valid as of `today`), about this case's invented person. */
export function demoQuestionnaire(c: DemoCase, today: IsoDate): Questionnaire {
  const person = demoPerson(c);
  return exampleQuestionnaire(today, {
    givenNames: person.givenName,
    familyName: person.familyName,
    dateOfBirth: person.dateOfBirth,
    town: person.town,
    houseNumber: c.index,
  });
}

/**
 * A complete baseline (BPSS) declaration for the case's invented person: passport, British passport as the
 * right to work, in work for the last three years and more, nothing unspent, no long stays abroad.
 */
export function demoBaselineDeclaration(c: DemoCase): BaselineDeclaration {
  const passport = String(100_000_000 + c.index * 7919);
  return {
    identity: { documentKind: 'PASSPORT', documentReference: passport },
    rightToWork: { evidenceKind: 'BRITISH_PASSPORT', evidenceReference: passport },
    employment: {
      periods: [
        {
          kind: 'EMPLOYED',
          employer: `${demoPerson(c).town} City Council`,
          role: 'Analyst',
          explanation: null,
          from: '2020-01-01',
          to: null,
        },
      ],
      gaps: [],
    },
    convictions: { hasUnspent: false, details: null },
    abroad: { livedAbroad: false, periods: [] },
  };
}

/** Voluntary answers spread over every category, deterministic per case; one in six prefers not to say. */
export function demoMonitoringAnswers(c: DemoCase): Record<string, string> {
  const answers: Record<string, string> = {};
  MONITORING_CATEGORIES.forEach((category, k) => {
    const options = MONITORING_QUESTIONS[category];
    // Weighted towards the first options so some groups are large enough to show and others are suppressed.
    const pick = ((c.index * (k + 3)) % 7) % options.length;
    answers[category] = options[pick] ?? options[0] ?? 'PREFER_NOT_TO_SAY';
  });
  return answers;
}
