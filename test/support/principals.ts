import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/domain/src';

/** The people in the e2e tests. Team matches DEFAULT_TEAM in ApiHarness. */
export const TEAM = 'dv-team-1';
export const lead: Principal = { subject: 'lead-1', roles: ['TEAM_LEAD'], team: TEAM };
// Officers are of the team: a case is assigned only to an officer of its team (issue 9.6).
export const officer: Principal = { subject: 'officer-7', roles: ['VETTING_OFFICER'], team: TEAM };
export const otherOfficer: Principal = { subject: 'officer-8', roles: ['VETTING_OFFICER'], team: TEAM };
export const adjudicator: Principal = { subject: 'adjudicator-3', roles: ['SENIOR_ADJUDICATOR'] };
export const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
export const hrAnalyst: Principal = { subject: 'hr-1', roles: ['HR_ANALYST'] };
export const auditor: Principal = { subject: 'auditor-1', roles: ['AUDITOR'] };
export const admin: Principal = { subject: 'admin-1', roles: ['ADMIN'] };

/** The staff above, in the staff directory from the start (ApiHarness enrols them, as a sign-in would). */
export const E2E_STAFF: readonly Principal[] = [
  lead,
  officer,
  otherOfficer,
  adjudicator,
  hrAnalyst,
  auditor,
  admin,
];

/** A new applicant account. */
export function newApplicant(): Principal {
  return { subject: `applicant-${randomUUID()}`, roles: ['APPLICANT'] };
}
