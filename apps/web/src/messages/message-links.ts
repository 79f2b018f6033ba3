import type { Role } from '../../../../libs/domain/src';

/**
 * The roles that get discreet notices (docs/notifications.md), so have a Messages page: applicants and sponsors,
 * and the staff the workflows notify (officers, team leads, adjudicators, panel secretaries, line managers).
 */
export const MESSAGE_ROLES: readonly Role[] = [
  'APPLICANT',
  'SPONSOR',
  'VETTING_OFFICER',
  'TEAM_LEAD',
  'SENIOR_ADJUDICATOR',
  'PANEL_SECRETARY',
  'LINE_MANAGER',
];

/** What a message's id names (apps/api InboxMessageView `about`). */
export type MessageSubjectKind = 'CASE' | 'CLEARANCE' | 'APPEAL';

/** The staff page of each kind of subject, and the roles that page lets in (its controller's `@Roles`). */
const STAFF_PAGES: Record<MessageSubjectKind, { path: string; roles: readonly Role[]; text: string }> = {
  CASE: {
    path: '/cases/',
    roles: ['VETTING_OFFICER', 'TEAM_LEAD', 'SENIOR_ADJUDICATOR', 'ADMIN'],
    text: 'Open the case',
  },
  CLEARANCE: {
    path: '/aftercare/clearances/',
    roles: ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR'],
    text: 'Open the clearance',
  },
  APPEAL: { path: '/appeals/', roles: ['PANEL_SECRETARY', 'SENIOR_ADJUDICATOR'], text: 'Open the appeal' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a staff member goes from a message: the page of the case, clearance or appeal it concerns, when the
 * message names one (by its opaque id, already used in those pages' addresses) and one of `roles` may open that
 * page; otherwise null. Only the page's role gate is known here: the API still decides need-to-know on arrival.
 * Applicants and sponsors get no link (their pages are found from their own start pages).
 */
export function messageLink(
  message: { caseId: string | null; about: MessageSubjectKind | null },
  roles: readonly Role[],
): { href: string; text: string } | null {
  if (!message.about || !message.caseId || !UUID.test(message.caseId)) return null;
  const page = STAFF_PAGES[message.about];
  if (!roles.some((role) => page.roles.includes(role))) return null;
  return { href: `${page.path}${message.caseId}`, text: page.text };
}
