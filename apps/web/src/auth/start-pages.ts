import type { Role } from '../../../../libs/domain/src';

/** Where each role starts, and what its navigation offers (the first role a person holds wins). */
export const ROLE_HOME: Record<Role, { href: string; nav: { href: string; text: string }[] }> = {
  APPLICANT: {
    href: '/application',
    nav: [
      { href: '/application', text: 'Your application' },
      { href: '/clearance', text: 'Your clearance' },
      { href: '/messages', text: 'Messages' },
    ],
  },
  SPONSOR: {
    href: '/sponsor/cases',
    nav: [
      { href: '/sponsor/cases', text: 'Your applicants' },
      { href: '/sponsor/requests', text: 'Sponsorship requests' },
      { href: '/sponsor/invite', text: 'Invite an applicant' },
      { href: '/sponsor/invitations', text: 'Invitations' },
      { href: '/sponsor/clearances', text: 'Check a clearance' },
      { href: '/messages', text: 'Messages' },
    ],
  },
  VETTING_OFFICER: {
    href: '/work',
    nav: [
      { href: '/work', text: 'My work' },
      { href: '/aftercare/reviews', text: 'Aftercare reviews' },
      { href: '/messages', text: 'Messages' },
    ],
  },
  TEAM_LEAD: {
    href: '/team',
    nav: [
      { href: '/team', text: 'Team queue' },
      { href: '/aftercare/reviews', text: 'Aftercare reviews' },
      { href: '/dashboard', text: 'Dashboard' },
      { href: '/messages', text: 'Messages' },
    ],
  },
  SENIOR_ADJUDICATOR: {
    href: '/decisions',
    nav: [
      { href: '/decisions', text: 'Decisions' },
      { href: '/aftercare/referrals', text: 'Referrals' },
      { href: '/aftercare/clearances', text: 'Clearances' },
      { href: '/appeals', text: 'Appeals' },
      { href: '/messages', text: 'Messages' },
    ],
  },
  HR_ANALYST: { href: '/dashboard', nav: [{ href: '/dashboard', text: 'Dashboard' }] },
  AUDITOR: { href: '/audit', nav: [{ href: '/audit', text: 'Audit' }] },
  ADMIN: {
    href: '/work',
    nav: [
      { href: '/work', text: 'All cases' },
      { href: '/dashboard', text: 'Dashboard' },
      { href: '/audit', text: 'Audit' },
    ],
  },
  // The appeals panel's secretary starts at the queue of open appeals, and acts on each appeal's page.
  PANEL_SECRETARY: {
    href: '/appeals',
    nav: [
      { href: '/appeals', text: 'Appeals' },
      { href: '/messages', text: 'Messages' },
    ],
  },
  // A line manager sees the clearances they are named for, and completes their part of each annual appraisal.
  LINE_MANAGER: {
    href: '/line-manager/clearances',
    nav: [
      { href: '/line-manager/clearances', text: 'Your staff’s clearances' },
      { href: '/messages', text: 'Messages' },
    ],
  },
};

/** The start page of someone holding `roles`. */
export function homeFor(roles: readonly Role[]): string {
  const first = roles[0];
  return first ? ROLE_HOME[first].href : '/sign-in';
}

/** An applicant's appeals and complaints: in their navigation only once they may appeal or complain, or have. */
export const APPELLANT_NAV = { href: '/your-appeals', text: 'Your appeals and complaints' };

/**
 * Navigation for someone holding `roles`, without duplicates. `appellant`: the person may appeal or complain (a
 * refusal after vetting, a withdrawn clearance) or has; their appeals then follow their clearance.
 */
export function navigationFor(
  roles: readonly Role[],
  options: { appellant?: boolean } = {},
): { href: string; text: string }[] {
  const seen = new Set<string>();
  return roles
    .flatMap((role) =>
      role === 'APPLICANT' && options.appellant
        ? ROLE_HOME[role].nav.flatMap((item) => (item.href === '/clearance' ? [item, APPELLANT_NAV] : [item]))
        : ROLE_HOME[role].nav,
    )
    .filter((item) => (seen.has(item.href) ? false : (seen.add(item.href), true)));
}

/** Human names of roles, for the sign-in page and the header. */
export const ROLE_NAMES: Record<Role, string> = {
  APPLICANT: 'Applicant',
  SPONSOR: 'Sponsor',
  VETTING_OFFICER: 'Vetting officer',
  TEAM_LEAD: 'Team lead',
  SENIOR_ADJUDICATOR: 'Senior adjudicator',
  HR_ANALYST: 'HR analyst',
  AUDITOR: 'Auditor',
  ADMIN: 'Administrator',
  PANEL_SECRETARY: 'Appeals panel secretary',
  LINE_MANAGER: 'Line manager',
};
