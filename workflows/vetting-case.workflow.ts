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
import type { ClockEvent, ClockEventKind } from './stage-clock';
import { accrue, armStage, newClock, nextClockEvent } from './stage-clock';
import type { ClockPolicy } from '../libs/domain/src/clock';
import { elapsedUnits } from '../libs/domain/src/clock';
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
/** Cases started after this marker run stage clocks (reminders, escalations, chasers, lapse). */
export const STAGE_CLOCK_PATCH = 'stage-clocks-v3';

/** One vetting application, from eligibility screening to a closed outcome. The workflow id is the case key. */
export async function vettingCaseWorkflow(input: VettingCaseInput): Promise<CaseResult> {
  const rules = input.dv && patched(DV_IN_DEPTH_PATCH) ? 'v2' : 'v1';
  const dv = input.dv;
  const clockPolicy = input.clock && patched(STAGE_CLOCK_PATCH) ? input.clock.policy : undefined;
  const teamLeadId = input.clock?.teamLeadId ?? null;
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
  if (clockPolicy) {
    state.clock = newClock(clockPolicy, openedAt);
    armStage(state.clock, clockPolicy, 'ELIGIBILITY_SCREENING', openedAt);
  }

  let taskSeq = 0;
  const context = (): ChangeContext => ({
    at: new Date().toISOString(),
    nextTaskId: () => `T${++taskSeq}`,
    dueAt: (stage, from) => dueAt(input, stage, from),
    ...(clockPolicy ? { clockPolicy } : {}),
  });
  // Bumped on every recorded change, so the stage clock re-reads its schedule after anything happens.
  let clockEpoch = 0;

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
    clockEpoch += 1;
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
  accrue(state, new Date().toISOString());
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
    const ctx = context();
    accrue(state, ctx.at);
    applyCommand(state, command, verdict.accepted, ctx);
    if (command.type === 'RECORD_DECISION' && state.clock && clockPolicy && state.dvClockStartedAt) {
      state.clock.targetMet = dvTargetMet(
        clockPolicy,
        state.dvClockStartedAt,
        ctx.at,
        state.clock.waitingSegments,
      );
    }
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
        accrue(state, new Date().toISOString());
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
    const ctx = context();
    accrue(state, ctx.at);
    moveTo(state, 'INVESTIGATION', ctx);
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

  /** Fires one clock event: a reminder, an escalation, a chaser, a referee decision task, or the lapse. */
  const fire = async (event: ClockEvent): Promise<void> => {
    const clock = state.clock;
    if (!clock) return;
    const ctx = context();
    accrue(state, ctx.at);
    clock.sent.push(event.key);
    const from = state.stage;
    if (event.kind === 'QUESTIONNAIRE_LAPSE') {
      moveTo(state, 'LAPSED', ctx);
      void record(SYSTEM_ACTOR, 'LAPSE', from, { key: event.key });
      await notify(state.applicantId, 'APPLICANT', 'LAPSE', event.key);
      return;
    }
    if (event.kind === 'REFEREE_DECISION') {
      applyCommand(
        state,
        {
          type: 'OPEN_TASK',
          actor: SYSTEM_ACTOR,
          kind: 'ENQUIRY',
          title: 'A referee has not responded: decide whether to substitute them',
          details: { refereeTask: event.taskId ?? null },
        },
        { action: 'OPEN_TASK', from, to: from },
        ctx,
      );
    }
    void record(SYSTEM_ACTOR, 'SEND_REMINDER', from, {
      kind: event.kind,
      key: event.key,
      taskId: event.taskId ?? null,
    });
    const [recipient, role] = recipientOf(event.kind);
    await notify(recipient, role, event.kind, event.key);
  };

  const recipientOf = (kind: ClockEventKind): [string | null, 'OFFICER' | 'TEAM_LEAD' | 'APPLICANT'] => {
    switch (kind) {
      case 'DEADLINE_ESCALATION':
      case 'REPEAT_ESCALATION':
        return [teamLeadId, 'TEAM_LEAD'];
      case 'QUESTIONNAIRE_CHASER':
      case 'QUESTIONNAIRE_LAPSE':
        return [state.applicantId, 'APPLICANT'];
      default:
        return [state.assignee, 'OFFICER'];
    }
  };

  /** One discreet notice per clock event: the event key is the outbox dedupe key, so it is sent exactly once. */
  const notify = async (
    recipient: string | null,
    role: 'OFFICER' | 'TEAM_LEAD' | 'APPLICANT',
    reason: string,
    key: string,
  ): Promise<void> => {
    if (!recipient) return;
    try {
      await afterWrites(() =>
        notifyCaseUpdate({
          caseId: input.caseId,
          recipient,
          role,
          reason,
          dedupeKey: `${input.caseId}:${key}`,
        }),
      );
    } catch (error) {
      log.warn('clock notice could not be emailed', { caseId: input.caseId, reason, error: String(error) });
    }
  };

  /** The stage clock: sleeps until the next due event, fires it, and re-reads the schedule after any change. */
  const runClock = async (policy: ClockPolicy): Promise<void> => {
    while (!isClosedStage(state.stage)) {
      const epoch = clockEpoch;
      const event = nextClockEvent(state, policy);
      if (!event) {
        await condition(() => clockEpoch !== epoch);
        continue;
      }
      const wait = Date.parse(event.at) - Date.now();
      if (wait > 0 && (await condition(() => clockEpoch !== epoch, wait))) continue;
      await fire(event);
    }
  };

  await opened;
  await screened;
  screeningRecorded = true;
  if (clockPolicy) void runClock(clockPolicy);
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

/** Whether the vetting-owned time from questionnaire acceptance to decision was within the DV target. */
function dvTargetMet(
  policy: ClockPolicy,
  startedAt: string,
  decidedAt: string,
  waiting: { from: string; to: string }[],
): boolean {
  const waited = waiting.reduce((sum, s) => sum + elapsedUnits(policy, s.from, s.to), 0);
  return elapsedUnits(policy, startedAt, decidedAt) - waited <= policy.targets.DV;
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
