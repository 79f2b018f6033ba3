import type { CheckType } from '../../domain/src/record-checks';
import { CHECK_TYPES, DV_CHECK_TYPES } from '../../domain/src/record-checks';
import type { RecordCheckInput, RecordCheckResult } from './record-check.types';
import { caseIdFromWorkflowId, isCaseId } from './workflow-ids';

/** The registered name of the record-check workflow, for startChild/executeChild by name. */
export const RECORD_CHECK_WORKFLOW_TYPE = 'recordCheckWorkflow';

const PREFIX = 'vetting-check-';

/** The workflow id of one record check on a case: opaque (case uuid and check type), never a name. */
export function recordCheckWorkflowId(caseId: string, checkType: CheckType): string {
  return `${PREFIX}${caseId}-${checkType.toLowerCase()}`;
}

/**
 * The case a workflow belongs to: the case workflow itself or one of its record checks. Null for any other
 * workflow (an invitation, say), which is part of no case.
 */
export function caseIdOwningWorkflow(workflowId: string): string | null {
  const direct = caseIdFromWorkflowId(workflowId);
  if (direct) return direct;
  if (!workflowId.startsWith(PREFIX)) return null;
  const rest = workflowId.slice(PREFIX.length);
  const caseId = rest.slice(0, 36);
  const checkType = rest.slice(37).toUpperCase();
  return rest[36] === '-' && isCaseId(caseId) && (CHECK_TYPES as readonly string[]).includes(checkType)
    ? caseId.toLowerCase()
    : null;
}

/** The checks every DV case runs: all six, in the order DOMAIN.md lists them. */
export function defaultRecordChecks(): CheckType[] {
  return [...DV_CHECK_TYPES];
}

/** The child-workflow inputs for a case's checks; checkId is `<caseId>:<checkType>`, stable on replay. */
export function recordCheckInputs(
  caseId: string,
  timing: { timeoutMs: number; pollIntervalMs: number },
  checkTypes: readonly CheckType[] = DV_CHECK_TYPES,
): RecordCheckInput[] {
  return checkTypes.map((checkType) => ({
    caseId,
    checkType,
    checkId: `${caseId}:${checkType}`,
    timeoutMs: timing.timeoutMs,
    pollIntervalMs: timing.pollIntervalMs,
  }));
}

/** The result to use when a check's workflow itself failed: FAILED, which needs an officer like a timeout. */
export function failedRecordCheckResult(
  input: Pick<RecordCheckInput, 'caseId' | 'checkType' | 'checkId'>,
  reason: string,
  resolvedAt: string,
): RecordCheckResult {
  return {
    caseId: input.caseId,
    checkType: input.checkType,
    checkId: input.checkId,
    status: 'FAILED',
    outcome: null,
    detail: reason,
    provider: null,
    providerRef: null,
    resolvedAt,
  };
}
