// Discreet notices ("there is an update, please sign in"). Storing one is a database write (inbox message and
// email outbox row); the email itself goes out later from the outbox, independently of any workflow, so a mail
// server outage never holds up a case.
import { log, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.activities';
import type { NotifyCaseUpdateInput } from '../activities/notifications';
import type { WriteChain } from './read-model-writer';
import { WRITE_ACTIVITY_OPTIONS } from './read-model-writer';

const { notifyCaseUpdate } = proxyActivities<CaseActivities>(WRITE_ACTIVITY_OPTIONS);

/** Sends one discreet notice, queued after the writes before it; resolves once it is stored, never throws. */
export type SendNotice = (notice: NotifyCaseUpdateInput) => Promise<void>;

/** The notice sender of one workflow; `subject` names it in logs (a case or invitation id, never a person). */
export function discreetNotices(chain: WriteChain, subject: Record<string, string>): SendNotice {
  return async (notice) => {
    try {
      await chain.after(() => notifyCaseUpdate(notice));
    } catch (error) {
      // Only a notice the activity refuses outright (malformed, indiscreet) gets here; the case goes on.
      log.warn('notice could not be stored', {
        ...subject,
        role: notice.role,
        reason: notice.reason,
        error: String(error),
      });
    }
  };
}
