/** Who a case notification is for, as the workflow names them. */
export const NOTIFICATION_ROLES = [
  'SPONSOR',
  'APPLICANT',
  'OFFICER',
  'TEAM_LEAD',
  'LINE_MANAGER',
  // The panel secretary an appeal names: reminded when its acknowledgement or a statement of case is overdue.
  'PANEL_SECRETARY',
  // Senior adjudicators reminded ahead of a deadline of an appeal's: a complaint's answer (the one who hears it)
  // and the department's statement of case.
  'APPEAL_OFFICER',
  'DEPARTMENT',
] as const;
export type NotificationRole = (typeof NOTIFICATION_ROLES)[number];

/** Why the workflow notifies someone. Other reasons are accepted and get the plain "update" wording. */
export const NOTIFICATION_REASONS = ['DECISION', 'REMINDER', 'ESCALATION', 'CHASER'] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];

/** A rendered message: the same text goes to the in-app inbox and, when there is an address, by email. */
export interface NotificationMessage {
  subject: string;
  body: string;
}

type TemplateKind = 'UPDATE' | 'REMINDER' | 'ATTENTION';

// The reason picks only the tone of the subject. Nothing about the case (agency, clearance, stage, outcome,
// names) reaches the text: the reason itself is never interpolated, and no template takes case data at all.
const KIND_BY_REASON: Readonly<Record<NotificationReason, TemplateKind>> = {
  DECISION: 'UPDATE',
  REMINDER: 'REMINDER',
  CHASER: 'REMINDER',
  ESCALATION: 'ATTENTION',
};

const SUBJECTS: Readonly<Record<TemplateKind, string>> = {
  UPDATE: 'You have a new message',
  REMINDER: 'Reminder: you have a message waiting',
  ATTENTION: 'A message is waiting for your attention',
};

/** Every subject a notification can have, for tests that check them all. */
export const NOTIFICATION_SUBJECTS: readonly string[] = Object.values(SUBJECTS);

/** Renders the discreet message for a reason: "there is an update, please sign in", and where to sign in. */
export function renderNotification(reason: string, signInUrl: string): NotificationMessage {
  const kind = (KIND_BY_REASON as Partial<Record<string, TemplateKind>>)[reason] ?? 'UPDATE';
  return {
    subject: SUBJECTS[kind],
    body: [
      'Hello,',
      '',
      'There is an update for you. Please sign in to read it:',
      '',
      signInUrl,
      '',
      'This message was sent automatically. Please do not reply to it.',
    ].join('\n'),
  };
}

/** The key that makes one notification per (case, reason, role, recipient) unless the caller gives one. */
export function defaultNotificationDedupeKey(input: {
  caseId: string;
  reason: string;
  role: NotificationRole;
  recipient: string;
}): string {
  return `${input.caseId}:${input.reason}:${input.role}:${input.recipient}`;
}
