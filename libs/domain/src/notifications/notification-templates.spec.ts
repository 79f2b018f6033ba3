import { ALL_STAGES } from '../stage-model';
import { discretionViolations } from './discretion';
import {
  defaultNotificationDedupeKey,
  NOTIFICATION_REASONS,
  NOTIFICATION_ROLES,
  NOTIFICATION_SUBJECTS,
  renderNotification,
} from './notification-templates';

const SIGN_IN = 'https://example.org/sign-in';
const EVERY_REASON = [...NOTIFICATION_REASONS, 'SOMETHING_NEW', '', 'DV GRANTED', ...ALL_STAGES];

describe('renderNotification', () => {
  it.each(EVERY_REASON)('is discreet for reason %p', (reason) => {
    const message = renderNotification(reason, SIGN_IN);
    expect(discretionViolations(`${message.subject}\n${message.body}`)).toEqual([]);
  });

  it.each(EVERY_REASON)('says only that there is an update and where to sign in, for reason %p', (reason) => {
    const { subject, body } = renderNotification(reason, SIGN_IN);
    expect(NOTIFICATION_SUBJECTS).toContain(subject);
    expect(body).toContain('There is an update for you. Please sign in to read it');
    expect(body).toContain(SIGN_IN);
  });

  it('never echoes the reason it was given', () => {
    const { subject, body } = renderNotification('REFUSED_BY_MI5', SIGN_IN);
    expect(`${subject}${body}`).not.toMatch(/REFUSED|MI5/i);
  });

  it('keeps every subject discreet', () => {
    for (const subject of NOTIFICATION_SUBJECTS)
      expect({ subject, violations: discretionViolations(subject) }).toEqual({ subject, violations: [] });
  });

  it('uses the plain update wording for a decision and a reminder wording for chasers', () => {
    expect(renderNotification('DECISION', SIGN_IN).subject).toBe('You have a new message');
    expect(renderNotification('CHASER', SIGN_IN).subject).toBe('Reminder: you have a message waiting');
    expect(renderNotification('ESCALATION', SIGN_IN).subject).toBe('A message is waiting for your attention');
  });

  it('would let the last guard catch an indiscreet sign-in address', () => {
    const { body } = renderNotification('DECISION', 'https://mi5.example/dv');
    expect(discretionViolations(body)).toEqual(['MI5', 'DV']);
  });
});

describe('defaultNotificationDedupeKey', () => {
  it('is one key per case, reason, role and recipient', () => {
    const base = { caseId: 'c-1', reason: 'DECISION', role: NOTIFICATION_ROLES[0], recipient: 'u-1' };
    expect(defaultNotificationDedupeKey(base)).toBe('c-1:DECISION:SPONSOR:u-1');
    const keys = new Set([
      defaultNotificationDedupeKey(base),
      defaultNotificationDedupeKey({ ...base, reason: 'REMINDER' }),
      defaultNotificationDedupeKey({ ...base, role: 'APPLICANT' }),
      defaultNotificationDedupeKey({ ...base, recipient: 'u-2' }),
      defaultNotificationDedupeKey({ ...base, caseId: 'c-2' }),
    ]);
    expect(keys.size).toBe(5);
  });
});
