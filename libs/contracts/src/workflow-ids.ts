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

const CLEARANCE_PREFIX = 'clearance-held-';

/** The workflow id of a held clearance: derived from the opaque clearance id, never a name or email. */
export function clearanceHeldWorkflowId(clearanceId: string): string {
  return `${CLEARANCE_PREFIX}${clearanceId}`;
}

/** The clearance id inside a clearance-held workflow id, or null if it is not one. */
export function clearanceIdFromWorkflowId(workflowId: string): string | null {
  if (!workflowId.startsWith(CLEARANCE_PREFIX)) return null;
  const id = workflowId.slice(CLEARANCE_PREFIX.length);
  return isCaseId(id) ? id : null;
}
