import type { Role } from '../../domain/src/roles';
import { AUTH_DEFAULTS } from './auth.config';

/**
 * The people of the embedded default: who `npm run token` and the web app's development sign-in (`GET /sign-in`)
 * can act as. Never used in production, where people come from the identity provider. Ids are opaque, as an
 * identity provider's would be; names are invented and only shown on the sign-in page and in officer pickers.
 */
export interface LocalUser {
  subject: string;
  name: string;
  roles: Role[];
  team?: string;
}

const TEAM_1 = AUTH_DEFAULTS.team;
const TEAM_2 = 'dv-team-2';

/** At least one person per role; two officers in one team and one in another, and a lead for each team. */
export const LOCAL_USERS: readonly LocalUser[] = [
  { subject: 'applicant-1', name: 'Alex Morgan', roles: ['APPLICANT'] },
  { subject: 'applicant-2', name: 'Jordan Reid', roles: ['APPLICANT'] },
  { subject: 'sponsor-1', name: 'Sam Patel', roles: ['SPONSOR'] },
  { subject: 'officer-1', name: 'Olivia Hughes', roles: ['VETTING_OFFICER'], team: TEAM_1 },
  { subject: 'officer-2', name: 'Omar Khan', roles: ['VETTING_OFFICER'], team: TEAM_1 },
  { subject: 'officer-3', name: 'Owen Price', roles: ['VETTING_OFFICER'], team: TEAM_2 },
  { subject: 'lead-1', name: 'Leah Davies', roles: ['TEAM_LEAD'], team: TEAM_1 },
  { subject: 'lead-2', name: 'Luke Evans', roles: ['TEAM_LEAD'], team: TEAM_2 },
  { subject: 'adjudicator-1', name: 'Ada Brooks', roles: ['SENIOR_ADJUDICATOR'] },
  { subject: 'adjudicator-2', name: 'Ayesha Malik', roles: ['SENIOR_ADJUDICATOR'] },
  { subject: 'hr-1', name: 'Hannah Wright', roles: ['HR_ANALYST'] },
  { subject: 'auditor-1', name: 'Aaron Lewis', roles: ['AUDITOR'] },
  { subject: 'secretary-1', name: 'Priya Shah', roles: ['PANEL_SECRETARY'] },
  { subject: 'manager-1', name: 'Maya Collins', roles: ['LINE_MANAGER'] },
  { subject: 'manager-2', name: 'Marcus Bell', roles: ['LINE_MANAGER'] },
  { subject: 'admin-1', name: 'Ash Turner', roles: ['ADMIN'] },
];

/** A local user by id, or undefined. */
export function findLocalUser(subject: string): LocalUser | undefined {
  return LOCAL_USERS.find((user) => user.subject === subject);
}
