/** Default task queue for case workflows; overridable by TEMPORAL_TASK_QUEUE. */
export const DEFAULT_TASK_QUEUE = 'vetting-cases';

const PREFIX = 'vetting-case-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The workflow id of a case: an opaque business key, never a name or email. */
export function caseWorkflowId(caseId: string): string {
  return `${PREFIX}${caseId}`;
}

/** True when `value` is a well-formed case id (a UUID). */
export function isCaseId(value: string): boolean {
  return UUID.test(value);
}

/** The case id inside a case workflow id, or null if it is not one. */
export function caseIdFromWorkflowId(workflowId: string): string | null {
  if (!workflowId.startsWith(PREFIX)) return null;
  const id = workflowId.slice(PREFIX.length);
  return isCaseId(id) ? id : null;
}

/** Failure types the workflow raises; the API maps each to an HTTP status. */
export const REJECTION_FAILURE_TYPE = 'CaseCommandRejected';
