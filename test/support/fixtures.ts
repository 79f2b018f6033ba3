import { randomUUID } from 'node:crypto';
import type { ApplicationInput } from '../../libs/contracts/src';

/** An application that passes screening: adult, British by birth, UK resident since 2008, discretion agreed. */
export function eligibleApplication(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    givenName: 'Test',
    familyName: 'Applicant',
    email: `applicant-${randomUUID()}@example.org`,
    dateOfBirth: '1990-05-17',
    intendedStartDate: '2027-06-01',
    nationality: { status: 'BRITISH_BY_BIRTH', otherNationalities: [] },
    addressHistory: [{ country: 'GB', from: '2008-01-01', to: null }],
    residenceExceptionReason: null,
    discretionAcknowledged: true,
    // Sponsorship comes only from an invitation (test/support/invite.ts), never from the application.
    sponsorId: null,
    ...overrides,
  };
}

/** Five years in the UK, then abroad on HM Forces service: a residency exception for an officer. */
export function residencyExceptionApplication(): ApplicationInput {
  return eligibleApplication({
    addressHistory: [
      { country: 'DE', from: '2012-01-01', to: '2021-06-30' },
      { country: 'GB', from: '2021-07-01', to: null },
    ],
    residenceExceptionReason: 'HM_FORCES_SERVICE',
  });
}

/** Not a British citizen: ineligible at screening. */
export function ineligibleApplication(): ApplicationInput {
  return eligibleApplication({ nationality: { status: 'NOT_BRITISH', otherNationalities: ['FR'] } });
}
