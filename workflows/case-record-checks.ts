// Record checks of a DV case: one child workflow per check (workflows/record-check.workflow.ts), all in
// parallel, so one slow or failing provider neither blocks nor fails the others.
import { ParentClosePolicy, executeChild, isCancellation } from '@temporalio/workflow';
import type { DvPolicy, RecordCheckInput, RecordCheckResult } from '../libs/contracts/src';
import { checkOutcomeWord } from '../libs/domain/src';
import type { CheckType } from '../libs/domain/src/record-checks';
import {
  RECORD_CHECK_WORKFLOW_TYPE,
  failedRecordCheckResult,
  recordCheckInputs,
  recordCheckWorkflowId,
} from '../libs/contracts/src';

/** Called with each check's outcome (CLEAR, TRACE, NEEDS_REVIEW, or the status of a check that gave none). */
export type CheckOutcomeHandler = (checkType: string, outcome: string) => void;

/**
 * Runs every check the policy names (or `checkTypes`: the baseline check) and reports each outcome as it
 * arrives; resolves when all have one.
 */
export async function runRecordChecks(
  caseId: string,
  dv: DvPolicy,
  onOutcome: CheckOutcomeHandler,
  checkTypes: readonly CheckType[] = dv.checks,
): Promise<void> {
  const timing = { timeoutMs: dv.checkTimeoutMs, pollIntervalMs: dv.checkPollIntervalMs };
  await Promise.all(
    recordCheckInputs(caseId, timing, checkTypes).map(async (checkInput) => {
      let result: RecordCheckResult;
      try {
        result = await executeChild<(i: RecordCheckInput) => Promise<RecordCheckResult>>(
          RECORD_CHECK_WORKFLOW_TYPE,
          {
            workflowId: recordCheckWorkflowId(caseId, checkInput.checkType),
            args: [checkInput],
            parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          },
        );
      } catch (error) {
        if (isCancellation(error)) return;
        // A check whose workflow failed outright still needs a person, like one that never answered.
        result = failedRecordCheckResult(checkInput, String(error), new Date().toISOString());
      }
      onOutcome(checkInput.checkType, checkOutcomeWord(result));
    }),
  );
}
