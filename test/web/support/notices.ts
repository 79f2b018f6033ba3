import { renderNotification } from '../../../libs/domain/src/notifications';
import { createDataSource, NotificationStore } from '../../../libs/persistence/src';
import { fieldCipher } from '../../support/field-cipher';

/**
 * Stores one discreet notice for `recipient` about `caseId` (a case, clearance or appeal id) in the suite's
 * database, as the notification activity would: for pages that show notices the suite's journey does not send.
 */
export async function seedNotice(
  databaseUrl: string,
  notice: { recipient: string; caseId: string; reason: string; role: string },
): Promise<void> {
  const db = createDataSource(databaseUrl);
  await db.initialize();
  try {
    const { subject, body } = renderNotification(notice.reason, 'https://example.org/sign-in');
    await new NotificationStore(db, fieldCipher).record({
      recipient: notice.recipient,
      caseId: notice.caseId,
      reason: notice.reason,
      subject,
      body,
      dedupeKey: `${notice.caseId}:${notice.reason}:${notice.role}:${notice.recipient}`,
      email: null,
    });
  } finally {
    await db.destroy();
  }
}
