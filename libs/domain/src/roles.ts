/** Roles from DOMAIN.md, as they appear in access tokens (the `roles` claim). */
export const ROLES = [
  'APPLICANT',
  'SPONSOR',
  'VETTING_OFFICER',
  'SENIOR_ADJUDICATOR',
  'TEAM_LEAD',
  'HR_ANALYST',
  'AUDITOR',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is making a request, as established by authentication. `subject` is an opaque user id (the token's
 * `sub`); `team` scopes team leads; never a name or email.
 */
export interface Principal {
  subject: string;
  roles: Role[];
  team?: string;
}
