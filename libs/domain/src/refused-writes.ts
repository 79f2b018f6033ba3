/**
 * What a refused write means to the officers of the case. When the database refuses a value for good, the
 * activity is not retried and the case goes on without that write (activities/activity-failures.ts records it
 * in activity_failure). The officers then look at a record that is missing something: they are told what, in
 * words, from the activity's name alone. Never the refused value or the SQL: those can be personal data.
 */
const MEANINGS: Record<string, string> = {
  recordTransition:
    'An action on this case was carried out but could not be saved to the case record. The pages may miss it or show the case as it was before.',
  storeQuestionnaireVersion:
    'A questionnaire the applicant submitted could not be saved. The questionnaire shown may be an earlier version.',
  saveRecordCheck:
    'The progress of a record check could not be saved. The record checks shown may be out of date.',
  recordProviderCallback: "A record-check provider's answer could not be recorded.",
  createClearance: 'The clearance granted by the decision could not be recorded.',
  notifyCaseUpdate: 'A notice about this case could not be created, so the people it was for were not told.',
};

const FALLBACK = 'Something that happened on this case could not be saved.';

/** The meaning of a refused write by `activity`, in words for the case's officers. */
export function refusedWriteMeaning(activity: string): string {
  return Object.hasOwn(MEANINGS, activity) ? (MEANINGS[activity] ?? FALLBACK) : FALLBACK;
}

/** What the officers should do about any refused write: it needs the service's support team to repair it. */
export const REFUSED_WRITE_ADVICE =
  'The case can still be worked. Tell the service support team, who can see what was refused and repair the record.';
