// One vetting case as a story: it opens and is screened, then people act on it (Updates) and the workflow
// moves it on by itself (check results, the end of record checks, reminders, lapse) until it closes.
// Every change goes through decide() (workflows/case-decide.ts): the transition table and the rules say what is
// allowed, and the same function applies it. Where things live:
//   case-decide.ts        validate-then-apply, the pure stage-entry effects
//   case-state.ts         the state changes themselves
//   read-model-writer.ts  the write chain and the case recorder (read-model events and snapshots)
//   notices.ts            discreet notices
//   case-record-checks.ts record checks as child workflows
//   clock-runner.ts       reminders, escalations, chasers, lapse (schedule in stage-clock.ts)
import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case.activities';
import type { ClearanceActivities } from '../activities/clearances';
import type {
  Accepted,
  CaseCommand,
  CaseCommandType,
  Rejection,
  Stage,
  SystemCommand,
} from '../libs/domain/src';
import { BASELINE_CHECK_TYPES, SYSTEM_ACTOR, awaitingBaseline } from '../libs/domain/src';
import { assignmentConflict } from '../libs/domain/src/conflict-of-interest';
import { allowedActions, isClosedStage } from '../libs/domain/src/stage-model';
import { DEFAULT_CLEARANCE_REVIEW_YEARS, reviewDueDateProblem, ukDateOf } from '../libs/domain/src/clearance';
import { screenEligibility } from '../libs/domain/src/eligibility';
import type { ClockPolicy } from '../libs/domain/src/clock';
import type { AftercareTiming } from '../libs/domain/src/clearance';
import type { NewClearance } from '../libs/persistence/src/clearance-store';
import type { EligibilityResult } from '../libs/domain/src/eligibility';
import type {
  CaseResult,
  CaseSnapshot,
  RenewalOutcome,
  RenewalSuccessionAnswer,
  VettingCaseInput,
} from '../libs/contracts/src';
import {
  COMMAND_UPDATES,
  DEFAULT_SUCCESSION_ANSWER_MS,
  SUCCESSION_ASKS,
  REJECTION_FAILURE_TYPE,
  awaitScreeningUpdate,
  clearanceHeldWorkflowId,
  caseFactsOf,
  getCaseQuery,
  renewalOutcomeSignal,
  renewalSuccessionAnsweredSignal,
  renewalSuccessionAskedSignal,
  renewedClearanceEndedSignal,
} from '../libs/contracts/src';
import { RENEWAL_SUCCESSION_PATCH, clearanceHeldWorkflow } from './clearance-held.workflow';
import type { AnyCaseCommand, DecideContext, Referee } from './case-decide';
import { copyOf, decide, payloadOf, screeningCommand } from './case-decide';
import { initialSnapshot } from './case-state';
import { runRecordChecks } from './case-record-checks';
import { recipientOf, runClock } from './clock-runner';
import { discreetNotices } from './notices';
import {
  WRITE_ACTIVITY_OPTIONS,
  WRITES_SURVIVE_REFUSAL_PATCH,
  WriteChain,
  caseRecorder,
} from './read-model-writer';
import type { ClockEvent } from './stage-clock';
import { armStage, newClock } from './stage-clock';

const { storeQuestionnaireVersion, createClearance } =
  proxyActivities<CaseActivities>(WRITE_ACTIVITY_OPTIONS);
const { prefillRenewalQuestionnaire, renewedClearanceLive } =
  proxyActivities<ClearanceActivities>(WRITE_ACTIVITY_OPTIONS);

/**
 * Cases started before this marker run the foundation rules (officers move the middle stages by hand);
 * cases started after it run the DV stages in depth. Replay keeps each case on the rules it started with.
 */
export const DV_IN_DEPTH_PATCH = 'dv-in-depth-v2';
/** Cases started after this marker run stage clocks (reminders, escalations, chasers, lapse). */
export const STAGE_CLOCK_PATCH = 'stage-clocks-v3';
/** Cases that become ineligible after this marker tell the sponsor and the applicant, as decisions do. */
export const INELIGIBLE_NOTICE_PATCH = 'ineligible-notice-v4';
/** Grants after this marker start a clearance-held workflow (aftercare) for the clearance they record. */
export const CLEARANCE_HELD_PATCH = 'start-clearance-held';
/** Renewal cases (input.renewal) after this marker skip screening and tell the clearance how they ended. */
export const RENEWAL_CASE_PATCH = 'renewal-case';
/**
 * Renewal grants after this marker (and before RENEWAL_SUCCESSION_PATCH) record a successor only while the renewed
 * clearance's stored row is live. Superseded: the row may not yet hold an end already decided.
 */
export const RENEWAL_NEEDS_LIVE_CLEARANCE_PATCH = 'renewal-needs-live-clearance';
/**
 * Renewal grants after this marker ask the clearance-held workflow, the one writer of the clearance's life, before
 * recording a successor, and record one only if it accepts (clearance-held.workflow.ts says how it answers).
 */
export { RENEWAL_SUCCESSION_PATCH };
/**
 * Renewal grants after this marker whose succession request the clearance never answered (every ask timed out)
 * tell the case's officer discreetly (RENEWAL_SUCCESSION_UNANSWERED), so someone looks at a clearance whose
 * workflow is silent; before it, the grant just went without a successor and only the log said why.
 */
export const RENEWAL_SUCCESSION_UNANSWERED_NOTICE_PATCH = 'renewal-succession-unanswered-notice';
/** First DV applications started after this marker pass baseline (BPSS) checks before the questionnaire. */
export const BASELINE_CHECKS_PATCH = 'baseline-checks';
/** Cases opened without an invitation (input.sponsorHold) after this marker wait for the sponsor they name. */
export const SPONSOR_HOLD_PATCH = 'sponsor-hold';

/** The once-only key of the lapse of a sponsorship request that nobody answered. */
const SPONSOR_HOLD_LAPSE_KEY = 'sponsor-hold:lapse';
/** Held cases after this marker remind their sponsor once before the hold lapses (sponsorHold.remindBeforeLapseMs). */
export const SPONSOR_HOLD_REMINDER_PATCH = 'sponsor-hold-reminder';

/** A renewal is not screened for eligibility again: the holder was, and holds the clearance being renewed. */
const RENEWAL_SCREENING: EligibilityResult = { outcome: 'ELIGIBLE', reasons: [], flags: [], residence: null };

/** A change that was accepted: the stored snapshot to come, and what entering a new stage started. */
type Change = { ok: true; accepted: Accepted; stored: Promise<CaseSnapshot>; entered?: Promise<void> };

/** One vetting application, from eligibility screening to a closed outcome. The workflow id is the case key. */
export async function vettingCaseWorkflow(input: VettingCaseInput): Promise<CaseResult> {
  const { caseId } = input;
  // The rules a case runs under are fixed when it starts.
  const rules = input.dv && patched(DV_IN_DEPTH_PATCH) ? 'v2' : 'v1';
  const dv = rules === 'v2' ? input.dv : undefined;
  const clockPolicy = input.clock && patched(STAGE_CLOCK_PATCH) ? input.clock.policy : undefined;
  const teamLeadId = input.clock?.teamLeadId ?? null;
  const renewal = input.renewal && patched(RENEWAL_CASE_PATCH) ? input.renewal : undefined;
  const hold = input.sponsorHold && patched(SPONSOR_HOLD_PATCH) ? input.sponsorHold : undefined;

  const state = openedCase(input, rules, clockPolicy, hold);
  if (renewal) state.renewalOf = renewal.clearanceId;
  // A case fact fixed at the start: renewals skip BPSS (the holder passed it), as do cases from before it. The
  // figures its declaration is judged by come from its input (absent before BPSS_*: the published ones); only
  // the state records them, no command changes, so replay needs no marker.
  if (dv && !renewal && patched(BASELINE_CHECKS_PATCH)) state.baseline = awaitingBaseline(dv.baseline);
  // The clearance a grant recorded and followed, which a renewal's clearance is superseded by.
  let grantedClearanceId: string | null = null;
  // The renewed clearance's answer to this grant's request to record a successor (null until it comes), and
  // whether the grant went without one because the clearance did not accept (then the outcome sent is CLOSED).
  let successionAnswer: RenewalSuccessionAnswer | null = null;
  let successionDeclined = false;
  // Bumped on every recorded change, so the stage clock re-reads its schedule after anything happens.
  let epoch = 0;
  const chain = new WriteChain(patched(WRITES_SURVIVE_REFUSAL_PATCH));
  const { record } = caseRecorder(caseId, input.application, state, chain, () => (epoch += 1));
  const notify = discreetNotices(chain, { caseId });
  const checksScope = new CancellationScope();
  // What the latest questionnaire named, for opening referee enquiries when investigation starts.
  let referees: Referee[] = [];
  let screeningRecorded = false;

  const context = (): DecideContext => ({
    at: new Date().toISOString(),
    dueAt: (stage, from) => dueAt(input, stage, from),
    ...(clockPolicy ? { clockPolicy } : {}),
    ...(dv ? { dv } : {}),
    referees,
  });

  /** Decides a command; if accepted, the case changes, the change is recorded, and entering a stage starts. */
  const change = (command: AnyCaseCommand): Change | { ok: false; rejection: Rejection } => {
    const decision = decide(state, command, context());
    if (!decision.ok) return decision;
    const { accepted } = decision;
    Object.assign(state, decision.state);
    if (command.type === 'SUBMIT_QUESTIONNAIRE' && dv) keepQuestionnaire(command);
    // The first declaration requests the BPSS record check, through the same providers as the DV checks.
    if (command.type === 'SUBMIT_BASELINE' && dv && state.baseline?.version === 1) {
      void checksScope.run(() => runRecordChecks(caseId, dv, recordCheckOutcome, BASELINE_CHECK_TYPES));
    }
    const stored = record(command.actor, accepted.action, accepted.from, payloadOf(command));
    const entered = accepted.from === accepted.to ? undefined : ON_ENTERING[accepted.to]?.();
    return { ok: true, accepted, stored, ...(entered ? { entered } : {}) };
  };

  /** Each submitted version is kept apart from the history (which notes only that it arrived). */
  const keepQuestionnaire = (command: Extract<CaseCommand, { type: 'SUBMIT_QUESTIONNAIRE' }>): void => {
    referees = refereesIn(command.content);
    const { version } = state.questionnaire;
    const { actor: submittedBy, content } = command;
    void chain.after(() => storeQuestionnaireVersion({ caseId, version, content, submittedBy }));
  };

  /** What entering a stage starts outside the state, keyed by stage (decide() made the state changes). */
  const ON_ENTERING: Partial<Record<Stage, () => Promise<void> | undefined>> = {
    RECORD_CHECKS: () => {
      if (dv) void checksScope.run(() => runRecordChecks(caseId, dv, recordCheckOutcome));
      return undefined;
    },
    GRANTED: () => decided(),
    GRANTED_WITH_CONDITIONS: () => decided(),
    REFUSED: () => decided(),
    INELIGIBLE: () => toldIneligible(),
    BASELINE_FAILED: () => tellSponsorThenApplicant(),
  };

  // 1. The case opens and is screened before any handler can run, so no command sees an unscreened case. A case
  // held for its sponsor is screened only once the sponsor confirms (see 6).
  const opened = record(SYSTEM_ACTOR, 'OPEN_CASE', null, renewal ? { renewalOf: renewal.clearanceId } : {}, {
    withApplication: true,
  });
  const screen = (): Change => {
    const eligibility = renewal
      ? RENEWAL_SCREENING
      : screenEligibility(input.application, input.policy, {
          asOf: input.receivedAt.slice(0, 10),
          hasOtherActiveApplication: false,
        });
    const screening = change(screeningCommand(eligibility));
    if (!screening.ok) throw new Error(`screening refused: ${screening.rejection.message}`);
    return screening;
  };
  let screened = hold ? undefined : screen();

  // 2. People act on the case: one Update per command, validated before it enters history.
  const validate = (expected: CaseCommandType, command: CaseCommand): void => {
    if (command.type !== expected) {
      throw ApplicationFailure.create({
        type: REJECTION_FAILURE_TYPE,
        message: `update ${expected} was sent a ${command.type} command`,
        nonRetryable: true,
      });
    }
    const ctx = context();
    const verdict = decide(state, command, ctx);
    if (!verdict.ok) throw rejectionFailure(verdict.rejection);
    // Never the applicant or sponsor as the officer on their own case (issue 9.6). The API also checks the staff
    // directory, which the workflow cannot see; this catches a command that did not come through the API.
    // Validator only, like the review date below: old histories replay unchanged.
    if (command.type === 'ASSIGN_OFFICER') {
      const conflict = assignmentConflict(command.officerId, state);
      if (conflict) {
        throw rejectionFailure({
          code: 'INVALID_COMMAND',
          message: conflict,
          stage: state.stage,
          allowedActions: allowedActions(state.stage, caseFactsOf(state)),
        });
      }
    }
    // The review date is bounded by the case's own DV policy (the default period on cases without one). Checked in the validator only: a refused update
    // never enters history and validators do not run on replay, so old histories replay unchanged.
    if (command.type === 'RECORD_DECISION' && command.reviewDueDate !== undefined) {
      const today = ukDateOf(ctx.at);
      const problem = reviewDueDateProblem(
        command.reviewDueDate,
        today,
        dv?.clearanceReviewYears ?? DEFAULT_CLEARANCE_REVIEW_YEARS,
      );
      if (problem) {
        throw rejectionFailure({
          code: 'INVALID_COMMAND',
          message: problem,
          stage: state.stage,
          allowedActions: allowedActions(state.stage, caseFactsOf(state)),
        });
      }
    }
  };
  const act = async (command: CaseCommand): Promise<CaseSnapshot> => {
    // Validated once already, but another update may have moved the case since: decide again.
    const done = change(command);
    if (!done.ok) throw rejectionFailure(done.rejection);
    const { action, from, to } = done.accepted;
    log.info('case transition', { caseId, action, from, to });
    if (done.entered) await done.entered;
    return done.stored;
  };
  for (const [type, update] of Object.entries(COMMAND_UPDATES) as [
    CaseCommandType,
    (typeof COMMAND_UPDATES)[CaseCommandType],
  ][]) {
    setHandler(
      update,
      async (command: CaseCommand) => {
        const snapshot = await act(command);
        if (dv && state.stage === 'RECORD_CHECKS') completeRecordChecksIfDone();
        return snapshot;
      },
      { validator: (command: CaseCommand) => validate(type, command) },
    );
  }
  setHandler(awaitScreeningUpdate, async () => {
    await condition(() => screeningRecorded);
    return copyOf(state);
  });
  setHandler(getCaseQuery, () => copyOf(state));
  // The clearance this case renews ended: the system withdraws the case (refused once it has closed).
  if (renewal) {
    setHandler(renewedClearanceEndedSignal, ({ reason }) => {
      const done = change({ type: 'WITHDRAW_RENEWAL', actor: SYSTEM_ACTOR, reason });
      if (!done.ok) log.info('renewal not withdrawn', { caseId, reason: done.rejection.message });
      else void done.stored;
    });
    setHandler(renewalSuccessionAnsweredSignal, (answer: RenewalSuccessionAnswer) => {
      // Only the clearance this case renews answers for it; its answer for a case never changes.
      if (answer.clearanceId === renewal.clearanceId) successionAnswer = answer;
    });
  }

  // 3. Record checks report their outcomes; the stage ends by itself once everything is in and reviewed.
  function recordCheckOutcome(checkType: string, outcome: string): void {
    const done = change({ type: 'RECORD_CHECK_RESULT', actor: SYSTEM_ACTOR, checkType, outcome });
    // Refused when the case has moved on (withdrawn, say) while the check ran: nothing to record.
    if (!done.ok) return;
    void done.stored;
    completeRecordChecksIfDone();
  }
  function completeRecordChecksIfDone(): void {
    if (state.stage !== 'RECORD_CHECKS') return;
    const done = change({ type: 'COMPLETE_RECORD_CHECKS', actor: SYSTEM_ACTOR });
    if (done.ok) void done.stored;
  }

  // 4. A decision: a grant records the clearance; the sponsor hears first, then the applicant.
  async function decided(): Promise<void> {
    const decision = state.decision;
    if (!decision || !dv) return;
    if (decision.outcome !== 'REFUSED' && state.applicantId) {
      const grantedOn = decision.at.slice(0, 10);
      const clearance = {
        caseId,
        personId: state.applicantId,
        level: 'DV' as const,
        grantedOn,
        reviewDue: decision.reviewDueDate ?? addYears(grantedOn, dv.clearanceReviewYears),
        conditions: decision.conditions,
      };
      const timing = dv.aftercare && patched(CLEARANCE_HELD_PATCH) ? dv.aftercare : undefined;
      if (renewal && patched(RENEWAL_SUCCESSION_PATCH)) {
        // The clearance's own workflow decides, in its order of events, whether it is still there to renew.
        if (!(await successionAccepted(renewal))) {
          successionDeclined = true;
          log.warn('renewal granted but the clearance did not accept a successor: none recorded', {
            caseId,
            clearanceId: renewal.clearanceId,
            reason: successionAnswer?.reason ?? 'no answer',
          });
          await tellSponsorThenApplicant();
          return;
        }
      } else if (renewal && patched(RENEWAL_NEEDS_LIVE_CLEARANCE_PATCH)) {
        const { clearanceId } = renewal;
        // The clearance ended (withdrawn, lapsed) before its end reached this case: nothing is left to renew.
        if (!(await chain.write(() => renewedClearanceLive({ clearanceId })))) {
          log.warn('renewal granted for an ended clearance: no successor recorded', { caseId, clearanceId });
          await tellSponsorThenApplicant();
          return;
        }
      }
      if (!timing) {
        await chain.after(() => createClearance(clearance));
      } else {
        // The clearance gets its own opaque id (uuid4 is replay-safe), which keys its aftercare workflow.
        const held = { ...clearance, clearanceId: uuid4(), sponsorId: state.sponsorId };
        grantedClearanceId = held.clearanceId;
        await chain.after(() => createClearance(held));
        await startAftercare(held, timing);
      }
    }
    await tellSponsorThenApplicant();
  }
  /**
   * Asks the renewed clearance's workflow whether this grant may record a successor and waits for its answer. A
   * workflow that has closed has ended the clearance (or been superseded): no. Unanswered, it asks again (the
   * answer never changes), and after SUCCESSION_ASKS it records none: no clearance without the clearance's word.
   */
  async function successionAccepted(renewed: NonNullable<VettingCaseInput['renewal']>): Promise<boolean> {
    const waitMs = renewed.successionAnswerMs ?? DEFAULT_SUCCESSION_ANSWER_MS;
    const held = getExternalWorkflowHandle(clearanceHeldWorkflowId(renewed.clearanceId));
    for (let ask = 1; ask <= SUCCESSION_ASKS; ask += 1) {
      try {
        await held.signal(renewalSuccessionAskedSignal, { caseId });
      } catch (error) {
        log.warn('renewed clearance not asked: its workflow has closed', { caseId, error: String(error) });
        return false;
      }
      if (await condition(() => successionAnswer !== null, waitMs))
        return successionAnswer?.accepted === true;
      log.warn('renewed clearance has not answered yet: asking again', { caseId, ask });
    }
    log.error('renewed clearance never answered: no successor recorded', { caseId });
    // The plain "there is an update" notice: nothing of the clearance or the holder in it.
    if (state.assignee && patched(RENEWAL_SUCCESSION_UNANSWERED_NOTICE_PATCH)) {
      await notify({
        caseId,
        recipient: state.assignee,
        role: 'OFFICER',
        reason: 'RENEWAL_SUCCESSION_UNANSWERED',
        dedupeKey: `${caseId}:renewal-succession-unanswered:OFFICER`,
      });
    }
    return false;
  }
  /** Starts the years-long clearance-held workflow; it outlives this case (abandoned, not cancelled, at close). */
  async function startAftercare(
    held: NewClearance & { clearanceId: string; sponsorId: string | null },
    timing: AftercareTiming,
  ): Promise<void> {
    await startChild(clearanceHeldWorkflow, {
      workflowId: clearanceHeldWorkflowId(held.clearanceId),
      taskQueue: workflowInfo().taskQueue,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          clearanceId: held.clearanceId,
          caseId,
          holderId: held.personId,
          sponsorId: held.sponsorId,
          grantedOn: held.grantedOn,
          renewalDue: held.reviewDue,
          conditions: held.conditions,
          timing,
        },
      ],
    });
  }
  async function toldIneligible(): Promise<void> {
    if (patched(INELIGIBLE_NOTICE_PATCH)) await tellSponsorThenApplicant();
  }
  /** Outcomes go to the sponsor first, who tells the applicant; both messages are discreet (no outcome, no agency). */
  async function tellSponsorThenApplicant(): Promise<void> {
    const recipients = [
      [state.sponsorId, 'SPONSOR'],
      [state.applicantId, 'APPLICANT'],
    ] as const;
    for (const [recipient, role] of recipients) {
      if (recipient) await notify({ caseId, recipient, role, reason: 'DECISION' });
    }
  }

  /** A renewal case tells the clearance it renews how it ended (the clearance's rules decide what follows). */
  async function tellRenewedClearance(clearanceId: string): Promise<void> {
    const decision = state.decision;
    const outcome: RenewalOutcome = {
      caseId,
      // A grant the clearance did not accept a successor for leaves it as it was: closed, not renewed.
      outcome:
        !decision || successionDeclined ? 'CLOSED' : decision.outcome === 'REFUSED' ? 'REFUSED' : 'GRANTED',
      successorId: grantedClearanceId,
      decidedBy: decision?.by ?? null,
      disclosableReasons: decision?.disclosableReasons.join('; ') ?? '',
    };
    try {
      await getExternalWorkflowHandle(clearanceHeldWorkflowId(clearanceId)).signal(
        renewalOutcomeSignal,
        outcome,
      );
    } catch (error) {
      // The clearance ended meanwhile (withdrawn, lapsed): there is nothing left to renew or refuse.
      log.warn('renewed clearance not told', { caseId, clearanceId, error: String(error) });
    }
  }

  // 5. The stage clock: reminders, escalations, chasers, the referee decision point, the lapse.
  const fire = async (event: ClockEvent): Promise<void> => {
    const lapse = event.kind === 'QUESTIONNAIRE_LAPSE' || event.kind === 'BASELINE_LAPSE';
    const command: SystemCommand = lapse
      ? { type: 'LAPSE', actor: SYSTEM_ACTOR, key: event.key }
      : {
          type: 'SEND_REMINDER',
          actor: SYSTEM_ACTOR,
          kind: event.kind,
          key: event.key,
          taskId: event.taskId ?? null,
        };
    const done = change(command);
    if (!done.ok) {
      // The schedule offered an event the table refuses: a bug. Skip it rather than fire it for ever.
      log.error('clock event refused', { caseId, key: event.key, reason: done.rejection.message });
      state.clock?.sent.push(event.key);
      return;
    }
    void done.stored;
    const [recipient, role] = recipientOf(event.kind, state, teamLeadId);
    const reason = lapse ? 'LAPSE' : event.kind;
    // The event key is the notice's dedupe key, so each goes out once whatever retries or restarts happen.
    if (recipient) await notify({ caseId, recipient, role, reason, dedupeKey: `${caseId}:${event.key}` });
  };

  await opened;
  // A renewal starts from the last accepted questionnaire (its draft needs the case row, written by now).
  if (renewal) {
    const { previousCaseId } = renewal;
    await chain.after(() => prefillRenewalQuestionnaire({ caseId, previousCaseId }));
  }
  if (hold) screened = await heldForSponsor(hold);
  if (screened) {
    await screened.stored;
    if (screened.entered) await screened.entered;
  }
  screeningRecorded = true;
  if (clockPolicy && screened) void runClock(clockPolicy, { state, epoch: () => epoch, fire });
  log.info('case screened', { caseId, outcome: state.eligibility?.outcome ?? null, stage: state.stage });

  /**
   * 6. A case opened without an invitation waits for the sponsor it names: they confirm (it is screened, as any
   * other), decline, the applicant withdraws, or the request lapses. Screened only once confirmed, if at all.
   */
  async function heldForSponsor(
    held: NonNullable<VettingCaseInput['sponsorHold']>,
  ): Promise<Change | undefined> {
    // The submission is answered with the held case straight away.
    screeningRecorded = true;
    const { requestedSponsorId, confirmWithinMs } = held;
    const lapsesAt = Date.now() + confirmWithinMs;
    const isAnswered = (): boolean => state.stage !== 'AWAITING_SPONSOR';
    await notify({ caseId, recipient: requestedSponsorId, role: 'SPONSOR', reason: 'SPONSORSHIP_REQUEST' });
    const remindBefore = held.remindBeforeLapseMs ?? 0;
    let answered: boolean;
    if (remindBefore > 0 && remindBefore < confirmWithinMs && patched(SPONSOR_HOLD_REMINDER_PATCH)) {
      answered = await condition(isAnswered, confirmWithinMs - remindBefore);
      if (!answered) {
        const dedupeKey = `${caseId}:sponsor-hold:reminder`;
        await notify({
          caseId,
          recipient: requestedSponsorId,
          role: 'SPONSOR',
          reason: 'REMINDER',
          dedupeKey,
        });
        answered = await condition(isAnswered, Math.max(0, lapsesAt - Date.now()));
      }
    } else {
      // Cases held before the marker (or with no reminder) wait for the lapse in one go, as recorded.
      answered = await condition(isAnswered, confirmWithinMs);
    }
    if (!answered) {
      const lapsed = change({ type: 'LAPSE', actor: SYSTEM_ACTOR, key: SPONSOR_HOLD_LAPSE_KEY });
      if (lapsed.ok) await lapsed.stored;
    }
    if (state.stage === 'ELIGIBILITY_SCREENING') return screen();
    // Declined or lapsed: the applicant hears there is an update (their own withdrawal needs no notice).
    if (state.stage !== 'WITHDRAWN' && state.applicantId) {
      const reason = state.stage === 'LAPSED' ? 'LAPSE' : 'DECISION';
      await notify({ caseId, recipient: state.applicantId, role: 'APPLICANT', reason });
    }
    return undefined;
  }

  // 7. The case closes: stop what still runs, let every write land, let every handler answer.
  await condition(() => isClosedStage(state.stage));
  if (rules === 'v2') checksScope.cancel();
  await chain.drained();
  await condition(allHandlersFinished);
  if (renewal) await tellRenewedClearance(renewal.clearanceId);
  return { caseId, stage: state.stage, closedAt: state.closedAt ?? new Date().toISOString() };
}

/** The state of a case that has just opened, with its clock armed for screening. */
function openedCase(
  input: VettingCaseInput,
  rules: 'v1' | 'v2',
  clockPolicy: ClockPolicy | undefined,
  hold?: VettingCaseInput['sponsorHold'],
): CaseSnapshot {
  const openedAt = new Date().toISOString();
  const state = initialSnapshot(
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
  if (hold) {
    // Not yet vetting work: due when the request lapses, and no stage clock armed until the sponsor confirms.
    state.stage = 'AWAITING_SPONSOR';
    state.requestedSponsorId = hold.requestedSponsorId;
    state.stageDueAt = new Date(Date.parse(openedAt) + hold.confirmWithinMs).toISOString();
  }
  if (clockPolicy) {
    state.clock = newClock(clockPolicy, openedAt);
    armStage(state.clock, clockPolicy, state.stage, openedAt);
  }
  return state;
}

function dueAt(input: VettingCaseInput, stage: Stage, from: string): string | null {
  const ms = (input.stageDurationsMs as Partial<Record<Stage, number>>)[stage];
  return ms === undefined ? null : new Date(Date.parse(from) + ms).toISOString();
}

/** Referees named in a submitted questionnaire (its shape is validated by the API before it gets here). */
function refereesIn(content: Record<string, unknown>): Referee[] {
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
