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
  'PANEL_SECRETARY',
  // Names for one clearance by its sponsor; completes the holder's annual security appraisal with them.
  'LINE_MANAGER',
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

/** The roles of staff (everyone but applicants and sponsors): the roles the staff directory records. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter(
  (role) => role !== 'APPLICANT' && role !== 'SPONSOR',
);

/** The staff roles among `roles`, in ROLES order (so the same set always reads the same). */
export function staffRolesOf(roles: readonly Role[]): Role[] {
  return STAFF_ROLES.filter((role) => roles.includes(role));
}
