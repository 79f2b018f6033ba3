import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.activities';
import type { CaseAction, CaseCommand, CaseCommandType, Rejection, Stage } from '../libs/domain/src';
import { evaluateCommand, findTransition, investigatorsAfter, isClosedStage } from '../libs/domain/src';
import type { EligibilityResult } from '../libs/domain/src/eligibility';
import { screenEligibility } from '../libs/domain/src/eligibility';
import type { CaseEventRecord, CaseResult, CaseSnapshot, VettingCaseInput } from '../libs/contracts/src';
import { COMMAND_UPDATES, REJECTION_FAILURE_TYPE, awaitScreeningUpdate, getCaseQuery } from '../libs/contracts/src';

const { recordTransition } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // No attempt limit: a database outage must delay a months-long case, never fail it.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const SYSTEM_ACTOR = 'system';

/** One vetting application, from eligibility screening to a closed outcome. The workflow id is the case key. */
export async function vettingCaseWorkflow(input: VettingCaseInput): Promise<CaseResult> {
  const openedAt = new Date().toISOString();
  const state: CaseSnapshot = {
    caseId: input.caseId,
    stage: 'ELIGIBILITY_SCREENING',
    status: 'OPEN',
    outcome: null,
    assignee: null,
    investigatingOfficers: [],
    openedAt,
    stageEnteredAt: openedAt,
    stageDueAt: dueAt(input, 'ELIGIBILITY_SCREENING', openedAt),
    closedAt: null,
    lastEventSeq: 0,
    eligibility: null,
    team: input.team ?? null,
    sponsorId: input.application.sponsorId ?? null,
    applicantId: input.applicantId ?? null,
  };

  // Writes are chained so the read-model sees events in sequence order even when updates overlap.
  let writes: Promise<void> = Promise.resolve();
  let screeningRecorded = false;

  const moveTo = (to: Stage, at: string): void => {
    if (to === state.stage) return;
    state.stage = to;
    state.stageEnteredAt = at;
    if (isClosedStage(to)) {
      state.status = 'CLOSED';
      state.closedAt = at;
      state.stageDueAt = null;
      state.outcome = to;
    } else {
      state.stageDueAt = dueAt(input, to, at);
    }
  };

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
      recordTransition({ event, snapshot, ...(includeApplication ? { application: input.application } : {}) }),
    );
    writes = write;
    return write.then(() => snapshot);
  };

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
  moveTo(screeningTransition.to, new Date().toISOString());
  const screened = record(SYSTEM_ACTOR, screeningAction, 'ELIGIBILITY_SCREENING', {
    outcome: eligibility.outcome,
    reasons: eligibility.reasons,
    flags: eligibility.flags,
  });

  const validate = (expected: CaseCommandType, command: CaseCommand): void => {
    if (command.type !== expected) {
      throw ApplicationFailure.create({
        type: REJECTION_FAILURE_TYPE,
        message: `update ${expected} was sent a ${command.type} command`,
        nonRetryable: true,
      });
    }
    const verdict = evaluateCommand(state, command);
    if (!verdict.ok) throw rejectionFailure(verdict.rejection);
  };

  const apply = async (command: CaseCommand): Promise<CaseSnapshot> => {
    // Validated once already, but another update may have moved the case since: check again.
    const verdict = evaluateCommand(state, command);
    if (!verdict.ok) throw rejectionFailure(verdict.rejection);
    const { action, from, to } = verdict.accepted;
    state.investigatingOfficers = investigatorsAfter(state, command);
    if (command.type === 'ASSIGN_OFFICER') state.assignee = command.officerId;
    moveTo(to, new Date().toISOString());
    log.info('case transition', { caseId: input.caseId, action, from, to });
    return record(command.actor, action, from, commandPayload(command));
  };

  for (const [type, update] of Object.entries(COMMAND_UPDATES) as [CaseCommandType, (typeof COMMAND_UPDATES)[CaseCommandType]][]) {
    setHandler(update, (command: CaseCommand) => apply(command), {
      validator: (command: CaseCommand) => validate(type, command),
    });
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
  return Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'type' && key !== 'actor'));
}

function structuredCopy(state: CaseSnapshot): CaseSnapshot {
  return { ...state, investigatingOfficers: [...state.investigatingOfficers] };
}
