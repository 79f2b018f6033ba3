import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  executeChild,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.activities';
import type {
  CaseAction,
  CaseCommand,
  CaseCommandType,
  CaseFacts,
  Rejection,
  Stage,
} from '../libs/domain/src';
import { allTasksSettled, evaluateCommand, findTransition, investigatorsAfter } from '../libs/domain/src';
import { isClosedStage } from '../libs/domain/src/stage-model';
import type { EligibilityResult } from '../libs/domain/src/eligibility';
import { screenEligibility } from '../libs/domain/src/eligibility';
import type { CaseEventRecord, CaseResult, CaseSnapshot, VettingCaseInput } from '../libs/contracts/src';
import {
  COMMAND_UPDATES,
  REJECTION_FAILURE_TYPE,
  awaitScreeningUpdate,
  RECORD_CHECK_WORKFLOW_TYPE,
  failedRecordCheckResult,
  getCaseQuery,
  recordCheckInputs,
  recordCheckWorkflowId,
} from '../libs/contracts/src';
import type { RecordCheckInput, RecordCheckResult } from '../libs/contracts/src';
import type { ChangeContext } from './case-state';
import {
  applyCommand,
  initialSnapshot,
  moveTo,
  openInvestigationTasks,
  recordCheckResult,
  startChecks,
} from './case-state';

const { recordTransition, storeQuestionnaireVersion, createClearance, notifyCaseUpdate } =
  proxyActivities<CaseActivities>({
    startToCloseTimeout: '30 seconds',
    // No attempt limit: a database outage must delay a months-long case, never fail it.
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

const SYSTEM_ACTOR = 'system';

/**
 * Cases started before this marker run the foundation rules (officers move the middle stages by hand);
 * cases started after it run the DV stages in depth. Replay keeps each case on the rules it started with.
 */
export const DV_IN_DEPTH_PATCH = 'dv-in-depth-v2';

/** One vetting application, from eligibility screening to a closed outcome. The workflow id is the case key. */
export async function vettingCaseWorkflow(input: VettingCaseInput): Promise<CaseResult> {
  const rules = input.dv && patched(DV_IN_DEPTH_PATCH) ? 'v2' : 'v1';
  const dv = input.dv;
  const openedAt = new Date().toISOString();
  const state: CaseSnapshot = initialSnapshot(
    {
      caseId: input.caseId,
      team: input.team ?? null,
      sponsorId: input.application.sponsorId ?? null,
      applicantId: input.applicantId ?? null,
      rules,
    },
    openedAt,
    dueAt(input, 'ELIGIBILITY_SCREENING', openedAt),
  );

  let taskSeq = 0;
  const context = (): ChangeContext => ({
    at: new Date().toISOString(),
    nextTaskId: () => `T${++taskSeq}`,
    dueAt: (stage, from) => dueAt(input, stage, from),
  });

  // Writes are chained so the read-model sees events in sequence order even when updates overlap.
  let writes: Promise<void> = Promise.resolve();
  let screeningRecorded = false;

  /** Applies a state change now (synchronously) and queues its persistence; resolves once it is stored. */
  const record = (
    actor: string,
    action: CaseEventRecord['action'],
    from: Stage | null,
    payload: Record<string, unknown>,
    includeApplication = false,
  ): Promise<CaseSnapshot> => {
    state.lastEventSeq += 1;
    const snapshot: CaseSnapshot = structuredCopy(state);
    const event: CaseEventRecord = {
      caseId: input.caseId,
      seq: state.lastEventSeq,
      actor,
      action,
      fromStage: from,
      toStage: state.stage,
      occurredAt: new Date().toISOString(),
      payload,
    };
    const write = writes.then(() =>
      recordTransition({
        event,
        snapshot,
        ...(includeApplication ? { application: input.application } : {}),
      }),
    );
    writes = write;
    return write.then(() => snapshot);
  };

  /** Queues a side effect after the writes already queued, so effects happen in the order of the history. */
  const afterWrites = (effect: () => Promise<unknown>): Promise<void> => {
    const next = writes.then(effect).then(() => undefined);
    // A failed effect is the caller's to handle; it must not stop every later write in the chain.
    writes = next.catch(() => undefined);
    return next;
  };

  const facts = (): CaseFacts => ({
    ...state,
    rules,
    pendingChecks: state.checks.filter((c) => c.status === 'PENDING').length,
  });

  // Open and screen before any handler can run, so no command ever sees an unscreened case.
  const opened = record(SYSTEM_ACTOR, 'OPEN_CASE', null, {}, true);
  const eligibility = screenEligibility(input.application, input.policy, {
    asOf: input.receivedAt.slice(0, 10),
    hasOtherActiveApplication: false,
  });
  state.eligibility = eligibility;
  const screeningAction = screeningActionFor(eligibility);
  const screeningTransition = findTransition('ELIGIBILITY_SCREENING', screeningAction);
  if (!screeningTransition) throw new Error(`transition table has no row for ${screeningAction}`);
  moveTo(state, screeningTransition.to, context());
  const screened = record(SYSTEM_ACTOR, screeningAction, 'ELIGIBILITY_SCREENING', {
    outcome: eligibility.outcome,
    reasons: eligibility.reasons,
    flags: eligibility.flags,
  });

  // v2: what the questionnaire named, for opening referee enquiries when investigation starts.
  let referees: { name: string; relationship?: string }[] = [];
  let investigationOpened = false;
  const checksScope = new CancellationScope();

  const validate = (expected: CaseCommandType, command: CaseCommand): void => {
    if (command.type !== expected) {
      throw ApplicationFailure.create({
        type: REJECTION_FAILURE_TYPE,
        message: `update ${expected} was sent a ${command.type} command`,
        nonRetryable: true,
      });
    }
    const verdict = evaluateCommand(facts(), command);
    if (!verdict.ok) throw rejectionFailure(verdict.rejection);
  };

  const apply = async (command: CaseCommand): Promise<CaseSnapshot> => {
    // Validated once already, but another update may have moved the case since: check again.
    const verdict = evaluateCommand(facts(), command);
    if (!verdict.ok) throw rejectionFailure(verdict.rejection);
    const { action, from, to } = verdict.accepted;
    state.investigatingOfficers = investigatorsAfter(state, command);
    const version = state.questionnaire.version + 1;
    applyCommand(state, command, verdict.accepted, context());
    log.info('case transition', { caseId: input.caseId, action, from, to });
    if (rules === 'v2') {
      if (command.type === 'SUBMIT_QUESTIONNAIRE') {
        referees = refereesIn(command.content);
        const submittedBy = command.actor;
        const content = command.content;
        void afterWrites(() =>
          storeQuestionnaireVersion({ caseId: input.caseId, version, content, submittedBy }),
        );
      }
      enterStageEffects(from, to);
    }
    const stored = record(command.actor, action, from, commandPayload(command));
    if (rules === 'v2' && command.type === 'RECORD_DECISION') await decisionEffects();
    return stored;
  };

  /** v2 side effects of entering a stage: record checks start, investigation tasks open. */
  const enterStageEffects = (from: Stage, to: Stage): void => {
    if (from === to || !dv) return;
    if (to === 'RECORD_CHECKS') {
      startChecks(state, dv);
      void checksScope.run(() => runChecks());
    }
    if (to === 'INVESTIGATION' && !investigationOpened) {
      investigationOpened = true;
      openInvestigationTasks(state, referees, context());
    }
  };

  const runChecks = async (): Promise<void> => {
    if (!dv) return;
    const timing = { timeoutMs: dv.checkTimeoutMs, pollIntervalMs: dv.checkPollIntervalMs };
    await Promise.all(
      recordCheckInputs(input.caseId, timing, dv.checks).map(async (checkInput) => {
        const { checkType } = checkInput;
        let result: RecordCheckResult;
        try {
          // Each check is its own workflow: one slow or failing provider neither blocks nor fails the others.
          result = await executeChild<(i: RecordCheckInput) => Promise<RecordCheckResult>>(
            RECORD_CHECK_WORKFLOW_TYPE,
            {
              workflowId: recordCheckWorkflowId(input.caseId, checkType),
              args: [checkInput],
              parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
            },
          );
        } catch (error) {
          if (isCancellation(error)) return;
          // A check whose workflow failed outright still needs a person, like one that never answered.
          result = failedRecordCheckResult(checkInput, String(error), new Date().toISOString());
        }
        if (isClosedStage(state.stage) || state.stage !== 'RECORD_CHECKS') return;
        const outcome = result.status === 'RESULT' && result.outcome ? result.outcome : result.status;
        recordCheckResult(state, checkType, outcome, context());
        void record(SYSTEM_ACTOR, 'RECORD_CHECK_RESULT', 'RECORD_CHECKS', { checkType, outcome });
        maybeCompleteRecordChecks();
      }),
    );
  };

  /** Record checks end by themselves once every check has a result and every review task is settled. */
  const maybeCompleteRecordChecks = (): void => {
    if (rules !== 'v2' || state.stage !== 'RECORD_CHECKS') return;
    if (state.checks.some((c) => c.status === 'PENDING') || !allTasksSettled(state.tasks, ['CHECK_REVIEW']))
      return;
    moveTo(state, 'INVESTIGATION', context());
    enterStageEffects('RECORD_CHECKS', 'INVESTIGATION');
    void record(SYSTEM_ACTOR, 'COMPLETE_RECORD_CHECKS', 'RECORD_CHECKS', {});
  };

  const decisionEffects = async (): Promise<void> => {
    const decision = state.decision;
    if (!decision || !dv) return;
    if (decision.outcome !== 'REFUSED' && state.applicantId) {
      const grantedOn = decision.at.slice(0, 10);
      const reviewDue = decision.reviewDueDate ?? addYears(grantedOn, dv.clearanceReviewYears);
      const clearance = {
        caseId: input.caseId,
        personId: state.applicantId,
        level: 'DV' as const,
        grantedOn,
        reviewDue,
        conditions: decision.conditions,
      };
      await afterWrites(() => createClearance(clearance));
    }
    // The sponsor hears first and tells the applicant; both messages are discreet (no outcome, no agency).
    const recipients = [
      [state.sponsorId, 'SPONSOR'],
      [state.applicantId, 'APPLICANT'],
    ] as const;
    for (const [recipient, role] of recipients) {
      if (!recipient) continue;
      try {
        await afterWrites(() =>
          notifyCaseUpdate({ caseId: input.caseId, recipient, role, reason: 'DECISION' }),
        );
      } catch (error) {
        // The in-app message is saved before any email is tried; a refused email must not fail the case.
        log.warn('decision notice could not be emailed', {
          caseId: input.caseId,
          role,
          error: String(error),
        });
      }
    }
  };

  for (const [type, update] of Object.entries(COMMAND_UPDATES) as [
    CaseCommandType,
    (typeof COMMAND_UPDATES)[CaseCommandType],
  ][]) {
    setHandler(
      update,
      async (command: CaseCommand) => {
        const snapshot = await apply(command);
        if (rules === 'v2' && state.stage === 'RECORD_CHECKS') maybeCompleteRecordChecks();
        return snapshot;
      },
      {
        validator: (command: CaseCommand) => validate(type, command),
      },
    );
  }
  setHandler(awaitScreeningUpdate, async () => {
    await condition(() => screeningRecorded);
    return structuredCopy(state);
  });
  setHandler(getCaseQuery, () => structuredCopy(state));

  await opened;
  await screened;
  screeningRecorded = true;
  log.info('case screened', { caseId: input.caseId, outcome: eligibility.outcome, stage: state.stage });

  await condition(() => isClosedStage(state.stage));
  if (rules === 'v2') checksScope.cancel();
  await writes;
  await condition(allHandlersFinished);
  return { caseId: input.caseId, stage: state.stage, closedAt: state.closedAt ?? new Date().toISOString() };
}

function screeningActionFor(result: EligibilityResult): CaseAction {
  switch (result.outcome) {
    case 'ELIGIBLE':
      return 'PASS_SCREENING';
    case 'INELIGIBLE':
      return 'FAIL_SCREENING';
    case 'EXCEPTION_REVIEW':
      return 'REFER_RESIDENCY_EXCEPTION';
  }
}

function dueAt(input: VettingCaseInput, stage: Stage, from: string): string | null {
  const ms = (input.stageDurationsMs as Partial<Record<Stage, number>>)[stage];
  return ms === undefined ? null : new Date(Date.parse(from) + ms).toISOString();
}

/** Referees named in a submitted questionnaire (its shape is validated by the API before it gets here). */
function refereesIn(content: Record<string, unknown>): { name: string; relationship?: string }[] {
  const list = content.referees;
  if (!Array.isArray(list)) return [];
  return list.flatMap((r: unknown) => {
    if (typeof r !== 'object' || r === null) return [];
    const { name, relationship } = r as { name?: unknown; relationship?: unknown };
    return typeof name === 'string'
      ? [{ name, ...(typeof relationship === 'string' ? { relationship } : {}) }]
      : [];
  });
}

function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  // 29 February plus whole years lands on 28 February in a common year.
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: REJECTION_FAILURE_TYPE,
    message: rejection.message,
    nonRetryable: true,
    details: [rejection],
  });
}

/** What the history keeps of a command: everything but its type and actor, which have their own columns. */
function commandPayload(command: CaseCommand): Record<string, unknown> {
  // The questionnaire itself is stored as a version of its own; the history only notes that it arrived.
  if (command.type === 'SUBMIT_QUESTIONNAIRE') return { sections: Object.keys(command.content) };
  return Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'type' && key !== 'actor'));
}

function structuredCopy(state: CaseSnapshot): CaseSnapshot {
  return JSON.parse(JSON.stringify(state)) as CaseSnapshot;
}
